import type { Page } from '@playwright/test';
import { expect, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';

/** The map's first screen on a phone: what a resident sees before touching anything. */

const PHONE = { width: 390, height: 844 };

/**
 * An online style that "answers" with something that is not a style, so the app falls back to the simplified map.
 * Same origin, since the page's CSP only lets it connect to the configured style's origin.
 */
async function breakOnlineBasemap(page: Page) {
  const online = '/styles/broken-positron.json';
  await page.route(`**${online}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: 'not a style' }),
  );
  await page.route('**/api/config', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    const url = new URL(online, route.request().url()).href;
    await route.fulfill({ response, json: { ...config, basemapStyleUrl: url, basemap: { pmtiles: null } } });
  });
}

test.describe('the map on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true });

  test('the simplified-basemap notice sits above the map, closes, and stays closed on the next visit', async ({
    page,
  }) => {
    await breakOnlineBasemap(page);
    await page.goto('/');
    const note = page.getByRole('status').filter({ hasText: 'pokazujemy uproszczony' });
    await expect(note).toBeVisible();
    await waitForMap(page, SUBAREA_LAYERS, 3);
    const noteBox = (await note.boundingBox())!;
    const mapBox = (await page.locator('.maplibregl-canvas').boundingBox())!;
    expect(mapBox.y, 'the map starts below the notice, not under it').toBeGreaterThanOrEqual(
      noteBox.y + noteBox.height - 1,
    );
    await page.screenshot({ path: 'test-results/screenshots/basemap-note-phone.png' });

    await page.getByRole('button', { name: 'Zamknij komunikat o podkładzie mapy' }).click();
    await expect(note).toHaveCount(0);
    await page.reload();
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await expect(page.getByText('pokazujemy uproszczony')).toHaveCount(0);
  });

  test('the first view shows all three subareas and their names clear of the map buttons', async ({ page }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.waitForFunction(() => window.__mapa?.idle());
    const subareas = (await (await page.request.get('/api/subareas')).json()) as {
      features: { id: string; geometry: { type: string; coordinates: unknown } }[];
    };
    const corners = subareas.features.flatMap(
      (f) => JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+,-?\d+\.\d+/g) ?? [],
    );
    const points = await page.evaluate(
      (pairs) => pairs.map((p) => p.split(',').map(Number)).map(([lng, lat]) => window.__mapa!.project(lng!, lat!)),
      corners,
    );
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const buttons = (await page.locator('.maplibregl-ctrl-top-right').boundingBox())!;
    const left = Math.min(...points.map((p) => p.x));
    const right = Math.max(...points.map((p) => p.x));
    expect(left, 'nothing cut off at the left edge').toBeGreaterThanOrEqual(20);
    expect(canvas.x + right, 'nothing under the zoom and locate buttons').toBeLessThan(buttons.x);
    await expect
      .poll(() => page.evaluate(() => window.__mapa!.renderedIds(['subareas-label']).sort()), {
        message: 'all three names drawn',
      })
      .toEqual(['grzegorzki-wesola', 'kazimierz-stradom', 'stara-nowa-huta']);
    await page.screenshot({ path: 'test-results/screenshots/map-first-view-phone.png' });
  });
});
