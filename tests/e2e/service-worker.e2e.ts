import type { APIRequestContext, ConsoleMessage, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleError, expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap, walkPin } from './fixtures.ts';

/**
 * Offline use: after one visit with a connection, the app opens with none — the shell from the service
 * worker's precache, the subareas and the published points last seen from its runtime cache — while the live
 * stream, the moderators' API and authors' own records are never answered from a cache.
 *
 * The project blocks service workers in every other test (playwright.config.ts); these tests opt in. In Chromium,
 * Playwright (1.65) applies context.setOffline to the service worker's own fetches too, so "offline" below means
 * what it means on a phone: the worker's network requests fail and only its caches answer.
 */
test.use({ serviceWorkers: 'allow' });

const SUBAREAS = ['grzegorzki-wesola', 'kazimierz-stradom', 'stara-nowa-huta'];

/** Creates a walk pin through the API and publishes it as the moderator; returns its id. */
async function publishedWalkPin(request: APIRequestContext, title: string, lng: number): Promise<string> {
  const created = await request.post('/api/points', { data: walkPin({ title, lng, lat: 50.0496 }) });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.post('/api/auth/login', { data: MODERATOR })).status()).toBe(200);
  const approved = await request.post(`/api/moderation/points/${id}/approve`);
  expect(approved.status(), await approved.text()).toBe(200);
  return id;
}

/** Waits for the worker to be active and controlling this page (the first installation claims it at once). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Every URL (path and query) in Cache Storage, without the revision workbox adds to precached files. */
async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) {
        const url = new URL(req.url);
        url.searchParams.delete('__WB_REVISION__');
        paths.push(url.pathname + url.search);
      }
    }
    return paths;
  });
}

/**
 * The only failures expected while offline: requests the worker deliberately leaves to the network, which then
 * fails — the live stream (/api/events, which EventSource retries) and, in the second test, the requests made on
 * purpose to prove they are not cached — and basemap ranges never fetched online (a camera flight can pass other
 * tiles than the online ones did; the worker then fails the request and the app only warns). Chromium reports each
 * as a console error naming the resource; anything else (a script, a chunk, a glyph, the data lists, an uncaught
 * exception) still fails the test.
 */
function expectOfflineFailuresOnly(page: Page, pageErrors: string[], allowed: RegExp) {
  const seen: { text: string; url: string; recorded: string }[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') seen.push({ text: m.text(), url: m.location().url, recorded: consoleError(m) });
  });
  return () => {
    for (const { text, url, recorded } of seen) {
      if (!/net::ERR_(INTERNET_DISCONNECTED|FAILED)/.test(text) || !allowed.test(new URL(url, 'http://x').pathname))
        continue;
      const i = pageErrors.indexOf(recorded);
      if (i >= 0) pageErrors.splice(i, 1);
    }
  };
}

/** Opens a walk pin from the list and waits until MapLibre draws it (drawn, not only listed). */
async function openFromList(page: Page, title: string, id: string): Promise<void> {
  await page.locator('.list button', { hasText: title }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 3 })).toHaveText(title);
  await page.waitForFunction((id) => window.__mapa?.renderedIds(['walk-points']).includes(id), id, { timeout: 30_000 });
  await page.waitForFunction(() => window.__mapa?.idle(), undefined, { timeout: 30_000 });
}

