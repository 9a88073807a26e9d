import type { Browser, Page } from '@playwright/test';
import { AMBASSADORS, E2E_SMTP_PORT, expect, test, watchErrors } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';
import { audit, LOCALES, t, useLocale } from './a11y-support.ts';
import { startMailSink } from '../support/mail-sink.ts';

/**
 * "Poproś o kontakt" end to end: a resident asks for contact on a private offer in Kazimierz-Stradom, its ambassador
 * sees the request with the helper's phone and hands it over, the Grzegórzki-Wesoła ambassador sees none of it, and
 * the ambassador's notice arrives at a real SMTP server started here (the e2e server mails to E2E_SMTP_PORT).
 */
const HELPER_PHONE = '+48 600 555 444';
let sink: Awaited<ReturnType<typeof startMailSink>>;
test.beforeAll(async () => {
  sink = await startMailSink(E2E_SMTP_PORT);
});
test.afterAll(() => sink.close());

/** A private person's offer in Kazimierz-Stradom (by ul. Józefa), published, phone not public. */
async function privateOffer(request: Parameters<typeof postOffer>[0], name: string) {
  const { id } = await postOffer(
    request,
    helpOffer({
      name,
      helperType: 'person',
      kinds: ['zakupy'],
      lng: 19.9465,
      lat: 50.0508,
      contact: { phone: HELPER_PHONE },
    }),
  );
  await approveAsModerator(request, id);
  return id;
}

async function logIn(page: Page, who: { login: string; password: string }) {
  await page.goto('/ambasador');
  await page.getByRole('textbox', { name: 'Login', exact: true }).fill(who.login);
  await page.getByLabel('Hasło', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

async function staffPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);
  return { page, errors, close: () => context.close() };
}

test('a resident asks for contact; only the subarea ambassador sees it with the helper phone and hands it over', async ({
  page,
  browser,
  request,
}) => {
  const offerId = await privateOffer(request, `Pani Helena ${Date.now()}`);
  const resident = `Jan Sąsiad ${Date.now()}`;

  await page.clock.install();
  await page.goto('/?tab=help&subarea=kazimierz-stradom');
  const card = page.locator(`[data-offer-id="${offerId}"]`);
  await expect(card).toContainText('Stowarzyszenie Fablab Kraków');
  await expect(card).not.toContainText(HELPER_PHONE);
  await card.getByRole('button', { name: 'Poproś o kontakt' }).click();
  await card.getByLabel('Imię lub pseudonim').fill(resident);
  await card.getByLabel('Telefon').fill('+48 601 222 333');
  await card.getByLabel('W czym potrzebujesz pomocy?').fill('Potrzebuję pomocy z zakupami w środy.');
  await card.getByRole('checkbox', { name: /Zgadzam się/ }).check();
  await expect(card.getByRole('link', { name: 'Jak chronimy Twoje dane' })).toHaveAttribute('href', '/prywatnosc');
  // A person reads and types for more than the 3 s the server asks for; the clock says so without a real wait.
  await page.clock.fastForward(5000);
  await card.getByRole('button', { name: 'Wyślij prośbę' }).click();
  await expect(card.getByRole('status')).toContainText('Prośba trafiła do ambasadora: Stowarzyszenie Fablab Kraków');

  const ks = await staffPage(browser);
  await logIn(ks.page, AMBASSADORS.kazimierz);
  const item = ks.page.getByRole('article', { name: new RegExp(resident) });
  await expect(item).toContainText('Potrzebuję pomocy z zakupami w środy.');
  await expect(item).toContainText(HELPER_PHONE);
  await item.getByRole('button', { name: 'Przekazano' }).click();
  await expect(ks.page.getByRole('status').filter({ hasText: `Zapisano: ${resident}` })).toBeAttached();
  await expect(item).not.toContainText(HELPER_PHONE);
  await expect(item.getByRole('button', { name: 'Otwórz ponownie' })).toBeVisible();
  expect(ks.errors).toEqual([]);
  await ks.close();

  const gw = await staffPage(browser);
  await logIn(gw.page, AMBASSADORS.grzegorzki);
  await expect(gw.page.getByRole('heading', { name: 'Prośby o kontakt' })).toBeVisible();
  await expect(gw.page.getByText('Nie ma żadnych próśb.', { exact: false })).toBeVisible();
  await expect(gw.page.getByText(resident)).toHaveCount(0);
  await expect(gw.page.getByText(HELPER_PHONE)).toHaveCount(0);
  expect(gw.errors).toEqual([]);
  await gw.close();

  await expect
    .poll(() => sink.messages.find((m) => m.to.includes(AMBASSADORS.kazimierz.email))?.subject, { timeout: 15_000 })
    .toBe('Nowa prośba o kontakt — Kazimierz-Stradom');
  const notice = sink.messages.find((m) => m.to.includes(AMBASSADORS.kazimierz.email))!;
  for (const personal of [resident, '601 222 333', 'zakupami', HELPER_PHONE])
    expect(notice.text).not.toContain(personal);
  expect(sink.messages.some((m) => m.to.includes(AMBASSADORS.grzegorzki.email))).toBe(false);
});

test('the contact form and the ambassador inbox pass axe in pl, uk and en, screenshotted at phone size', async ({
  browser,
  request,
}) => {
  // Three languages, four axe audits each, on a shared 2-core machine: well over the default minute.
  test.setTimeout(240_000);
  const offerId = await privateOffer(request, `Pan Tadeusz ${Date.now()}`);
  const ask = await request.post(`/api/points/${offerId}/contact-requests`, {
    data: {
      name: 'Maria z Podbrzezia',
      email: 'maria@example.org',
      message: 'Czy ktoś pomoże przy zakupach?',
      consent: true,
      fillMs: 6000,
    },
  });
  expect(ask.status()).toBe(201);
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    await useLocale(page, locale);
    await page.goto('/?tab=help&subarea=kazimierz-stradom');
    const card = page.locator(`[data-offer-id="${offerId}"]`);
    await card.getByRole('button', { name: t(locale, 'contact.ask.button') }).click();
    await card.getByRole('button', { name: t(locale, 'contact.ask.send') }).click();
    await expect(card.getByRole('alert')).toHaveText(t(locale, 'contact.ask.fixFields'));
    problems.push(...(await audit(page, locale, 'contact form')));
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `test-results/screenshots/contact-form-${locale}-phone.png` });

    await page.goto('/ambasador');
    problems.push(...(await audit(page, locale, 'ambassador login')));
    await page
      .getByRole('textbox', { name: t(locale, 'moderation.login'), exact: true })
      .fill(AMBASSADORS.kazimierz.login);
    await page.getByLabel(t(locale, 'moderation.password'), { exact: true }).fill(AMBASSADORS.kazimierz.password);
    await page.getByRole('button', { name: t(locale, 'moderation.signIn') }).click();
    await expect(page.getByRole('article', { name: /Maria z Podbrzezia/ })).toBeVisible();
    problems.push(...(await audit(page, locale, 'ambassador inbox')));
    await page.screenshot({ path: `test-results/screenshots/ambassador-inbox-${locale}-phone.png`, fullPage: true });
    expect(errors, locale).toEqual([]);
    await context.close();
  }
  expect(problems).toEqual([]);
});
