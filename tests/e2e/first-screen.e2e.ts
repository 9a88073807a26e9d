import { expect, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';

const SUBAREAS = ['Grzegórzki-Wesoła', '„stara” Nowa Huta', 'Kazimierz-Stradom'];
const AMBASSADORS = ['Fundacja Małopolska Izba Samorządowa', 'Fundacja Faktor Kultura', 'Stowarzyszenie Fablab Kraków'];

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
    await page.screenshot({ path: 'test-results/screenshots/first-screen-no-script-phone.png' });
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
