// The browser side of `npm run bench`: Debian's Chromium and one timing primitive for page loads.
import { chromium, type Browser } from 'playwright';

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
export async function timeUntil(browser: Browser, url: string, probe: string, timeoutMs = 180_000): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
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
    await Promise.race([done, thrown]);
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
