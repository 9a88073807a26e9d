import { expect, test } from './fixtures.ts';
import { audit } from './a11y-support.ts';

/**
 * "Kto oferuje pomoc?" has no preselected answer: a preselected "Organizacja" let a hurried private person publish
 * the exact place of their home. The offer is not sent until the helper answers, and the answer is kept like
 * everything else typed.
 */
test('the help offer form asks who offers help, with no answer preselected', async ({ page }) => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/points') posts.push(r.url());
  });
  await page.goto('/?tab=help&view=list');
  await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
  const who = page.getByRole('radiogroup', { name: 'Kto oferuje pomoc? *' });
  await expect(who.getByRole('radio')).toHaveCount(2);
  for (const radio of await who.getByRole('radio').all()) await expect(radio).not.toBeChecked();
  await expect(page.getByLabel('Nazwa organizacji albo imię *')).toBeVisible();

  // Everything else is filled in: only the unanswered question stops the offer.
  const name = `Basia ${Date.now()}`;
  await page.getByLabel('Nazwa organizacji albo imię *').fill(name);
  await page
    .getByRole('group', { name: /W czym możesz pomóc/ })
    .getByLabel('zakupy i dostawy')
    .check();
  await page.getByLabel('Albo wpisz miejsce lub adres').fill('Wolnica');
  await page.getByRole('button', { name: /Wolnica/ }).click();
  await page.getByLabel(/Zgadzam się na opublikowanie/).check();
  await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Popraw 1 pole' })).toBeVisible();
  const error = page.getByText('Wybierz, kto oferuje pomoc: organizacja czy osoba prywatna.');
  await expect(error).toBeVisible();
  await expect(who).toHaveAttribute('aria-describedby', 'offer-helperType-error');
  await expect(who).toHaveAttribute('aria-invalid', 'true');
  expect(await audit(page, 'pl', 'offer form without a helper type')).toEqual([]);
  expect(posts).toEqual([]);

  // The answer is kept on the device like everything else typed (the consent is asked again on purpose).
  await who.getByLabel('Osoba prywatna').check();
  await expect(page.getByLabel('Imię lub pseudonim *')).toHaveValue(name);
  await page.reload();
  await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
  await expect(page.getByLabel('Osoba prywatna')).toBeChecked();
  await page.getByLabel(/Zgadzam się na opublikowanie/).check();
  await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
  await expect(page.getByRole('heading', { name: /Dziękujemy! Oferta czeka na sprawdzenie/ })).toBeFocused();
  expect(posts).toHaveLength(1);
});
