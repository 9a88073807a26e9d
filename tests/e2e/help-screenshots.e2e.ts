import { expect, freshData, test, waitForMap } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';

test.describe('help map screenshots for people to look at', { tag: '@screenshots' }, () => {
  test.beforeAll(async ({ request }, testInfo) => {
    // Before seeding: the file's first test would otherwise start from fresh data without these offers.
    await freshData(testInfo.file);
    const offers = [
      helpOffer({ name: 'Fundacja Pomocna Dłoń', kinds: ['zakupy', 'transport'], lng: 19.9447, lat: 50.0514 }),
      helpOffer({ name: 'Centrum Aktywności Seniorów', kinds: ['seniorzy', 'cyfrowa'], lng: 19.952, lat: 50.0565 }),
      helpOffer({
        name: 'Ola',
        helperType: 'person',
        kinds: ['tlumaczenia', 'rozmowa'],
        lng: 19.9465,
        lat: 50.0522,
        contact: { phone: '+48 600 700 800' },
        contactConsent: { phone: true },
      }),
      helpOffer({
        name: 'Pan Marek',
        helperType: 'person',
        kinds: ['naprawy'],
        lng: 19.9558,
        lat: 50.0575,
        contact: { phone: '+48 600 700 801' },
      }),
      helpOffer({ name: 'Jadłodajnia Nowa Huta', kinds: ['posilki'], lng: 20.0375, lat: 50.0719 }),
    ];
    for (const body of offers) await approveAsModerator(request, (await postOffer(request, body)).id);
  });

  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'projector', width: 1920, height: 1080 },
  ]) {
    test(`help tab, results, form and print page at ${size.name} size`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const full = size.name === 'phone';
      await page.goto('/?tab=help');
      await waitForMap(page, ['subareas-fill'], 3);
      await page.screenshot({ path: `test-results/screenshots/help-tab-${size.name}.png`, fullPage: full });

      await page.getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' }).getByLabel('zakupy i dostawy').check();
      await page
        .getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' })
        .getByLabel('tłumaczenia (np. ukraiński)')
        .check();
      await page.getByLabel('Albo wpisz miejsce lub adres').fill('Stara Synagoga');
      await page.getByRole('button', { name: /Stara Synagoga/ }).click();
      await expect(page.getByTestId('help-count')).toContainText('Znaleziono');
      await page.waitForFunction(() => window.__mapa?.idle());
      await page.screenshot({ path: `test-results/screenshots/help-results-${size.name}.png`, fullPage: full });

      await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
      await page.getByLabel('Osoba prywatna').check();
      await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Popraw' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/help-form-${size.name}.png`, fullPage: full });

      await page.goto('/?tab=help&print=grzegorzki-wesola');
      await expect(page.getByTestId('print-qr')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/help-print-${size.name}.png`, fullPage: full });
    });
  }
});
