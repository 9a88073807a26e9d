// `npm run bench`: the app side by side with a bare baseline, on this machine, in one run.
// Not part of `npm test`: it prints figures, it does not pass or fail. Loopback only (127.0.0.1, ports 4310–4313,
// or BENCH_PORT and the next three), every loop bounded. Measurements: 1 initial JS, 2 subareas drawn, 3 pins,
// 4 GET, 5 POST, 6 health under load, 7 Lighthouse, 8 pins from vector tiles (50,000 and 1,000,000) and tile
// requests per second, 9 POST on PostgreSQL (a throw-away cluster, fsync on), 10 an approval on one instance reaching
// a live-stream client of another (two instances on one cluster). Settings: BENCH_RUNS (page loads per
// side, default 5), BENCH_PIN_RUNS (default 3),
// BENCH_SECONDS (per HTTP measurement, default 5), BENCH_ONLY (e.g. "1,4": a subset of the measurements),
// BENCH_TILE_PINS (measurement 8's sizes, default "50000,1000000"), BENCH_REBUILD=0 (measure dist-bench/ as it is,
// even when sources are newer), BENCH_NODE_ARGS (extra node flags for the servers, e.g. --cpu-prof).
// See docs/benchmark.md for what each figure means and what limits it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBarePages, DIST, ensureAppBuild } from './build.ts';
import { HOST, krakowPoints, median, PIN_COUNT, PORTS, ROOT, startAppServer, startStaticServer } from './lib.ts';
import { launchChromium, webglRenderer } from './browser.ts';
import { fmtStatuses } from './load.ts';
import { measureSizes, type SizeResult } from './size.ts';
import { measureSubareas, type RenderResult } from './subareas-render.ts';
import { measurePins, type PinsResult } from './pins.ts';
import { seedPoints, type SeedResult } from './seed.ts';
import { BROWSER_ENCODINGS, measureGets, type GetResult } from './get-points.ts';
import { measurePosts, POST_CONCURRENCY, type PostResult } from './post-points.ts';
import { measurePgPosts } from './pg-posts.ts';
import { FANOUT_ROUNDS, measureFanout, p95, type FanoutResult } from './fanout.ts';
import { HEAVY_CLIENTS, measureHealthUnderLoad, type HealthResult } from './health-under-load.ts';
import { measureLighthouse, type LighthouseFigures } from './lighthouse.ts';
import { LEAFLET_BOUND_MS, measureTilePins, type TilePinsResult, type TileRateResult } from './tiles.ts';

