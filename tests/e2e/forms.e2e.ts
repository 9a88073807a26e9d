import { expect, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';

/** What residents stumbled on in the two forms: focus, stale and empty error messages, the web address, languages. */

test.describe('the walk and help forms at phone size', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('"+ Dodaj punkt" moves focus to the form, and a fixed field loses its message without another submit', async ({
    page,
  }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await expect(page.getByRole('heading', { name: 'Nowy punkt' })).toBeFocused();

    await page.getByRole('button', { name: 'Wyślij punkt' }).click();
    const titleError = page.getByText('Wpisz tytuł.');
    await expect(titleError).toBeVisible();
    await page.getByLabel('Tytuł').fill('Ławka przy Szerokiej');
    await expect(titleError).toHaveCount(0);
    await expect(page.getByLabel('Tytuł')).not.toHaveAttribute('aria-invalid', 'true');
    // Emptied again: the message comes back at once, as the field was already marked.
    await page.getByLabel('Tytuł').fill('');
    await expect(titleError).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/forms-walk-errors-phone.png', fullPage: true });
  });

  test('the help offer form: no empty error bar, live errors, a web address without https://, languages by name, one size of the area', async ({
    page,
  }) => {
    await page.goto('/?tab=help');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    const summary = page.locator('.offer-form .summary');
    await expect(page.getByRole('button', { name: 'Wyślij ofertę' })).toBeVisible();
    expect(await summary.evaluate((el) => getComputedStyle(el).borderLeftWidth), 'no red bar on a fresh form').toBe(
      '0px',
    );
    await page.screenshot({ path: 'test-results/screenshots/forms-help-fresh-phone.png', fullPage: true });

    await expect(page.getByText('kwadrat ok. 150 × 150 m')).toBeVisible();

    await page.getByLabel('Organizacja').check();
    await page.getByLabel('Strona internetowa').fill('fablab.krakow.pl');
    await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
    await expect(summary).toContainText('Popraw');
    const nameError = page.getByText(/Wpisz nazwę/);
    await expect(nameError).toBeVisible();
    await expect(page.getByLabel('Strona internetowa'), 'an address without https:// is accepted').not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await page.getByLabel('Nazwa organizacji *').fill('Fablab Kraków');
    await expect(nameError).toHaveCount(0);

    const other = page.getByLabel('Inny język');
    await expect(other.locator('option', { hasText: 'czeski' })).toHaveCount(1);
    await other.selectOption({ label: 'czeski' });
    await expect(page.getByRole('checkbox', { name: 'czeski' })).toBeChecked();
    await expect(other).toHaveValue('');
    await expect(other.locator('option', { hasText: 'czeski' }), 'not offered twice').toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/forms-help-errors-phone.png', fullPage: true });

    // The body sent has the scheme added and the picked language's code.
    await page
      .getByRole('group', { name: /W czym możesz pomóc/ })
      .getByRole('checkbox')
      .first()
      .check();
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('Stara Synagoga');
    await page.getByRole('button', { name: /Stara Synagoga/ }).click();
    await page.getByRole('checkbox', { name: /Zgadzam się/ }).check();
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/points') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
    const body = (await sent).postDataJSON() as { contact: { www: string }; languages: string[] };
    expect(body.contact.www).toBe('https://fablab.krakow.pl');
    expect(body.languages).toContain('cs');
  });
});