test.describe('offline use with the service worker', () => {
  test('after one visit the app opens offline: the shell, the three subareas and the published points last seen', async ({
    page,
    context,
    request,
    pageErrors,
  }) => {
    // Four full loads of the map in SwiftShader, one of them with a worker installing: slow on two shared cores.
    test.setTimeout(240_000);
    const run = Date.now();
    const first = `Podwórko offline ${run}`;
    const firstId = await publishedWalkPin(request, first, 19.9478);

    await page.goto('/?tab=walk');
    await waitForServiceWorker(page);
    // The first load ran before the worker controlled the page; from now on its data requests pass through it.
    await page.reload();
    await waitForMap(page, SUBAREA_LAYERS, 3);
    // Opened from the list (so the second pin, added later nearby, cannot cluster it away): the map goes where it
    // is, and what it draws there is what the resident has seen.
    await openFromList(page, first, firstId);
    const cached = await cachedPaths(page);
    expect(cached).toEqual(
      expect.arrayContaining([
        '/index.html',
        '/api/places',
        '/api/subareas',
        '/api/config',
        '/api/categories',
        '/api/points?layer=walk',
      ]),
    );
    expect(cached.some((p) => p.startsWith('/assets/maplibre-gl-worker-'))).toBe(true);
    expect(cached).toContain('/glyphs/Noto%20Sans%20Bold/256-511.pbf');
    // The byte ranges of the local basemap just drawn (the e2e server serves a PMTiles extract).
    expect(cached.some((p) => p.startsWith('/api/basemap/krakow.pmtiles?sw-range=bytes'))).toBe(true);

    // Network first: a pin published since is there on the next online visit, not an old copy.
    const second = `Ławka offline ${run}`;
    await publishedWalkPin(request, second, 19.9486);
    await page.reload();
    await expect(page.locator('.list button', { hasText: second })).toBeVisible();
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await openFromList(page, first, firstId);

    await context.setOffline(true);
    // The layers' pin counts (tiles/<layer>.json) are asked for and fail: offline the app draws the lists it kept.
    const dropExpected = expectOfflineFailuresOnly(
      page,
      pageErrors,
      /^\/api\/(events|health|basemap\/krakow\.pmtiles|tiles\/(walk|help)\.json)$/,
    );
    await page.reload();
    await expect(page.getByTestId('offline-status')).toContainText('Jesteś offline');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    const drawn = await page.evaluate((layers) => window.__mapa!.renderedIds(layers), SUBAREA_LAYERS);
    expect(drawn.sort()).toEqual(SUBAREAS);
    // Streets under them: the basemap ranges seen online.
    await page.waitForFunction(
      () => (window.__mapa?.renderedProperties(['roads_major', 'roads_minor']).length ?? 0) > 0,
    );
    await expect(page.locator('.list button', { hasText: first })).toBeVisible();
    await expect(page.locator('.list button', { hasText: second })).toBeVisible();
    await openFromList(page, first, firstId);

    // A client route opened offline gets the cached shell too.
    await page.goto('/?tab=help&view=list');
    await expect(page.getByRole('button', { name: 'Zaoferuj pomoc' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/offline-help-list.png' });

    await context.setOffline(false);
    await expect(page.getByTestId('offline-status')).toHaveCount(0);
    dropExpected();
  });

  test('the live stream, moderation, sign-in, authors’ records and exports are never answered from the cache', async ({
    page,
    context,
    pageErrors,
  }) => {
    test.setTimeout(90_000);
    await page.goto('/');
    await waitForServiceWorker(page);

    // Online, through the worker: every one of these answers from the server.
    const online = await page.evaluate(async (moderator) => {
      const json = { 'Content-Type': 'application/json' };
      const login = await fetch('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify(moderator) });
      const created = await fetch('/api/points', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          layer: 'walk',
          lng: 19.9447,
          lat: 50.0514,
          kind: 'keep',
          theme: 'zielen',
          title: 'Tylko dla autora',
          consent: true,
        }),
      });
      const { id, editToken } = (await created.json()) as { id: string; editToken: string };
      const own = { headers: { Authorization: `Bearer ${editToken}` } };
      const gets: [string, RequestInit?][] = [
        ['/api/auth/me'],
        ['/api/moderation/queue'],
        [`/api/points/${id}`, own],
        ['/api/export/points.csv?layer=walk'],
      ];
      const statuses: Record<string, number> = { login: login.status, created: created.status };
      for (const [path, init] of gets) statuses[path.replace(id, ':id')] = (await fetch(path, init)).status;
      // The live stream opens through the worker as well.
      statuses['/api/events'] = await new Promise<number>((resolve) => {
        const source = new EventSource('/api/events');
        source.onopen = () => (source.close(), resolve(200));
        source.onerror = () => (source.close(), resolve(0));
      });
      return { statuses, id, editToken };
    }, MODERATOR);
    expect(online.statuses).toEqual({
      login: 200,
      created: 201,
      '/api/auth/me': 200,
      '/api/moderation/queue': 200,
      '/api/points/:id': 200,
      '/api/export/points.csv?layer=walk': 200,
      '/api/events': 200,
    });
    const cached = await cachedPaths(page);
    expect(cached.filter((p) => /^\/api\/(events|auth|moderation|export|points\/)/.test(p))).toEqual([]);

    await context.setOffline(true);
    const dropExpected = expectOfflineFailuresOnly(
      page,
      pageErrors,
      /^\/api\/(events|health|auth\/me|moderation\/queue|points\/[^/]+|export\/points\.csv)$/,
    );
    const offline = await page.evaluate(async ({ id, editToken }) => {
      const attempt = (path: string, init?: RequestInit) =>
        fetch(path, init).then(
          (r) => `answered ${r.status}`,
          () => 'failed',
        );
      return {
        me: await attempt('/api/auth/me'),
        queue: await attempt('/api/moderation/queue'),
        own: await attempt(`/api/points/${id}`, { headers: { Authorization: `Bearer ${editToken}` } }),
        export: await attempt('/api/export/points.csv?layer=walk'),
        events: await attempt('/api/events'),
      };
    }, online);
    expect(offline).toEqual({ me: 'failed', queue: 'failed', own: 'failed', export: 'failed', events: 'failed' });
    await context.setOffline(false);
    dropExpected();
  });

  test('a new version waits for the resident: "Dostępna nowa wersja — Odśwież", reached with Tab, pressed with Enter', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.goto('/?tab=walk');
    await waitForServiceWorker(page);
    await page.reload(); // a later visit: the page starts under the installed worker
    await expect(page.getByRole('button', { name: 'Dodaj punkt' })).toBeVisible();
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    // The next deploy: the same worker with a few bytes more on disk. (context.route cannot stand in for it: the
    // browser's update check of /sw.js is not a request Playwright can intercept.) Restored only at the end: the
    // reload below checks for updates again, and the old bytes back on disk would be one more "new" version.
    const swFile = join(process.env.E2E_DIST ?? 'dist', 'sw.js');
    const current = readFileSync(swFile, 'utf8');
    const banner = page.getByTestId('update-banner');
    try {
      writeFileSync(swFile, `${current}\n// next version ${Date.now()}\n`);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
      await expect(banner).toContainText('Dostępna nowa wersja');
      // The running version keeps control until the resident decides.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r!.waiting))).toBe(true);

      // In the page order right after the header's last control: keyboard users reach it with one Tab.
      await page.getByRole('combobox', { name: 'Język' }).focus();
      await page.keyboard.press('Tab');
      const reload = banner.getByRole('button', { name: 'Odśwież' });
      await expect(reload).toBeFocused();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

      // The new version controls the reloaded page; nothing waits any more, so no banner.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r!.waiting)))
        .toBe(false);
      await expect(page.getByTestId('update-banner')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Dodaj punkt' })).toBeVisible();
    } finally {
      writeFileSync(swFile, current);
    }
  });
});
