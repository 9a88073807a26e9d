import type { Page } from '@playwright/test';
import { expect, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';

/**
 * The real offline basemap. The e2e server serves a tiny Kraków PMTiles tileset that the tests build
 * themselves (tests/support/krakow-tileset.ts) as if it were the operator's extract; the map must draw its streets,
 * river and place names with the Protomaps style, read by range requests from our own origin, with nothing asked of
 * the internet — not even when an online style is configured as well.
 */

const PMTILES_PATH = '/api/basemap/krakow.pmtiles';
const ONLINE_STYLE = 'https://tiles.openfreemap.org/styles/positron';

/** Rewrites GET /api/config for this page only (the shared server stays as it is). */
async function overrideConfig(page: Page, change: (config: Record<string, unknown>) => Record<string, unknown>) {
  await page.route('**/api/config', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: change((await response.json()) as Record<string, unknown>) });
  });
}

/** Properties of what MapLibre drew in these layers, once it has drawn at least one feature there. */
async function drawn(page: Page, layers: string[]): Promise<Record<string, unknown>[]> {
  await page.waitForFunction((layers) => (window.__mapa?.renderedProperties(layers).length ?? 0) > 0, layers, {
    timeout: 30_000,
  });
  return page.evaluate((layers) => window.__mapa!.renderedProperties(layers), layers);
}

test.describe('the offline PMTiles basemap', () => {
  test('draws streets, the Vistula and place names from the local extract under the subareas, never the online style', async ({
    page,
  }) => {
    const requests: { url: string; range: string | undefined }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), range: r.headers()['range'] }));
    // An online style configured as well: the operator's extract still wins, and no third party is asked.
    await overrideConfig(page, (config) => ({ ...config, basemapStyleUrl: ONLINE_STYLE }));
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);

    const roads = await drawn(page, ['roads_major', 'roads_minor']);
    expect(roads.map((r) => r['kind'])).toContain('major_road');
    expect(roads.map((r) => r['name'])).toEqual(expect.arrayContaining(['Starowiślna', 'Grzegórzecka']));
    expect((await drawn(page, ['water'])).map((w) => w['kind'])).toContain('water');
    expect((await drawn(page, ['water_river'])).map((w) => w['name'])).toContain('Wisła');
    const places = await drawn(page, ['places_locality', 'places_subplace']);
    expect(places.map((p) => p['name'])).toEqual(expect.arrayContaining(['Kraków']));
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Protomaps');
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');
    // Our subareas are still drawn, above the basemap.
    expect((await page.evaluate((l) => window.__mapa!.renderedIds(l), SUBAREA_LAYERS)).sort()).toEqual([
      'grzegorzki-wesola',
      'kazimierz-stradom',
      'stara-nowa-huta',
    ]);

    const archive = requests.filter((r) => new URL(r.url).pathname === PMTILES_PATH);
    expect(archive.length).toBeGreaterThan(1);
    expect(
      archive.filter((r) => !r.range?.startsWith('bytes=')),
      'every read of the archive is a range request',
    ).toEqual([]);
    expect(
      requests.filter(
        (r) => !r.url.startsWith('http://127.0.0.1') && !r.url.startsWith('data:') && !r.url.startsWith('blob:'),
      ),
    ).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/basemap-pmtiles.png' });
  });

  test('shows street names and the river name close up', async ({ page }) => {
    await page.goto('/?subarea=kazimierz-stradom');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await drawn(page, ['roads_labels_major', 'roads_labels_minor', 'water_waterway_label']);
    // Labels are placed after the tiles are drawn, so give them until they show.
    await expect
      .poll(async () =>
        (
          await page.evaluate(() =>
            window.__mapa!.renderedProperties(['roads_labels_major', 'roads_labels_minor', 'water_waterway_label']),
          )
        ).map((l) => l['name']),
      )
      .toEqual(expect.arrayContaining(['Starowiślna', 'Wisła']));
    await page.screenshot({ path: 'test-results/screenshots/basemap-pmtiles-kazimierz.png' });
  });

  test('without an extract the plain offline style still draws the Vistula', async ({ page }) => {
    await overrideConfig(page, (config) => ({ ...config, basemap: { pmtiles: null } }));
    const archive: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === PMTILES_PATH) archive.push(r.url());
    });
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    expect((await drawn(page, ['vistula'])).map((v) => v['name'])).toContain('Wisła');
    expect(await page.evaluate(() => window.__mapa!.renderedProperties(['roads_major']))).toEqual([]);
    expect(archive).toEqual([]);
  });
});
