import { expect, seriousViolations, test, waitForMap, watchErrors } from './fixtures.ts';
import { approveAsModerator, helpOffer, HELP_LAYERS, postOffer } from './help-helpers.ts';

test.describe('Sąsiedzka Mapa Pomocy: offering and finding help', () => {
  test('an organisation offers help through the form, a moderator approves it, a resident finds it by kind, nearest first', async ({
    page,
    browser,
    request,
  }) => {
    // Two browsers, a form and four approvals: on a busy two-core machine this takes longer than the default minute.
    test.setTimeout(150_000);
    const run = Date.now();
    // Two more transport offers, farther from Plac Nowy, and one of another kind right next to it.
    const middle = await postOffer(request, helpOffer({ name: `Hala pomaga ${run}`, lng: 19.9515, lat: 50.058 }));
    const far = await postOffer(request, helpOffer({ name: `Nowa Huta wozi ${run}`, lng: 20.03775, lat: 50.07207 }));
    const other = await postOffer(
      request,
      helpOffer({ name: `Zakupy obok ${run}`, kinds: ['zakupy'], lng: 19.9449, lat: 50.0513 }),
    );
    for (const o of [middle, far, other]) await approveAsModerator(request, o.id);

    // The organisation fills the form.
    await page.goto('/?tab=help');
    await waitForMap(page, ['subareas-fill'], 3);
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    const name = `Fundacja Blisko ${run}`;
    await page.getByLabel('Organizacja').check();
    await page.getByLabel(/Nazwa organizacji/).fill(name);
    await page
      .getByRole('group', { name: /W czym możesz pomóc/ })
      .getByLabel('transport (np. do lekarza)')
      .check();
    await page.getByLabel('Opis', { exact: true }).fill('Zawozimy do lekarza i do urzędu.');
    await page.getByLabel('ukraiński', { exact: true }).check();
    await page.getByLabel('Telefon').fill('+48 12 345 67 89');
    await page.getByLabel('E-mail', { exact: true }).fill('nie-adres');
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('Bazylika Bożego');
    await page.getByRole('button', { name: /Bazylika Bożego Ciała/ }).click();
    await expect(page.getByTestId('placement-status')).toContainText('Bazylika Bożego Ciała');

    // Bad input: messages next to the fields, nothing typed is lost.
    await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
    await expect(page.getByText('To nie wygląda na adres e-mail.')).toBeVisible();
    await expect(page.getByText('Zaznacz zgodę na publikację.')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Popraw 2 pola' })).toBeVisible();
    await expect(page.getByLabel(/Nazwa organizacji/)).toHaveValue(name);
    expect(await seriousViolations(page, 'offer form with errors')).toEqual([]);

    await page.getByLabel('E-mail', { exact: true }).fill('kontakt@blisko.example.org');
    await page.getByLabel(/Zgadzam się na opublikowanie/).check();
    await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
    await expect(page.getByRole('heading', { name: /Dziękujemy! Oferta czeka na sprawdzenie/ })).toBeFocused();
    const link = await page.getByLabel('Twój prywatny link').inputValue();
    const id = new URL(link).searchParams.get('edit')!;
    expect(link).toContain('#token=');
    const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem('mapa.myPoints') ?? '[]'));
    expect(remembered.map((p: { id: string }) => p.id)).toContain(id);

    // Pending: not public yet.
    const before = await (await request.get('/api/points?layer=help')).json();
    expect(before.features.map((f: { id: string }) => f.id)).not.toContain(id);
    await approveAsModerator(request, id);

    // A resident on another device looks for a lift to the doctor near Plac Nowy.
    const ctx = await browser.newContext({ locale: 'pl-PL' });
    const resident = await ctx.newPage();
    const errors: string[] = [];
    watchErrors(resident, errors);
    await resident.goto('/?tab=help');
    await waitForMap(resident, HELP_LAYERS, 1);
    expect(await seriousViolations(resident, 'help tab')).toEqual([]);
    await resident
      .getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' })
      .getByLabel('transport (np. do lekarza)')
      .check();
    await resident.getByLabel('Albo wpisz miejsce lub adres').fill('plac nowy');
    await resident.getByRole('button', { name: /Plac Nowy \(Okrąglak\)/ }).click();
    await expect(resident.getByText('Odległość od: Plac Nowy (Okrąglak)')).toBeVisible();

    const results = resident.getByRole('region', { name: 'Wyniki' }).getByRole('listitem');
    const mine = (n: string) => results.filter({ has: resident.getByRole('heading', { level: 3, name: n }) });
    await expect(mine(name)).toHaveCount(1);
    const headings = await resident
      .getByRole('region', { name: 'Wyniki' })
      .getByRole('heading', { level: 3 })
      .allTextContents();
    const order = headings.filter((h) => h.endsWith(String(run)));
    expect(order).toEqual([name, `Hala pomaga ${run}`, `Nowa Huta wozi ${run}`]);
    await expect(mine(name)).toContainText(/\d+ m stąd/);
    await expect(mine(`Nowa Huta wozi ${run}`)).toContainText(/\d+,\d km stąd/);
    await expect(mine(name)).toContainText('Aktualna');
    await expect(mine(name)).toContainText('ukraiński');
    await expect(mine(name).getByRole('link', { name: '+48 12 345 67 89' })).toHaveAttribute(
      'href',
      'tel:+48123456789',
    );
    await expect(mine(name).getByRole('link', { name: 'kontakt@blisko.example.org' })).toHaveAttribute(
      'href',
      'mailto:kontakt@blisko.example.org',
    );
    await expect(resident.getByTestId('help-count')).toHaveText(/Znaleziono \d+ ofert/);
    await expect(resident.getByText(`Zakupy obok ${run}`)).toHaveCount(0);
    expect(await seriousViolations(resident, 'find-help results')).toEqual([]);

    // The same offers are drawn on the map, the match highlighted through feature-state.
    await resident.waitForFunction(() => window.__mapa?.idle());
    expect(await resident.evaluate(() => window.__mapa!.renderedIds(['help-points']))).toContain(id);
    expect(await resident.evaluate((id) => window.__mapa!.featureState('help', id), id)).toMatchObject({
      match: true,
      dim: false,
    });
    expect(await resident.evaluate((id) => window.__mapa!.featureState('help', id), other.id)).toMatchObject({
      match: false,
      dim: true,
    });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('the offer form and the tab are usable by keyboard alone', async ({ page }) => {
    await page.goto('/?tab=help');
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Zaoferuj pomoc' })).toBeVisible();
    // The next Tab stop after the mode buttons is the first question of the form.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Organizacja')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Osoba prywatna')).toBeChecked();
    await expect(page.getByText('Imię lub pseudonim *')).toBeVisible();
    expect(await seriousViolations(page, 'offer form (person)')).toEqual([]);
  });

  test('keeps everything typed in the offer form across a reload, until the offer is sent', async ({ page }) => {
    await page.goto('/?tab=help');
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    await page.getByLabel('Osoba prywatna').check();
    await page.getByLabel(/Imię lub pseudonim/).fill('Basia');
    await page
      .getByRole('group', { name: /W czym możesz pomóc/ })
      .getByLabel('nocleg')
      .check();
    await page.getByLabel('Telefon').fill('+48 600 000 111');
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('Wolnica');
    await page.getByRole('button', { name: /Wolnica/ }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    await expect(page.getByLabel('Osoba prywatna')).toBeChecked();
    await expect(page.getByLabel(/Imię lub pseudonim/)).toHaveValue('Basia');
    await expect(page.getByRole('group', { name: /W czym możesz pomóc/ }).getByLabel('nocleg')).toBeChecked();
    await expect(page.getByLabel('Telefon')).toHaveValue('+48 600 000 111');
    await expect(page.getByTestId('placement-status')).toContainText('Wolnica');
    await expect(page.getByLabel(/Zgadzam się na opublikowanie/)).not.toBeChecked();
  });
});