/** Measurement 6's layer: the size of the issue's probe, a realistic big help or walk layer. */
const HEAVY_PINS = 10_000;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}
const RUNS = setting('BENCH_RUNS', 5);
const PIN_RUNS = setting('BENCH_PIN_RUNS', 3);
const SECONDS = setting('BENCH_SECONDS', 5);
/** Measurement 8's layer sizes, e.g. "50000,1000000" (the default). */
const TILE_PINS = (process.env.BENCH_TILE_PINS ?? '50000,1000000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_TILE_PINS must list positive whole numbers, got "${s}"`);
  return n;
});
const only = new Set((process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7,8,9,10').split(',').map((s) => s.trim()));
const wanted = (n: number) => only.has(String(n));

const started = Date.now();
// Other work on the machine (parallel test runs) slows every figure: the table says how busy it was.
const loadAtStart = loadavg()[0]!;
const log = (msg: string) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

if (ensureAppBuild(process.env.BENCH_REBUILD !== '0')) log('built the app into dist-bench/');
const tmp = mkdtempSync(join(tmpdir(), 'mapa-bench-'));
const pagesDir = join(tmp, 'pages');
const pins = krakowPoints();

let size: SizeResult | undefined;
let render: RenderResult | undefined;
let pinsResult: PinsResult | undefined;
let seed: SeedResult | undefined;
let gets: GetResult[] = [];
let post: PostResult | undefined;
let pgPost: PostResult | undefined;
let fanout: FanoutResult | undefined;
let health: HealthResult | undefined;
let lh: Record<string, LighthouseFigures> | undefined;
const tilePins: TilePinsResult[] = [];
let tileRate: TileRateResult[] = [];
let chromiumVersion = '—';
let renderer = '—';

try {
  if (wanted(1)) size = measureSizes(DIST);

  if (wanted(2) || wanted(3) || wanted(7) || wanted(8)) {
    await buildBarePages(pagesDir);
    writeFileSync(join(pagesDir, 'points.json'), JSON.stringify(pins));
    const statics = await startStaticServer({
      '/': pagesDir,
      '/glyphs': join(ROOT, 'public/glyphs'),
      '/subareas.geojson': join(ROOT, 'data/subareas.geojson'),
      // The offline style reads the Vistula from the app's API path; the bare page gets the same file there.
      '/api/context/vistula.geojson': join(ROOT, 'data/context/vistula.geojson'),
    });
    const browser = await launchChromium();
    try {
      chromiumVersion = browser.version();
      renderer = await webglRenderer(browser);
      if (wanted(2)) {
        log(`measurement 2: subareas drawn, ${RUNS} loads of each page`);
        const server = await startAppServer(join(tmp, 'app-empty'), DIST);
        try {
          render = await measureSubareas(browser, RUNS);
        } finally {
          await server.stop();
        }
      }
      if (wanted(3)) {
        log(`measurement 3: ${PIN_COUNT.toLocaleString('en')} pins, ${PIN_RUNS} loads of each page`);
        pinsResult = await measurePins(browser, PIN_RUNS);
      }
      if (wanted(8)) {
        for (const [i, count] of TILE_PINS.entries()) {
          log(`measurement 8: ${count.toLocaleString('en')} pins from tiles, ${PIN_RUNS} loads after the first`);
          const r = await measureTilePins({
            browser,
            tmp,
            pagesDir,
            dist: DIST,
            points: count === PIN_COUNT ? pins : krakowPoints(count),
            runs: PIN_RUNS,
            // Leaflet at a million pins blocks for minutes: one bounded try says whether it finishes at all.
            leafletRuns: count > 100_000 ? 1 : PIN_RUNS,
            rateSeconds: i === 0 ? SECONDS : null,
            log,
          });
          tilePins.push(r.pins);
          if (i === 0) tileRate = r.rate;
        }
      }
      if (wanted(7)) {
        log("measurement 7: Lighthouse, mobile preset, the app's / and the bare MapLibre page");
        const server = await startAppServer(join(tmp, 'app-lighthouse'), DIST);
        try {
          lh = await measureLighthouse({
            app: { url: `http://${HOST}:${PORTS.app}/`, lang: 'pl-PL' },
            'app, browser in English': { url: `http://${HOST}:${PORTS.app}/`, lang: 'en-US' },
            bare: { url: `http://${HOST}:${PORTS.static}/subareas.html`, lang: 'pl-PL' },
          });
        } finally {
          await server.stop();
        }
      }
    } finally {
      await browser.close();
      await new Promise((r) => statics.close(r));
    }
  }

  if (wanted(4) || wanted(5)) {
    log(`seeding ${PIN_COUNT.toLocaleString('en')} published pins`);
    const dataDir = join(tmp, 'app-seeded');
    seed = await seedPoints(dataDir, pins);
    const server = await startAppServer(dataDir, DIST);
    try {
      if (wanted(4)) {
        log(`measurement 4: GET /api/points, ${SECONDS} s per side and query`);
        gets = await measureGets(tmp, SECONDS);
      }
      if (wanted(5)) {
        log(`measurement 5: POST /api/points, ${SECONDS} s per side`);
        post = await measurePosts(tmp, SECONDS);
      }
    } finally {
      await server.stop();
    }
  }
  if (wanted(9)) {
    log(`measurement 9: POST /api/points on PostgreSQL, ${SECONDS} s per side`);
    pgPost = await measurePgPosts(DIST, SECONDS);
  }
  if (wanted(10)) {
    log(`measurement 10: ${FANOUT_ROUNDS} approvals on one instance, heard on another`);
    fanout = await measureFanout(DIST);
  }
  if (wanted(6)) {
    log(
      `measurement 6: /api/health while ${HEAVY_CLIENTS} clients download ${HEAVY_PINS.toLocaleString('en')} pins, ${SECONDS} s`,
    );
    const dataDir = join(tmp, 'app-heavy');
    await seedPoints(dataDir, krakowPoints(HEAVY_PINS, 11));
    const server = await startAppServer(dataDir, DIST);
    try {
      health = await measureHealthUnderLoad(SECONDS, '/api/points?layer=walk');
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ——— the table ———

const int = (n: number) => Math.round(n).toLocaleString('en');
const kb = (bytes: number) => `${int(bytes / 1024)} KB`;
const rate = (n: number) => (n >= 100 ? int(n) : n.toFixed(n >= 10 ? 1 : 2));
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
const rows: [string, string, string, string][] = [];
if (size) {
  rows.push([
    '1. initial JS, gzip -9 (KB = 1,024 B)',
    `${kb(size.appGzip)} (${size.appFiles.length} file${size.appFiles.length === 1 ? '' : 's'})`,
    `maplibre-gl.mjs alone: ${kb(size.maplibreGzip)}`,
    ratio(size.appGzip, size.maplibreGzip),
  ]);
}
if (render) {
  rows.push([
    `2. three subareas drawn, ms from navigation (median of ${render.app.length})`,
    int(render.appMedian),
    `bare MapLibre page: ${int(render.bareMedian)}`,
    ratio(render.appMedian, render.bareMedian),
  ]);
}
if (pinsResult) {
  rows.push([
    `3. ${PIN_COUNT.toLocaleString('en')} pins, first clustered frame, ms (median of ${pinsResult.maplibre.length})`,
    `MapLibre clustered source: ${int(pinsResult.maplibreMedian)}`,
    `Leaflet.markercluster: ${int(pinsResult.leafletMedian)}`,
    ratio(pinsResult.maplibreMedian, pinsResult.leafletMedian),
  ]);
}
for (const g of gets) {
  const what = g.query === 'bbox' ? 'bbox, Kazimierz street view' : 'whole walk layer';
  const how = g.encoding ? `${g.encoding} for "${BROWSER_ENCODINGS}"` : 'plain';
  rows.push([
    `4. GET /api/points ${what} (${int(g.features)} features, ${how}, ${kb(g.bytes)}), req/s, ${g.concurrency} conn.`,
    rate(g.app.perSecond),
    `bare node:http, same bytes: ${rate(g.bare.perSecond)}`,
    ratio(g.app.perSecond, g.bare.perSecond),
  ]);
}
if (post) {
  rows.push([
    `5. POST /api/points, 201/s, ${POST_CONCURRENCY} conn., WAL + synchronous=FULL`,
    rate(post.app.perSecond),
    `bare node:http + 1 INSERT: ${rate(post.bare.perSecond)}`,
    ratio(post.app.perSecond, post.bare.perSecond),
  ]);
}

if (pgPost) {
  rows.push([
    `9. POST /api/points on PostgreSQL, 201/s, ${POST_CONCURRENCY} conn., synchronous_commit on, fsync on`,
    rate(pgPost.app.perSecond),
    `bare node:http + node-postgres, 1 INSERT: ${rate(pgPost.bare.perSecond)}`,
    ratio(pgPost.app.perSecond, pgPost.bare.perSecond),
  ]);
}
if (fanout) {
  rows.push([
    `10. approval on instance A → live event on instance B, median of ${FANOUT_ROUNDS} (target < 1 s)`,
    `${median(fanout.otherInstance).toFixed(1)} ms`,
    `bare NOTIFY → LISTEN: ${median(fanout.bare).toFixed(1)} ms`,
    ratio(median(fanout.otherInstance), median(fanout.bare)),
  ]);
}
if (health) {
  rows.push([
    `6. GET /api/health p95 while ${HEAVY_CLIENTS} clients download ${HEAVY_PINS.toLocaleString('en')} pins (target < 50 ms)`,
    `${health.health.p95Ms.toFixed(1)} ms (layer answers: ${rate(health.heavy.perSecond)}/s)`,
    `the same check, nothing else running: ${health.idle.p95Ms.toFixed(1)} ms`,
    ratio(health.health.p95Ms, health.idle.p95Ms),
  ]);
}
for (const t of tilePins) {
  const leaflet =
    t.leafletMedian === null
      ? `Leaflet.markercluster: none within ${LEAFLET_BOUND_MS / 1000} s`
      : `Leaflet.markercluster: ${int(t.leafletMedian)}`;
  const vsLeaflet = (ms: number) =>
    t.leafletMedian === null ? `< ${ratio(ms, LEAFLET_BOUND_MS)}` : ratio(ms, t.leafletMedian);
  const what = `8. ${t.pins.toLocaleString('en')} pins, first clustered frame, ms (median of ${t.app.length})`;
  rows.push([`${what}, bare page`, `bare MapLibre from tiles: ${int(t.bareMedian)}`, leaflet, vsLeaflet(t.bareMedian)]);
  rows.push([
    `${what}, the app`,
    `app \`/\` from tiles: ${int(t.appMedian)} (first load ${t.appFirst === null ? `none within 600 s` : int(t.appFirst)}; ` +
      `right after a change ${t.appAfterChange === null ? 'failed' : int(t.appAfterChange)})`,
    leaflet,
    vsLeaflet(t.appMedian),
  ]);
}
for (const r of tileRate) {
  rows.push([
    `8. GET /api/tiles, ${r.tiles} city tiles at z13 (${kb(r.bytes)} each${r.encoding ? `, ${r.encoding}` : ', plain'}), req/s, 16 conn.`,
    rate(r.app.perSecond),
    `bare node:http, same bytes: ${rate(r.bare.perSecond)}`,
    ratio(r.app.perSecond, r.bare.perSecond),
  ]);
}
if (lh?.app && lh.bare) {
  const fig = (f: LighthouseFigures) =>
    `${f.score} (FCP ${(f.fcpMs / 1000).toFixed(1)} s, LCP ${(f.lcpMs / 1000).toFixed(1)} s, TBT ${int(f.tbtMs)} ms, ${kb(f.bytes)})`;
  rows.push([
    '7. Lighthouse mobile performance, browser in Polish (target ≥ 95 for /)',
    fig(lh.app),
    `bare MapLibre page: ${fig(lh.bare)}`,
    ratio(lh.app.score, lh.bare.score),
  ]);
}

const header: [string, string, string, string] = ['measurement', 'Mapa Rewitalizacji', 'baseline', 'app ÷ baseline'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\nMapa Rewitalizacji — npm run bench, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `Node ${process.versions.node}, ${availableParallelism()} cores, Chromium ${chromiumVersion} headless, WebGL: ${renderer}; ` +
    `loopback 127.0.0.1; ${((Date.now() - started) / 1000).toFixed(0)} s in all; ` +
    `1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
rows.forEach((r) => console.log(line(r)));

console.log('\ndetails');
if (size) {
  for (const f of size.appFiles) console.log(`  1. ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(
    `  1. maplibre-gl.mjs ${kb(size.maplibreRaw)} raw; its worker (loaded later by both, not counted) ${kb(size.workerGzip)} gzip`,
  );
}
if (render)
  console.log(`  2. runs (ms): app ${render.app.map(int).join(', ')}; bare ${render.bare.map(int).join(', ')}`);
if (pinsResult)
  console.log(
    `  3. runs (ms): MapLibre ${pinsResult.maplibre.map(int).join(', ')}; Leaflet ${pinsResult.leaflet.map(int).join(', ')}`,
  );
if (seed)
  console.log(
    `  4/5. database: ${int(seed.rows)} published rows, journal_mode=${seed.journalMode}, synchronous=${seed.synchronous}`,
  );
for (const g of gets) {
  console.log(
    `  4. ${g.query} ${g.encoding ?? 'plain'}: app p50 ${g.app.p50Ms.toFixed(1)} ms, p95 ${g.app.p95Ms.toFixed(1)} ms [${fmtStatuses(g.app.statuses)}]; ` +
      `bare p50 ${g.bare.p50Ms.toFixed(1)} ms, p95 ${g.bare.p95Ms.toFixed(1)} ms [${fmtStatuses(g.bare.statuses)}]`,
  );
  if (g.app.firstError)
    console.log(`  4. ${g.query} ${g.encoding ?? 'plain'}: app, first failed request: ${g.app.firstError}`);
}
for (const t of tilePins) {
  console.log(
    `  8. ${t.pins.toLocaleString('en')} pins: seeded in ${(t.seedMs / 1000).toFixed(1)} s; app runs (ms) ${[t.appFirst ?? NaN, ...t.app].map(int).join(', ')} (the first builds the index); ` +
      `bare tiles page ${t.bare.map(int).join(', ')}; ` +
      (t.leaflet ? `Leaflet ${t.leaflet.map(int).join(', ')}` : `Leaflet: ${t.leafletError}`),
  );
}
for (const r of tileRate) {
  console.log(
    `  8. tiles ${r.encoding ?? 'plain'}: app p50 ${r.app.p50Ms.toFixed(1)} ms, p95 ${r.app.p95Ms.toFixed(1)} ms [${fmtStatuses(r.app.statuses)}]; ` +
      `bare p50 ${r.bare.p50Ms.toFixed(1)} ms, p95 ${r.bare.p95Ms.toFixed(1)} ms [${fmtStatuses(r.bare.statuses)}]`,
  );
}
if (health) {
  console.log(
    `  6. health alone: p50 ${health.idle.p50Ms.toFixed(1)} ms, p95 ${health.idle.p95Ms.toFixed(1)} ms [${fmtStatuses(health.idle.statuses)}]; ` +
      `under load: p50 ${health.health.p50Ms.toFixed(1)} ms, p95 ${health.health.p95Ms.toFixed(1)} ms [${fmtStatuses(health.health.statuses)}]; ` +
      `layer: p50 ${health.heavy.p50Ms.toFixed(0)} ms, p95 ${health.heavy.p95Ms.toFixed(0)} ms, ${kb(health.heavy.bytes)} sent [${fmtStatuses(health.heavy.statuses)}]`,
  );
}
if (lh) {
  const en = lh['app, browser in English'];
  if (en)
    console.log(
      `  7. app, browser in English (the Polish page switched after the scripts): ${en.score} (FCP ${(en.fcpMs / 1000).toFixed(1)} s, ` +
        `LCP ${(en.lcpMs / 1000).toFixed(1)} s, TBT ${int(en.tbtMs)} ms, ${kb(en.bytes)})`,
    );
  for (const [name, f] of Object.entries(lh)) console.log(`  7. ${name}: best practices ${f.bestPractices}`);
}
if (post) {
  if (post.app.firstError) console.log(`  5. app, first failed request: ${post.app.firstError}`);
  console.log(
    `  5. app p50 ${post.app.p50Ms.toFixed(1)} ms, p95 ${post.app.p95Ms.toFixed(1)} ms [${fmtStatuses(post.app.statuses)}]; ` +
      `bare p50 ${post.bare.p50Ms.toFixed(1)} ms, p95 ${post.bare.p95Ms.toFixed(1)} ms [${fmtStatuses(post.bare.statuses)}]`,
  );
}
if (fanout) {
  console.log(
    `  10. instance B p95 ${p95(fanout.otherInstance).toFixed(1)} ms, max ${Math.max(...fanout.otherInstance).toFixed(1)} ms; ` +
      `the same event on A's own stream: median ${median(fanout.sameInstance).toFixed(1)} ms, p95 ${p95(fanout.sameInstance).toFixed(1)} ms; ` +
      `bare p95 ${p95(fanout.bare).toFixed(1)} ms`,
  );
}
if (pgPost) {
  if (pgPost.app.firstError) console.log(`  9. app, first failed request: ${pgPost.app.firstError}`);
  console.log(
    `  9. app p50 ${pgPost.app.p50Ms.toFixed(1)} ms, p95 ${pgPost.app.p95Ms.toFixed(1)} ms [${fmtStatuses(pgPost.app.statuses)}]; ` +
      `bare p50 ${pgPost.bare.p50Ms.toFixed(1)} ms, p95 ${pgPost.bare.p95Ms.toFixed(1)} ms [${fmtStatuses(pgPost.bare.statuses)}]`,
  );
}
