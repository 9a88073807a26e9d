// Where the app's first load spends its time, not a figure of `npm run bench`: `npx tsx scripts/bench/timeline.ts`
// seeds TIMELINE_PINS walk pins (default 50,000, so the walk layer comes from tiles), starts the real server on the
// bench's build and prints, for each of TIMELINE_RUNS loads, one line per event in milliseconds from navigation start:
// every request (the map worker's tile requests too) with when its answer ended, the main thread's long tasks, when
// the map object exists (`window.__mapa`) and the first frame with a walk cluster — the probe of measurement 8.
// The first load after start-up also builds the tile index. Settings: TIMELINE_DATA reuses (or seeds once) a data
// directory, TIMELINE_DIST serves another build, TIMELINE_GL=1 also times every WebGL call and prints the slowest,
// TIMELINE_CHANGE=1 adds one pin before every load after the first (as measurement 8's load right after a change).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACT, launchChromium } from './browser.ts';
import { DIST, ensureAppBuild } from './build.ts';
import { HOST, krakowPoints, PORTS, startAppServer } from './lib.ts';
import { seedPoints } from './seed.ts';
import { APP_PROBE } from './tiles.ts';

const pins = Number(process.env.TIMELINE_PINS ?? 50_000);
const runs = Number(process.env.TIMELINE_RUNS ?? 3);
const timeGl = process.env.TIMELINE_GL === '1';
const change = process.env.TIMELINE_CHANGE === '1';
const tmp = process.env.TIMELINE_DATA ? null : mkdtempSync(join(tmpdir(), 'mapa-timeline-'));
const dataDir = process.env.TIMELINE_DATA ?? join(tmp!, 'data');
if (!existsSync(dataDir)) await seedPoints(dataDir, krakowPoints(pins));
const dist = process.env.TIMELINE_DIST ?? DIST;
if (!process.env.TIMELINE_DIST) ensureAppBuild();

/** Runs in the page before its own scripts: records marks, long tasks and (optionally) WebGL calls. */
const PAGE_SCRIPT = `(() => {
  const marks = (window.__timeline = { marks: [], gl: {} }).marks;
  const mark = (what) => marks.push([what, Math.round(performance.now())]);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.push(['long task ' + Math.round(e.duration) + ' ms', Math.round(e.startTime)]);
  }).observe({ type: 'longtask', buffered: true });
  if (${timeGl}) {
    for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
      for (const name of Object.getOwnPropertyNames(C.prototype)) {
        const f = Object.getOwnPropertyDescriptor(C.prototype, name).value;
        if (typeof f !== 'function') continue;
        C.prototype[name] = function (...args) {
          const t = performance.now();
          try { return f.apply(this, args); } finally {
            const e = (window.__timeline.gl[name] ??= [0, 0]);
            e[0]++;
            e[1] += performance.now() - t;
          }
        };
      }
    }
  }
  let map = false;
  const tick = () => {
    if (!map && window.__mapa) { map = true; mark('map object'); }
    if (map && ${APP_PROBE}) {
      mark('first cluster');
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // As measurement 8: a resident moving the mouse from the first frame, so the map starts at once.
  ${ACT}
  document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
  window.addEventListener('load', () => mark('load'));
})();`;

interface PageTimeline {
  marks: [string, number][];
  gl: Record<string, [number, number]>;
  origin: number;
}

const server = await startAppServer(dataDir, dist);
const browser = await launchChromium();
const origin = `http://${HOST}:${PORTS.app}`;
try {
  for (let run = 0; run < runs; run++) {
    // Written by a connection of its own while the server runs, as a second instance's approval would be.
    if (change && run > 0) await seedPoints(dataDir, krakowPoints(1), { n: Date.now(), at: Date.now() });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const requests: { url: string; start: number; end: number }[] = [];
    page.on('requestfinished', (r) => {
      const t = r.timing();
      requests.push({ url: r.url().replace(origin, ''), start: t.startTime, end: t.startTime + t.responseEnd });
    });
    await page.addInitScript({ content: PAGE_SCRIPT });
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __timeline: PageTimeline }).__timeline.marks.some((m) => m[0] === 'first cluster'),
      undefined,
      { timeout: 120_000, polling: 200 },
    );
    const out = await page.evaluate(() => ({
      ...(window as unknown as { __timeline: PageTimeline }).__timeline,
      origin: performance.timeOrigin,
    }));
    const rows: [number, string][] = [
      ...out.marks.map(([what, at]): [number, string] => [at, `— ${what}`]),
      ...requests.map(({ url, start, end }): [number, string] => {
        const s = Math.round(start - out.origin);
        return [s, `${url.slice(0, 90)}  → ${Math.round(end - out.origin)}`];
      }),
    ];
    const why = run === 0 ? ' (first after start-up: builds the tile index)' : change ? ' (right after a change)' : '';
    console.log(`load ${run + 1}${why}`);
    for (const [at, what] of rows.sort((a, b) => a[0] - b[0])) console.log(`${String(at).padStart(7)}  ${what}`);
    if (timeGl) {
      const slowest = Object.entries(out.gl).sort((a, b) => b[1][1] - a[1][1]);
      console.log(
        `  WebGL: ${slowest
          .slice(0, 12)
          .map(([name, [n, ms]]) => `${name} ${n}× ${Math.round(ms)} ms`)
          .join(', ')}`,
      );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
