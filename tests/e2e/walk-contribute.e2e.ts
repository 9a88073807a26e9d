import type { Page } from '@playwright/test';
import { expect, seriousViolations, SUBAREA_LAYERS, tapToPlace, test, waitForMap } from './fixtures.ts';
import { gpsJpeg } from '../fixtures/photo.ts';

const XSS = '<img src=x onerror=alert(1)>';
const PHONE = { width: 390, height: 844 };
const PL_NOWY = [19.9447, 50.0514] as const;

/** Logs the page's request context in as the e2e moderator (scripts/e2e-server.mjs) and approves a point. */
async function approveAsModerator(page: Page, id: string) {
  const login = await page.request.post('/api/auth/login', {
    data: { login: 'moderator', password: 'e2e-password-123' },
  });
  expect(login.status()).toBe(200);
  const res = await page.request.post(`/api/moderation/points/${id}/approve`);
  expect(res.status(), await res.text()).toBe(200);
}

const idFromLink = (link: string) => new URL(link).searchParams.get('edit')!;

async function renderedWalk(page: Page, id: string) {
  await page.waitForFunction((id) => window.__mapa?.renderedIds(['walk-points']).includes(id), id, { timeout: 20_000 });
  return page.evaluate((id) => window.__mapa!.renderedProperties(['walk-points']).find((p) => p['id'] === id), id);
}

