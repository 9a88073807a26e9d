import fc from 'fast-check';
import { expect, test } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';

/** Inside Kazimierz-Stradom, so the offers also reach its printed one-pager. */
const BOX = { w: 19.9425, e: 19.949, s: 50.0495, n: 50.0535 };
// 7 decimals with a non-zero last digit: never equal to a published 6-decimal cell centre.
const coord = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: Math.ceil(lo * 1e6), max: Math.floor(hi * 1e6) - 1 }), fc.integer({ min: 1, max: 9 }))
    .map(([m, d]) => (m * 10 + d) / 1e7);
const person = fc.record({
  lng: coord(BOX.w, BOX.e),
  lat: coord(BOX.s, BOX.n),
  phone: fc.stringMatching(/^\+48 [5-8]\d{8}$/),
  email: fc.stringMatching(/^[a-z]{8,12}$/).map((s) => `${s}@example.org`),
  www: fc.stringMatching(/^[a-z]{8,12}$/).map((s) => `https://${s}.example.org`),
});

test.describe('privacy of private persons on rendered pages', () => {
  test("no rendered page shows a private person's exact position or unconsented contacts", async ({
    page,
    request,
  }) => {
    // A property over random positions and contacts: a handful per run (each case costs a real browser page).
    const cases = fc.sample(person, Number(process.env.E2E_PRIVACY_CASES ?? 4));
    const names: string[] = [];
    for (const [i, c] of cases.entries()) {
      const name = `Sąsiadka ${Date.now()}-${i}`;
      names.push(name);
      const { id } = await postOffer(
        request,
        helpOffer({
          helperType: 'person',
          name,
          lng: c.lng,
          lat: c.lat,
          kinds: ['rozmowa'],
          contact: { phone: c.phone, email: c.email, www: c.www },
          contactConsent: { phone: false },
        }),
      );
      await approveAsModerator(request, id);
    }
    const secrets = cases.flatMap((c) => [
      String(c.lng),
      String(c.lat),
      c.phone,
      c.email,
      c.www,
      c.phone.replace(/\s/g, ''),
    ]);

    await page.goto('/?tab=help');
    await page
      .getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' })
      .getByLabel('rozmowa i wsparcie psychologiczne')
      .check();
    for (const name of names) await expect(page.getByRole('heading', { level: 3, name })).toBeVisible();
    const offer = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: names[0] }) });
    await expect(offer).toContainText('Skontaktuj się przez ambasadora podobszaru: Stowarzyszenie Fablab Kraków');
    await expect(offer).toContainText('Położenie przybliżone');
    const findHtml = await page.content();

    await page.goto('/?tab=help&print=kazimierz-stradom');
    for (const name of names) await expect(page.getByTestId('print-sheet')).toContainText(name);
    const printHtml = await page.content();

    for (const html of [findHtml, printHtml]) for (const s of secrets) expect(html).not.toContain(s);
  });
});
