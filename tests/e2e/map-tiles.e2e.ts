import type { Page } from '@playwright/test';
import { clickMapAt, drawFromTiles, expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap, walkPin } from './fixtures.ts';

// Olsza, outside every subarea and away from the pins other tests leave; 70 m apart, so they cluster at the
// city view and fall apart a few zoom levels in.
const PINS = [
  { lng: 19.9945, lat: 50.0755 },
  { lng: 19.9955, lat: 50.0755 },
];

/** Publishes the two pins (as a moderator): with drawFromTiles' threshold of one pin, the walk layer is tiled. */
async function publishPins(page: Page, stamp: number): Promise<string[]> {
  const ids: string[] = [];
  await page.request.post('/api/auth/login', { data: MODERATOR });
  for (const [i, at] of PINS.entries()) {
    const res = await page.request.post('/api/points', { data: walkPin({ ...at, title: `Kafel ${i} ${stamp}` }) });
    expect(res.status()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await page.request.post(`/api/moderation/points/${id}/approve`)).status()).toBe(200);
    ids.push(id);
  }
  return ids;
}

test.describe('a layer with more pins than one list carries', () => {
  test('is drawn from vector tiles: a cluster opens on a tap, and a tapped pin opens its card', async ({ page }) => {
    test.setTimeout(90_000);
    const stamp = Date.now();
    const ids = await publishPins(page, stamp);
    const asked = await drawFromTiles(page);

    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await expect.poll(() => asked.some((p) => p.startsWith('/api/tiles/walk/'))).toBe(true);
    // The whole walk list is never downloaded: at the city view the side list is the newest 200, and says so, and
    // how to see the rest; zoomed in, the pins in view.
    const wholeList = (p: string) => p.startsWith('/api/points?layer=walk') && !/bbox=|newest=/.test(p);
    expect(asked.filter(wholeList)).toEqual([]);
    expect(asked).toContain('/api/points?layer=walk&newest=200');
    await page.getByRole('tab', { name: 'Kazimierz pod lupą' }).click();
    const scope = page.getByTestId('list-scope');
    await expect(scope).toContainText(/Na tej mapie (jest|są) [\d\s]+ wpis/);
    await expect(scope).toContainText('Lista pokazuje');
    await expect(scope).toContainText('Przybliż mapę do kilku ulic');
    for (const id of ids) await expect(page.locator(`.list button[data-point="${id}"]`)).toBeVisible();

    // At the city view the two pins are one keep/change donut (both "keep" here) counting two.
    const mid = { lng: (PINS[0]!.lng + PINS[1]!.lng) / 2, lat: PINS[0]!.lat };
    await expect
      .poll(() =>
        page.evaluate(() =>
          window.__mapa!.renderedProperties(['walk-clusters']).some((p) => Number(p['point_count']) >= 2),
        ),
      )
      .toBe(true);
    await clickMapAt(page, mid.lng, mid.lat);
    await expect
      .poll(() => page.evaluate(() => window.__mapa!.idle() && window.__mapa!.renderedIds(['walk-points'])), {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(ids));

    await clickMapAt(page, PINS[1]!.lng, PINS[1]!.lat);
    await expect(page.getByRole('heading', { level: 3, name: `Kafel 1 ${stamp}` })).toBeVisible();
    // Zoomed in, the side list holds the pins in view, fetched by bbox.
    expect(asked.some((p) => p.startsWith('/api/points?layer=walk') && p.includes('bbox='))).toBe(true);
    await page.getByRole('button', { name: 'Wróć do listy' }).click();
    await expect(page.locator(`.list button[data-point="${ids[0]}"]`)).toBeVisible();
    await expect(scope).toHaveText('Wpisów jest za dużo na jedną listę. Lista pokazuje wpisy widoczne teraz na mapie.');
    expect(asked.filter(wholeList)).toEqual([]);

    // The list view, with no map at all: the newest pins, with no advice to zoom a map that is not there.
    await page.goto('/?view=list&tab=walk');
    await expect(scope).toContainText('Lista pokazuje');
    await expect(scope).toContainText('pozostałe wpisy zobaczysz na mapie');
    await expect(scope).not.toContainText('Przybliż');
    for (const id of ids) await expect(page.locator(`.list button[data-point="${id}"]`)).toBeVisible();
  });

  test('asks once for the newest pins, and for current tiles, when the map starts before them', async ({ page }) => {
    await publishPins(page, Date.now());
    const asked = await drawFromTiles(page);
    // The newest pins come slowly, as on a poor connection: the map's first view is ready while they are on the way,
    // and wants the same list.
    const newest = '/api/points?layer=walk&newest=200';
    await page.route(
      (url) => url.pathname + url.search === newest,
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await route.continue();
      },
    );
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.getByRole('tab', { name: 'Kazimierz pod lupą' }).click();
    await expect(page.getByTestId('list-scope')).toContainText('Lista pokazuje', { timeout: 10_000 });
    expect(asked.filter((p) => p === newest)).toHaveLength(1);
    // The map did not wait for the list to learn the data version: every tile it asked for carries it.
    const { version } = (await (await page.request.get('/api/tiles/walk.json')).json()) as { version: number };
    const tiles = asked.filter((p) => p.startsWith('/api/tiles/walk/'));
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.filter((p) => !p.endsWith(`v=${version}`))).toEqual([]);
  });
});