test.describe('the walk map „Kazimierz pod lupą” on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('places a pin by tapping, sends it with a photo, and after approval shows it on the map and in the list as text', async ({
    page,
  }) => {
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened (XSS?): ${d.message()}`);
    });
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();

    // Sending an empty form names every missing field next to it, in Polish, and keeps the page.
    await page.getByRole('button', { name: 'Wyślij punkt' }).click();
    await expect(page.getByText('Wybierz miejsce na mapie, położeniem albo z wyszukiwarki.')).toBeVisible();
    await expect(page.getByText('Wpisz tytuł.')).toBeVisible();
    await expect(page.getByText('Wybierz temat.')).toBeVisible();
    await expect(page.getByText('Bez zgody nie możemy opublikować punktu.')).toBeVisible();

    // The error summary scrolled the page down to the first field; a resident scrolls back up and taps the map.
    await page.locator('.maplibregl-canvas').scrollIntoViewIfNeeded();
    await tapToPlace(page, PL_NOWY[0], PL_NOWY[1]);
    await expect(page.getByTestId('placement-status')).toContainText('wskazane na mapie');
    await page.getByLabel('zasób — warto zachować').check();
    await page.getByLabel('Temat', { exact: true }).selectOption({ label: 'zieleń' });
    await page.getByLabel('Tytuł').fill(`Kasztanowiec ${XSS}`);
    await page.getByLabel('Opis (nieobowiązkowy)').fill(`Cień latem. ${XSS}`);
    await page.getByLabel('Podpis (nieobowiązkowy)').fill(XSS);
    // Our own Polish button over the file input (the browser's own says "Choose File" in an English Chromium).
    await expect(page.getByText('Wybierz zdjęcie', { exact: true })).toBeVisible();
    await expect(page.getByText('Nie wybrano zdjęcia.')).toBeVisible();
    await page
      .getByLabel('Zdjęcie (nieobowiązkowe)')
      .setInputFiles({ name: 'kasztan.jpg', mimeType: 'image/jpeg', buffer: await gpsJpeg() });
    await expect(page.getByText('kasztan.jpg', { exact: true })).toBeVisible();
    await expect(page.getByText('Wybierz inne zdjęcie', { exact: true })).toBeVisible();
    // Fixed fields lose their messages at once; the one still wrong keeps it, and nothing typed is lost.
    await expect(page.getByText('Wpisz tytuł.')).toHaveCount(0);
    await expect(page.getByText('Bez zgody nie możemy opublikować punktu.')).toBeVisible();
    await page.getByLabel(/Zgadzam się na publikację/).check();
    await page.getByRole('button', { name: 'Wyślij punkt' }).click();

    await expect(page.getByRole('heading', { name: /Dziękujemy/ })).toBeFocused();
    await expect(page.getByText(/czeka na sprawdzenie przez moderatora/)).toBeVisible();
    const link = await page.getByLabel('Twój prywatny link do edycji i usunięcia punktu').inputValue();
    expect(link).toMatch(/\?tab=walk&edit=[\w-]+#token=[\w-]{40,}/);
    const id = idFromLink(link);
    await page.screenshot({ path: 'test-results/screenshots/walk-sent-phone.png', fullPage: true });

    await approveAsModerator(page, id);
    await page.getByRole('button', { name: 'Wróć do mapy' }).click();
    // Live over SSE: no reload. It arrives in the list; opened from there, the map zooms in to it and draws it as
    // a "keep" pin.
    const item = page.locator(`.list button[data-point="${id}"]`);
    await expect(item).toHaveAttribute('data-kind', 'keep');
    await expect(item).toContainText(`Kasztanowiec ${XSS}`);
    await expect(page.locator('.mine [data-status="published"]')).toBeVisible();

    await item.click();
    expect((await renderedWalk(page, id))?.['kind']).toBe('keep');
    const details = page.getByRole('article');
    await expect(details.getByRole('heading', { level: 3 })).toHaveText(`Kasztanowiec ${XSS}`);
    await expect(details).toContainText(`Cień latem. ${XSS}`);
    await expect(details).toContainText(XSS);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    const photo = details.locator('img');
    await expect(photo).toHaveAttribute('src', new RegExp(`/api/points/${id}/photo`));
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1600);
    await page.screenshot({ path: 'test-results/screenshots/walk-details-phone.png', fullPage: true });

    await details.getByRole('button', { name: 'Też tak uważam' }).click();
    await expect(details.getByText('1 osoba tak uważa')).toBeVisible();
    await expect(details.getByRole('button', { name: 'Też tak uważam' })).toBeDisabled();
  });

  test('places a pin by keyboard only: crosshair, arrows, Enter, then the form', async ({ page }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await page.getByRole('button', { name: 'Dodaj punkt' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Wskaż klawiaturą' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.maplibregl-canvas')).toBeFocused();
    await expect(page.getByText(/Strzałki przesuwają mapę/).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/walk-keyboard-phone.png' });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => window.__mapa!.idle());
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('placement-status')).toContainText('wskazane klawiaturą');
    // Enter moved on to the form's first field.
    await expect(page.getByLabel('zasób — warto zachować')).toBeFocused();
    await page.keyboard.press('ArrowDown'); // → "change"
    await expect(page.getByLabel('potrzeba — warto zmienić')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Temat', { exact: true })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dziurawy chodnik');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Trudno przejechać wózkiem.');
    await page.keyboard.press('Tab'); // photo
    await page.keyboard.press('Tab'); // nickname
    await page.keyboard.press('Tab'); // consent
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the privacy notice link under the consent
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Wyślij punkt' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Dziękujemy/ })).toBeFocused();
    const id = idFromLink(await page.getByLabel('Twój prywatny link do edycji i usunięcia punktu').inputValue());

    await approveAsModerator(page, id);
    await page.getByRole('button', { name: 'Wróć do mapy' }).click();
    await expect(page.locator(`.list button[data-point="${id}"]`)).toHaveAttribute('data-kind', 'change');
  });

  test('finds a place by typing its name when the map is not used', async ({ page }) => {
    await page.goto('/?tab=walk&view=list');
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await expect(page.getByRole('button', { name: 'Wskaż klawiaturą' })).toHaveCount(0);
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('szeroka');
    await page.getByRole('button', { name: /Stara Synagoga/ }).click();
    await expect(page.getByTestId('placement-status')).toContainText('Stara Synagoga');
  });

  test('the walk tab and its form have no serious or critical accessibility violations', async ({ page }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    const scan = (where: string) => seriousViolations(page, where);
    const tab = await scan('walk tab');
    await page.screenshot({ path: 'test-results/screenshots/walk-tab-phone.png', fullPage: true });
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.getByRole('button', { name: 'Wyślij punkt' }).click(); // with the error messages showing
    const form = await scan('walk form');
    await page.screenshot({ path: 'test-results/screenshots/walk-form-phone.png', fullPage: true });
    expect([...tab, ...form]).toEqual([]);
  });
});

test.describe('the walk map on a projector-sized screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('shows the tab, the form and a published pin with clusters split by kind', async ({ page }) => {
    // Three pins close together (one change, two keep), published through the API.
    for (const [i, kind] of (['keep', 'keep', 'change'] as const).entries()) {
      const res = await page.request.post('/api/points', {
        data: {
          layer: 'walk',
          lng: 19.9445 + i * 0.0004,
          lat: 50.0508,
          kind,
          theme: 'ruch',
          title: `Punkt ${i + 1}`,
          consent: true,
        },
      });
      expect(res.status()).toBe(201);
      await approveAsModerator(page, (await res.json()).id);
    }
    await page.goto('/?tab=walk');
    await waitForMap(page, ['walk-clusters', 'walk-points'], 1);
    await page.screenshot({ path: 'test-results/screenshots/walk-tab-desktop.png' });
    await page.locator('.list button', { hasText: 'Punkt 3' }).click();
    await expect(page.getByRole('article')).toContainText('ruch pieszy');
    await page.screenshot({ path: 'test-results/screenshots/walk-details-desktop.png' });
    await page.getByRole('button', { name: 'Wróć do listy' }).click();
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.screenshot({ path: 'test-results/screenshots/walk-form-desktop.png' });
  });
});
