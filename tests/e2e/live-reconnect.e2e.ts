import { expect, MODERATOR, test, walkPin, waitForMap } from './fixtures.ts';
import { startDropProxy } from './support-drop-proxy.ts';

// In Nowa Huta, where the wall zooms with key 3; one pin per test, ~800 m apart so the second joins no cluster
// with the first.
const NOWA_HUTA = { reset: { lng: 20.0375, lat: 50.0725 }, '502': { lng: 20.046, lat: 50.068 } };

test.describe('the projector after a network drop', () => {
  for (const how of ['reset', '502'] as const) {
    test(`shows "reconnecting" while cut off (${how}), comes back live by itself, and draws a pin approved meanwhile without a reload`, async ({
      browser,
      request,
      baseURL,
    }) => {
      test.setTimeout(150_000);
      const proxy = await startDropProxy(Number(new URL(baseURL!).port));
      // Its own context: while offline, Chromium logs the stream's failed retries, which the shared
      // page-error fixture would rightly count as errors on any other page.
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: proxy.origin });
      // Counts the page's stream errors, so the test can wait for the browser to have met the cut.
      await context.addInitScript(() => {
        const w = window as unknown as { __streamErrors: number };
        w.__streamErrors = 0;
        window.EventSource = class extends window.EventSource {
          constructor(url: string | URL, init?: EventSourceInit) {
            super(url, init);
            this.addEventListener('error', () => w.__streamErrors++);
          }
        };
      });
      const wall = await context.newPage();
      const streamErrors = () => wall.evaluate(() => (window as unknown as { __streamErrors: number }).__streamErrors);
      const pageErrors: string[] = [];
      wall.on('pageerror', (e) => pageErrors.push(e.message));
      await wall.goto('/prezentacja');
      await waitForMap(wall, ['subareas-fill'], 3);
      const badge = wall.locator('[data-live]');
      await expect(badge).toHaveAttribute('data-live', 'live');
      await wall.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
      const counter = wall.locator('[data-subarea="stara-nowa-huta"] .n.keep');
      const before = Number((await counter.innerText()).replace(/\D+/g, ''));

      // From the drop on: what the wall asks for to catch up.
      const asked: string[] = [];
      wall.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/points')) asked.push(url.pathname + url.search);
      });
      const errorsBefore = await streamErrors();
      proxy.drop(how);
      await expect(badge).toHaveAttribute('data-live', 'reconnecting', { timeout: 15_000 });
      await expect(badge).toContainText('Brak połączenia — łączę ponownie');

      // Published while the wall is cut off: the event is missed, so only the reload on reconnect can bring it.
      const title = `Pin po zerwaniu połączenia ${Date.now()}`;
      const created = await (await request.post('/api/points', { data: walkPin({ ...NOWA_HUTA[how], title }) })).json();
      expect((await request.post('/api/auth/login', { data: MODERATOR })).status()).toBe(200);
      expect((await request.post(`/api/moderation/points/${created.id}/approve`)).status()).toBe(200);

      // Let the page's own retry meet the cut (an EventSource that meets a 502 gives up for good unless the app
      // opens a new one): the wall must come back from that too.
      // Two errors: the drop itself, then the retry turned away ('502': the stream is now CLOSED for good).
      await expect.poll(() => proxy.refused(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(streamErrors, { timeout: 20_000 }).toBeGreaterThanOrEqual(errorsBefore + 2);
      proxy.restore();
      // EventSource retries on its own (a few seconds); no reload, no click.
      await expect(badge).toHaveAttribute('data-live', 'live', { timeout: 30_000 });
      // Caught up on reconnect: the legend counts it and the map draws it (zoomed to Nowa Huta, key 3) — from only
      // what changed since the version the wall had, not from both whole lists again.
      await expect(counter).toContainText(String(before + 1), { timeout: 10_000 });
      expect(asked.some((p) => p.startsWith('/api/points/changes?since='))).toBe(true);
      expect(asked.filter((p) => p.startsWith('/api/points?'))).toEqual([]);
      await wall.keyboard.press('3');
      await expect
        .poll(() => wall.evaluate(() => window.__mapa!.idle() && window.__mapa!.renderedIds(['walk-points'])), {
          timeout: 15_000,
        })
        .toContain(created.id);
      expect(await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      expect(pageErrors).toEqual([]);
      await context.close();
      await proxy.close();
    });
  }
});
