import type { Page } from '@playwright/test';
import { expect, SUBAREA_LAYERS, test, waitForMap, watchErrors } from './fixtures.ts';

const SUBAREAS = ['Grzegórzki-Wesoła', '„stara” Nowa Huta', 'Kazimierz-Stradom'];
const AMBASSADORS = ['Fundacja Małopolska Izba Samorządowa', 'Fundacja Faktor Kultura', 'Stowarzyszenie Fablab Kraków'];

/** The URLs of the map's own code (MapLibre, the map chunk) the page asks for, as it asks. */
function mapCodeRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req) => {
    if (/\/assets\/(maplibre-gl|MapArea)-/.test(new URL(req.url()).pathname)) urls.push(req.url());
  });
  return urls;
}

/** The still picture of the subareas that stands where the live map will be. */
const stillPicture = (page: Page) =>
  page.getByRole('img', { name: /Uproszczony rysunek trzech podobszarów rewitalizacji/ });

test.describe('the first screen', () => {
  test('the header, the tabs and the subareas with their ambassadors are in the HTML itself, before any script runs', async ({
    browser,
    request,
  }) => {
    const html = await (await request.get('/')).text();
    for (const text of ['Mapa Rewitalizacji', 'Podobszary', 'Mapa Pomocy', ...AMBASSADORS])
      expect(html).toContain(text);

    // A browser with scripts off shows exactly what a phone paints before its scripts arrive.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mapa Rewitalizacji');
    await expect(page.getByRole('tab', { name: 'Mapa Pomocy' })).toBeVisible();
    const list = page.getByRole('region', { name: 'Podobszary rewitalizacji' });
    for (const [i, name] of SUBAREAS.entries()) {
      await expect(list.getByRole('button', { name: new RegExp(name) })).toContainText(AMBASSADORS[i]!);
    }
    // Where the map will be: a still picture of the three subareas, drawn at build time, named for screen readers.
    const picture = stillPicture(page);
    await expect(picture).toBeVisible();
    for (const name of SUBAREAS) await expect(picture).toHaveAccessibleName(new RegExp(name));
    await expect(picture.locator('path.area')).toHaveCount(3);
    // Each name drawn once, in two lines like the map's labels.
    for (const line of ['Grzegórzki-', 'Wesoła', '„stara”', 'Nowa Huta', 'Kazimierz-', 'Stradom'])
      await expect(picture.locator('tspan', { hasText: line })).toHaveCount(1);
    const box = (await picture.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(200);
    await page.screenshot({ path: 'test-results/screenshots/first-screen-no-script-phone.png' });
    await context.close();
  });

  test('the live map waits until the resident does something, then takes the picture’s place', async ({ page }) => {
    const mapCode = mapCodeRequests(page);
    await page.goto('/');
    // Loaded and hydrated (goto waits for the load event), yet no map made. A wide screen has asked for the map's
    // code already (it downloads while the page starts), a phone has not (the next test but one).
    const picture = stillPicture(page);
    await expect(picture).toBeVisible();
    expect(mapCode.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__mapa === undefined)).toBe(true);
    // The list works without the map.
    await page.getByRole('button', { name: /Kazimierz-Stradom/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Kazimierz-Stradom' })).toBeVisible();
    // That click was the resident's first move: the map loads, draws the chosen subarea, and the picture goes.
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await expect(picture).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Mapa Krakowa z podobszarami rewitalizacji' })).toBeVisible();
  });

  test('a resident who only reads still gets the live map a few seconds after the page loaded', async ({ page }) => {
    await page.goto('/');
    await page.waitForFunction(
      () => !!window.__mapa && window.__mapa.renderedIds(['subareas-fill']).length >= 3,
      null,
      {
        timeout: 30_000,
      },
    );
    await expect(page.getByRole('img', { name: /Uproszczony rysunek/ })).toHaveCount(0);
  });

  test('on a phone, a resident who only reads spends no data on the map until they touch the page', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    const mapCode = mapCodeRequests(page);
    await page.goto('/');
    const picture = stillPicture(page);
    await expect(picture).toBeVisible();
    // Longer than a large screen waits before starting the map on its own (map-start.ts: 4 s after load).
    await page.waitForTimeout(6_000);
    expect(mapCode).toEqual([]);
    expect(await page.evaluate(() => window.__mapa === undefined)).toBe(true);
    // The first touch starts it.
    await page.touchscreen.tap(200, 300);
    await page.waitForFunction(
      () => !!window.__mapa && window.__mapa.renderedIds(['subareas-fill']).length >= 3,
      null,
      {
        timeout: 30_000,
      },
    );
    expect(mapCode.length).toBeGreaterThan(0);
    await context.close();
  });

  test('a phone set to English hydrates the Polish page and switches it to English in place', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    await page.goto('/');
    await expect(page.getByRole('tab', { name: 'Help Map' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Taken over, not drawn twice.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('[data-subarea]')).toHaveCount(3);
    await expect(
      page.getByRole('img', { name: /A simple drawing of the three revitalization subareas/ }),
    ).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the pre-rendered page is taken over by the app, not drawn twice: the same list, now working', async ({
    page,
  }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('[data-subarea]')).toHaveCount(3);
    await page.getByRole('button', { name: /Kazimierz-Stradom/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Kazimierz-Stradom' })).toBeVisible();
  });

  test('the subarea list and the help search work while the online basemap style never answers; the map comes on the offline style', async ({
    page,
    baseURL,
  }) => {
    // An online style on our own origin (so the CSP allows it) that hangs forever.
    const hanging = `${baseURL}/hanging-style.json`;
    let asked = false;
    await page.route('**/hanging-style.json', () => {
      asked = true; // never fulfilled
    });
    await page.route('**/api/config', async (route) => {
      const res = await route.fetch();
      const config = await res.json();
      await route.fulfill({ response: res, json: { ...config, basemapStyleUrl: hanging, basemap: { pmtiles: null } } });
    });
    await page.goto('/');
    await page.getByRole('button', { name: /„stara” Nowa Huta/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: '„stara” Nowa Huta' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Mapa Pomocy' }).click();
    const kinds = page.getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' });
    await kinds.getByLabel('zakupy i dostawy').check();
    await expect(kinds.getByLabel('zakupy i dostawy')).toBeChecked();
    expect(asked).toBe(true);
    // Given at most ~1.5 s, the map is drawn on the offline style and says so.
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await expect(page.getByText(/Nie udało się wczytać szczegółowego podkładu/)).toBeVisible();
  });
});
