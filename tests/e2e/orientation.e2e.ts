import { expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap, walkPin } from './fixtures.ts';

/**
 * Without a detailed basemap (no PMTiles extract, no internet) the map showed outlines and the Vistula only. The
 * landmarks the project ships (data/places.geojson) now say where one is: on the offline map, in the moderation
 * preview and on the printed sheet.
 */

test.describe('orientation without a detailed basemap', () => {
  test('the offline map labels landmarks once a subarea is open', async ({ page }) => {
    await page.route('**/api/config', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...config, basemapStyleUrl: null, basemap: { pmtiles: null } } });
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?subarea=kazimierz-stradom');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    // Which names fit depends on collisions with the subarea's own name and with each other, so the test asks for
    // several landmark names, not given ones.
    await expect
      .poll(async () => {
        const drawn = await page.evaluate(() =>
          window.__mapa!.renderedProperties(['places-label']).map((p) => String(p['name'])),
        );
        return new Set(drawn).size;
      })
      .toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/screenshots/orientation-offline-map-phone.png' });
  });

  test('the moderation preview names the nearest landmark, and the printed sheet numbers the subarea’s landmarks', async ({
    page,
  }) => {
    const title = `Okrąglak ${Date.now()}`;
    const res = await page.request.post('/api/points', { data: walkPin({ title, lng: 19.9447, lat: 50.0516 }) });
    expect(res.status()).toBe(201);
    await page.request.post('/api/auth/login', { data: MODERATOR });
    await page.goto('/moderacja');
    const item = page.getByRole('article', { name: title });
    await expect(item.locator('figcaption')).toHaveText(/^Najbliżej: Plac Nowy \(Okrąglak\) \(\d+ m\)$/);

    await page.goto('/?tab=help&print=kazimierz-stradom');
    const key = page.getByRole('list', { name: 'Punkty orientacyjne na mapce' });
    await expect(key).toContainText('Plac Nowy (Okrąglak)');
    const names = await key.getByRole('listitem').count();
    await expect(page.locator('[data-testid="print-sheet"] svg .landmark')).toHaveCount(names);
    await page.screenshot({ path: 'test-results/screenshots/orientation-print.png', fullPage: true });
  });
});
