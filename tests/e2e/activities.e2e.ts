import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { AMBASSADORS, expect, test, waitForMap, watchErrors } from './fixtures.ts';
import { audit, LOCALES, t, useLocale } from './a11y-support.ts';

const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };
const PLAC_NOWY = 'Plac Nowy (Okrąglak)';
/** A Kraków date `days` from today ("2026-12-03"). */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv', { timeZone: 'Europe/Warsaw' });

async function signIn(page: Page, who: { login: string; password: string }) {
  await page.goto('/wydarzenia');
  await page.getByLabel(t('pl', 'moderation.login')).fill(who.login);
  await page.getByLabel(t('pl', 'moderation.password')).fill(who.password);
  await page.getByRole('button', { name: t('pl', 'moderation.signIn') }).click();
  await expect(page.getByText(t('pl', 'activities.editor.loggedInAs', { login: who.login }))).toBeVisible();
}

/** An upcoming Kazimierz-Stradom activity added through the API by its ambassador, for tests that only read. */
async function seedActivity(request: APIRequestContext, title: string) {
  expect(
    (
      await request.post('/api/auth/login', {
        data: { login: AMBASSADORS.kazimierz.login, password: AMBASSADORS.kazimierz.password },
      })
    ).status(),
  ).toBe(200);
  const day = dayFromNow(3);
  const res = await request.post('/api/activities', {
    data: {
      title,
      subarea: 'kazimierz-stradom',
      place: { name: PLAC_NOWY, lng: 19.9447, lat: 50.0514 },
      start: `${day}T10:00`,
      end: `${day}T12:00`,
      audience: ['seniorzy', 'wszyscy'],
      registration: { type: 'email', email: 'zapisy@example.org' },
      accessibility: 'Bez schodów',
      description: 'Potańcówka międzypokoleniowa — przyjdź z sąsiadami.',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await request.post('/api/auth/logout');
}

/** A second browser (the ambassador's laptop), signed in at /wydarzenia. */
async function ambassadorPage(browser: Browser, who: { login: string; password: string }) {
  const context = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);
  await signIn(page, who);
  return { page, errors, close: () => context.close() };
}

test.describe('ambassadors’ activities', () => {
  test('an ambassador gives a planned item a date; it appears on an open map and on the projector without reload, and a resident downloads its .ics', async ({
    page,
    browser,
  }) => {
    // Four pages at once — a phone and a projector with live maps, two ambassadors — on two cores.
    test.setTimeout(150_000);
    const resident = page;
    await resident.setViewportSize(PHONE);
    await resident.goto('/?subarea=kazimierz-stradom');
    await waitForMap(resident, ['subareas-fill'], 1);
    await resident.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

    const projectorContext = await browser.newContext({
      viewport: PROJECTOR,
      locale: 'pl-PL',
      timezoneId: 'Europe/Warsaw',
    });
    const projector = await projectorContext.newPage();
    const projectorErrors: string[] = [];
    watchErrors(projector, projectorErrors);
    await projector.goto('/prezentacja');
    await waitForMap(projector, ['subareas-fill'], 1);
    await projector.keyboard.press('1'); // Kazimierz-Stradom
    await expect(projector.locator('[data-live="live"]')).toBeVisible();

    const amb = await ambassadorPage(browser, AMBASSADORS.kazimierz);
    const title = `Spacer „Kazimierz pod lupą”, edycja ${Date.now()}`;
    await amb.page
      .getByRole('button', { name: t('pl', 'activities.editor.giveDate') })
      .first()
      .click();
    const form = amb.page.locator('form.activity-form');
    await form.getByLabel(t('pl', 'activities.form.title')).fill(title);
    await form.locator('select[name=place]').selectOption({ label: PLAC_NOWY });
    const day = dayFromNow(2);
    await form.getByLabel(t('pl', 'activities.form.start')).fill(`${day}T17:00`);
    // An end before the start is refused in the form, naming the field.
    await form.locator('input[name=end]').fill(`${day}T16:00`);
    await form.getByRole('button', { name: t('pl', 'activities.form.save') }).click();
    await expect(form.getByText(t('pl', 'activities.form.errors.end'))).toBeVisible();
    await form.locator('input[name=end]').fill(`${day}T19:00`);
    await form.getByLabel(t('pl', 'activities.form.accessibility')).fill('Bez schodów; pętla indukcyjna');
    await form.getByRole('button', { name: t('pl', 'activities.form.save') }).click();
    await expect(amb.page.getByText(t('pl', 'activities.editor.saved', { title }))).toBeVisible();

    // The open map: listed in the subarea's panel and drawn on the map, same document.
    const item = resident.getByRole('button', { name: t('pl', 'activities.details', { title }) });
    await expect(item).toBeVisible();
    await waitForMap(resident, ['activities-points'], 1);
    expect(await resident.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
    // The projector's corner names it.
    await expect(projector.locator('aside.corner')).toContainText(title);
    await projector.screenshot({ path: 'test-results/screenshots/activities-projector.png' });
    await projector.keyboard.press('e');
    await expect(projector.locator('aside.corner')).toBeHidden();

    // The resident opens the card and adds it to their calendar.
    await item.click();
    await expect(resident.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(resident.getByText('Bez schodów; pętla indukcyjna')).toBeVisible();
    await resident.screenshot({ path: 'test-results/screenshots/activities-card-phone.png', fullPage: true });
    const [download] = await Promise.all([
      resident.waitForEvent('download'),
      resident.getByRole('link', { name: t('pl', 'activities.card.addToCalendar') }).click(),
    ]);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync((await download.path())!, 'utf8')));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(title);
    expect(event.location).toBe(PLAC_NOWY);

    // An ambassador of another subarea cannot change it: the API refuses, and their page does not list it.
    const other = await ambassadorPage(browser, AMBASSADORS.grzegorzki);
    await expect(other.page.getByRole('heading', { name: t('pl', 'activities.editor.listHeading') })).toBeVisible();
    await expect(other.page.getByText(title)).toHaveCount(0);
    const { activities } = (await (
      await other.page.request.get('/api/activities?subarea=kazimierz-stradom')
    ).json()) as { activities: { id: string; title: string }[] };
    const id = activities.find((a) => a.title === title)!.id;
    const refused = await other.page.request.patch(`/api/activities/${id}`, { data: { title: 'Przejęte' } });
    expect(refused.status()).toBe(403);

    // Cancelled by its own ambassador: it stays listed, struck through, with the reason — live.
    await amb.page
      .locator(`li[data-activity="${id}"]`)
      .getByRole('button', { name: t('pl', 'activities.editor.cancel') })
      .click();
    await amb.page.getByLabel(t('pl', 'activities.form.cancelReason')).fill('Ulewa, przenosimy na wiosnę');
    await amb.page
      .locator(`li[data-activity="${id}"]`)
      .getByRole('button', { name: t('pl', 'activities.editor.cancel') })
      .click();
    await resident.getByRole('button', { name: t('pl', 'activities.card.back') }).click();
    await expect(resident.locator('del', { hasText: title })).toBeVisible();
    await expect(
      resident.getByText(t('pl', 'activities.cancelledReason', { reason: 'Ulewa, przenosimy na wiosnę' })),
    ).toBeVisible();
    await resident.screenshot({ path: 'test-results/screenshots/activities-panel-phone.png', fullPage: true });
    await amb.page.screenshot({ path: 'test-results/screenshots/activities-editor.png', fullPage: true });

    expect([...projectorErrors, ...amb.errors, ...other.errors]).toEqual([]);
    await Promise.all([amb.close(), other.close(), projectorContext.close()]);
  });

  test('the list view shows the activities without a map', async ({ page, request }) => {
    await seedActivity(request, `Potańcówka na placu Nowym ${Date.now()}`);
    await page.goto('/?view=list');
    await expect(page.getByRole('heading', { name: t('pl', 'activities.headingAll') })).toBeVisible();
    await expect(page.locator('.maplibregl-canvas')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Szczegóły: / }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/activities-list-phone.png', fullPage: true });
  });

  for (const locale of LOCALES) {
    test(`the subarea panel with its activities, the card and the editor pass axe in ${locale}`, async ({
      page,
      browser,
      request,
    }) => {
      await seedActivity(request, `Potańcówka na placu Nowym ${Date.now()}`);
      await useLocale(page, locale);
      await page.goto('/?view=list&subarea=kazimierz-stradom');
      const item = page.locator('button[data-activity]').first();
      await expect(item).toBeVisible();
      const problems = await audit(page, locale, 'subarea panel');
      await item.click();
      await expect(page.getByRole('link', { name: t(locale, 'activities.card.addToCalendar') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'activity card')));
      const context = await browser.newContext({ locale: 'pl-PL' });
      const editor = await context.newPage();
      await useLocale(editor, locale);
      await editor.goto('/wydarzenia');
      await editor.locator('input[name=login]').fill(AMBASSADORS.kazimierz.login);
      await editor.locator('input[name=password]').fill(AMBASSADORS.kazimierz.password);
      await editor.locator('button[type=submit]').click();
      await editor.getByRole('button', { name: t(locale, 'activities.editor.add') }).click();
      await expect(editor.locator('form.activity-form')).toBeVisible();
      problems.push(...(await audit(editor, locale, 'activity editor')));
      if (locale !== 'pl')
        await editor.screenshot({ path: `test-results/screenshots/activities-editor-${locale}.png`, fullPage: true });
      await context.close();
      expect(problems).toEqual([]);
    });
  }
});
