// The browser side of `npm run bench`: Debian's Chromium and one timing primitive for page loads.
import { chromium, type Browser, type CDPSession } from 'playwright';
import { sleep } from './lib.ts';

/** The launch used everywhere: Debian's Chromium, headless, no background traffic. WebGL falls back to SwiftShader. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Milliseconds from navigation start until `probe` (a JS expression evaluated in the page) is first true,
 * checked once per animation frame by a script that runs before the page's own (so no polling latency from Node).
 * Every run gets a fresh browser context: no HTTP cache, no storage.
 */
/**
 * For the app's own page: a resident who moves the mouse over it from the first frame. The app starts its live map
 * on the first interaction, or on a large screen only after 4 s of quiet (src/client/map-start.ts); a figure about
 * drawing the map must not count that wait. Moves until the map exists (window.__mapa, the app's test hook).
 */
export const ACT = `const move = () => {
          if (window.__mapa) return;
          window.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
          requestAnimationFrame(move);
        };
        requestAnimationFrame(move);`;

export async function timeUntil(
  browser: Browser,
  url: string,
  probe: string,
  timeoutMs = 180_000,
  { act = false } = {},
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    // A page past its bound may be stuck in one long script (Leaflet adding a million markers): closing it would
    // wait for that script to end. The inspector can stop a running script, so the bound is a real one.
    const inspector = await context.newCDPSession(page);
    // A page that throws has failed: stop at once instead of waiting for the timeout.
    const thrown = new Promise<never>((_, reject) =>
      page.once('pageerror', (e) => reject(new Error(`${url} threw: ${e.message}`))),
    );
    await page.addInitScript({
      content: `(() => {
        const tick = () => {
          let ok = false;
          try { ok = Boolean(${probe}); } catch (e) { window.__benchError = String(e); return; }
          if (ok) window.__benchDoneAt = performance.now(); else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        ${act ? ACT : ''}
      })();`,
    });
    await page.goto(url, { waitUntil: 'commit' });
    const done = page.waitForFunction(
      () => {
        const w = window as unknown as { __benchDoneAt?: number; __benchError?: string };
        return w.__benchDoneAt !== undefined || w.__benchError !== undefined;
      },
      undefined,
      { timeout: timeoutMs, polling: 250 },
    );
    await Promise.race([done, thrown]).catch(async (e: Error) => {
      await stopRenderer(browser, inspector);
      throw e;
    });
    const { doneAt, error } = await page.evaluate(() => {
      const w = window as unknown as { __benchDoneAt?: number; __benchError?: string };
      return { doneAt: w.__benchDoneAt, error: w.__benchError };
    });
    if (error !== undefined || doneAt === undefined) throw new Error(`probe failed on ${url}: ${error}`);
    return doneAt;
  } finally {
    await context.close();
  }
}

/**
 * Stops a page stuck in a long task. The inspector's terminateExecution is tried first; a renderer busy outside
 * JavaScript (laying out a million Leaflet markers) does not hear it, and closing its context would wait for it,
 * so after 5 s the busiest renderer process is killed (the bench runs one page at a time).
 */
async function stopRenderer(browser: Browser, inspector: CDPSession): Promise<void> {
  const terminated = inspector.send('Runtime.terminateExecution').then(
    () => true,
    () => false,
  );
  if (await Promise.race([terminated, sleep(5_000).then(() => false)])) return;
  const system = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await system.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number; cpuTime: number }[];
    };
    const busiest = processInfo.filter((p) => p.type === 'renderer').sort((a, b) => b.cpuTime - a.cpuTime)[0];
    if (busiest) process.kill(busiest.id, 'SIGKILL');
  } finally {
    await system.detach();
  }
}

/** The WebGL renderer the pages actually get (SwiftShader on these machines): it bounds every map figure. */
export async function webglRenderer(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
  } finally {
    await page.close();
  }
}
