import {
  expect,
  MODERATOR,
  seriousViolations,
  SUBAREA_LAYERS,
  tapToPlace,
  test,
  waitForMap,
  walkPin,
} from './fixtures.ts';
import { helpOffer } from './help-helpers.ts';

/** The e2e server imports tests/support/prg-fixture.ts: ul. Józefa and ul. Miodowa in Kazimierz, one in Bielany. */
const PHONE = { width: 390, height: 844 };

test.describe('placing a pin by its address', () => {
  test('adds a walk pin by typing an address, keyboard only', async ({ page }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await page.getByRole('button', { name: 'Dodaj punkt' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Albo wpisz miejsce lub adres').focus();
    await page.keyboard.type('jozefa 12');
    const first = page.locator('.matches button').first();
    await expect(first).toContainText('ul. Józefa 12');
    await page.keyboard.press('Tab');
    await expect(first).toBeFocused();
    expect(await seriousViolations(page, 'search results')).toEqual([]);
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('placement-status')).toContainText('ul. Józefa 12');
    await expect(page.getByTestId('placement-address')).toHaveText(/Najbliższy adres: ul\. Józefa 12 \(ok\. 5 m\)/);
    await expect(page.getByTestId('placement-outside')).toHaveCount(0);
    // The map went to the pin, close enough to check it.
    await expect.poll(() => page.evaluate(() => window.__mapa!.zoom())).toBeGreaterThanOrEqual(16);
    // Choosing moved on to the form's first field.
    await expect(page.getByLabel('zasób — warto zachować')).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ławka pod kasztanem');
    await page.keyboard.press('Tab'); // description
    await page.keyboard.press('Tab'); // photo
    await page.keyboard.press('Tab'); // nickname
    await page.keyboard.press('Tab'); // consent
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the privacy notice link
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Wyślij punkt' })).toBeFocused();
    expect(await seriousViolations(page, 'form with an address line')).toEqual([]);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/points') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const sent = (await answer).request().postDataJSON() as { lng: number; lat: number };
    await expect(page.getByRole('heading', { name: /Dziękujemy/ })).toBeFocused();
    // ul. Józefa 12 in the fixture.
    expect(sent.lng).toBeCloseTo(19.94603, 4);
    expect(sent.lat).toBeCloseTo(50.05163, 4);
  });

  test('finds a street by a misspelt name and warns about a pin outside the subareas', async ({ page }) => {
    await page.goto('/?tab=walk&view=list');
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('Miodwa 15');
    await page.getByRole('button', { name: /ul\. Miodowa 15/ }).click();
    await expect(page.getByTestId('placement-outside')).toHaveCount(0);
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('miodowa boczna 2');
    await page.getByRole('button', { name: /ul\. Miodowa Boczna 2/ }).click();
    await expect(page.getByTestId('placement-outside')).toHaveText(
      'Ten punkt leży poza podobszarami rewitalizacji — czy na pewno?',
    );
  });
});

test.describe('where placing starts', () => {
  test('the keyboard crosshair starts inside the subarea chosen in the panel', async ({ page }) => {
    await page.goto('/?tab=walk&subarea=stara-nowa-huta');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.getByRole('button', { name: 'Wskaż klawiaturą' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.maplibregl-canvas')).toBeFocused();
    await page.waitForFunction(() => window.__mapa!.idle());
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('placement-status')).toContainText('wskazane klawiaturą');
    // Nowa Huta lies east of 20.0°E; the old start, between the subareas, was near 19.98°E.
    const lng = Number((await page.getByTestId('placement-status').innerText()).match(/, (\d+\.\d+)\)/)![1]);
    expect(lng).toBeGreaterThan(20.0);
    await expect(page.getByTestId('placement-outside')).toHaveCount(0);
  });

  test('an edit link opens the map on the pin', async ({ page, request }) => {
    const { id, editToken } = await (
      await request.post('/api/points', {
        data: walkPin({ title: `Edycja ${Date.now()}`, lng: 19.94603, lat: 50.05163 }),
      })
    ).json();
    await page.goto(`/?tab=walk&edit=${id}#token=${editToken}`);
    await expect(page.getByTestId('placement-address')).toContainText('ul. Józefa 12');
    await expect.poll(() => page.evaluate(() => window.__mapa?.zoom() ?? 0)).toBeGreaterThanOrEqual(16);
    await page.waitForFunction(() => window.__mapa!.idle());
    const { x, y } = await page.evaluate(() => window.__mapa!.project(19.94603, 50.05163));
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(box.width);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(box.height);
  });
});

test.describe('tapping the map on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('a tap at city zoom zooms in towards it; the next tap places the pin and names its address', async ({
    page,
  }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.locator('.maplibregl-canvas').scrollIntoViewIfNeeded();
    await tapToPlace(page, 19.94603, 50.05163);
    await expect(page.getByTestId('placement-status')).toContainText('wskazane na mapie');
    await expect(page.getByTestId('placement-address')).toContainText('ul. Józefa');
    await page.screenshot({ path: 'test-results/screenshots/placement-address-phone.png', fullPage: true });
  });
});

test.describe('the moderation queue', () => {
  test("names the nearest address and moves a misplaced walk pin by address, never a private person's offer", async ({
    page,
    request,
  }) => {
    const title = `Przesunąć ${Date.now()}`;
    // Sent from ul. Józefa 12 but meant for ul. Miodowa 15.
    const { id } = await (
      await request.post('/api/points', { data: walkPin({ title, lng: 19.94603, lat: 50.05163 }) })
    ).json();
    const person = await (
      await request.post('/api/points', {
        data: helpOffer({ helperType: 'person', name: `Pani ${Date.now()}`, lng: 19.94603, lat: 50.05163 }),
      })
    ).json();
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.keyboard.press('Enter');
    const item = page.getByRole('article', { name: title });
    await expect(item.getByTestId('placement-address')).toHaveText(/ul\. Józefa 12 \(ok\. 5 m\)/);
    await item.getByRole('button', { name: 'Przesuń pinezkę' }).click();
    await item.getByLabel('Albo wpisz miejsce lub adres').fill('miodowa 15');
    expect(await seriousViolations(page, 'moving a pin')).toEqual([]);
    await item.getByRole('button', { name: /ul\. Miodowa 15/ }).click();
    await expect(page.getByText(`Przesunięto: ${title} → ul. Miodowa 15`)).toBeVisible();
    await expect(item.getByTestId('placement-address')).toHaveText(/ul\. Miodowa 15/);
    const history = await (await page.request.get(`/api/moderation/points/${id}/history`)).json();
    expect(history.entries.at(-1)).toMatchObject({ actor: MODERATOR.login, action: 'moderator-edit' });

    const personItem = page.locator('article', { has: page.locator(`[id="q-${person.id}"]`) });
    await expect(personItem.getByTestId('placement-address')).toHaveText(/^Ulica: ul\. Józefa$/);
    await expect(personItem.getByRole('button', { name: 'Przesuń pinezkę' })).toHaveCount(0);
  });
});
