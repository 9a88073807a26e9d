import { axeBuilder, expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';
import { audit, LOCALES, seed, t, useLocale } from './a11y-support.ts';

/**
 * Accessibility and languages: every view in Polish, Ukrainian and English passes axe (WCAG 2.1 A/AA)
 * with no serious or critical violation, says its language on <html>, and shows no raw message key and no Polish
 * interface text left untranslated.
 */

test.describe('every view in every language passes axe and shows no untranslated text', () => {
  // Three languages × several views, each axe scan a second or two on SwiftShader.
  test.describe.configure({ timeout: 240_000 });

  test('the scan finds what it is for: a nameless button and an unlabelled field are violations', async ({ page }) => {
    await page.setContent('<!doctype html><html lang="pl"><title>t</title><main><button></button><input></main>');
    const ids = (await axeBuilder(page).analyze()).violations.map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'label']));
  });

  for (const locale of LOCALES) {
    test(`${locale}: the map, a subarea panel and the list view`, async ({ page, request }) => {
      await seed(request);
      await useLocale(page, locale);
      const problems: string[] = [];
      await page.goto('/');
      await waitForMap(page, SUBAREA_LAYERS, 3);
      problems.push(...(await audit(page, locale, 'main map')));

      await page.locator('button[data-subarea="kazimierz-stradom"]').click();
      await expect(page.getByRole('heading', { level: 2, name: 'Kazimierz-Stradom' })).toBeFocused();
      await page.waitForFunction(() => window.__mapa?.idle());
      problems.push(...(await audit(page, locale, 'subarea panel')));

      await page.goto('/?view=list');
      await expect(page.getByRole('heading', { level: 2, name: t(locale, 'subareas.heading') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'list view')));
      await page.goto('/?view=list&subarea=stara-nowa-huta');
      await expect(page.getByRole('heading', { level: 2, name: '„stara” Nowa Huta' })).toBeVisible();
      problems.push(...(await audit(page, locale, 'subarea panel without a map')));
      expect(problems).toEqual([]);
    });

    test(`${locale}: the walk map — list, my points, a pin's details, the add form with errors, the edit link, the confirmation`, async ({
      page,
      request,
    }) => {
      const s = await seed(request);
      await useLocale(page, locale, [s.walk]);
      const problems: string[] = [];
      await page.goto('/?tab=walk');
      await waitForMap(page, SUBAREA_LAYERS, 1);
      const item = page.locator(`.list button[data-point="${s.walk.id}"]`);
      await expect(item).toBeVisible();
      await expect(page.locator(`.mine [data-point="${s.walk.id}"] [data-status="published"]`)).toBeVisible();
      problems.push(...(await audit(page, locale, 'walk list and my points')));

      await item.click();
      await expect(page.getByRole('heading', { level: 3, name: s.walk.title })).toBeFocused();
      problems.push(...(await audit(page, locale, 'walk pin details')));
      await page.getByRole('button', { name: t(locale, 'walk.details.back') }).click();

      await page.getByRole('button', { name: t(locale, 'walk.add') }).click();
      await expect(page.getByRole('button', { name: t(locale, 'walk.form.submit') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'walk add form')));
      await page.getByRole('button', { name: t(locale, 'walk.form.submit') }).click();
      await expect(page.getByText(t(locale, 'walk.errors.titleRequired'))).toBeVisible();
      problems.push(...(await audit(page, locale, 'walk add form with errors')));

      await page.getByLabel(t(locale, 'placement.search')).fill('szeroka');
      await page.getByRole('button', { name: /Stara Synagoga/ }).click();
      await page.getByLabel(t(locale, 'walk.kind.keepLong')).check();
      await page.getByLabel(t(locale, 'walk.form.theme'), { exact: true }).selectOption({ index: 1 });
      await page.getByLabel(t(locale, 'walk.form.title')).fill(`Synagoga ${locale}`);
      await page.getByLabel(t(locale, 'walk.form.consent')).check();
      await page.getByRole('button', { name: t(locale, 'walk.form.submit') }).click();
      await expect(page.getByRole('heading', { name: t(locale, 'walk.sent.heading') })).toBeFocused();
      problems.push(...(await audit(page, locale, 'walk sent confirmation')));

      await page.goto(`/?tab=walk&edit=${s.walk.id}#token=${s.walk.editToken}`);
      await expect(page.getByRole('button', { name: t(locale, 'walk.edit.remove') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'walk edit link')));
      expect(problems).toEqual([]);
    });

    test(`${locale}: the help map — find help with results, the offer form with errors, created, the edit link, the print page`, async ({
      page,
      request,
    }) => {
      const s = await seed(request);
      await useLocale(page, locale);
      const problems: string[] = [];
      await page.goto('/?tab=help');
      await waitForMap(page, SUBAREA_LAYERS, 1);
      await expect(page.getByRole('heading', { level: 3, name: s.help.name })).toBeVisible();
      problems.push(...(await audit(page, locale, 'find help')));
      const kinds = page.getByRole('group', { name: t(locale, 'help.find.kinds') });
      await kinds.getByRole('checkbox').nth(1).check();
      await page.getByLabel(t(locale, 'placement.search')).fill('plac nowy');
      await page.getByRole('button', { name: /Plac Nowy \(Okrąglak\)/ }).click();
      await expect(page.getByRole('heading', { level: 3, name: s.help.name })).toBeVisible();
      problems.push(...(await audit(page, locale, 'find help results near a place')));

      await page.getByRole('button', { name: t(locale, 'help.modes.offer') }).click();
      await expect(page.getByRole('button', { name: t(locale, 'help.form.submit') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'help offer form')));
      await page.getByRole('radio', { name: t(locale, 'help.offer.person') }).check();
      await page.getByRole('button', { name: t(locale, 'help.form.submit') }).click();
      await expect(page.getByText(t(locale, 'help.form.errors.kinds'))).toBeVisible();
      problems.push(...(await audit(page, locale, 'help offer form (person) with errors')));
      await page.getByRole('radio', { name: t(locale, 'help.offer.organisation') }).check();
      await page.getByLabel(t(locale, 'help.form.name')).fill(`Fundacja ${locale} ${Date.now()}`);
      await page
        .getByRole('group', { name: t(locale, 'help.form.kinds') })
        .getByRole('checkbox')
        .first()
        .check();
      await page.getByLabel(t(locale, 'placement.search')).fill('wolnica');
      await page
        .getByRole('button', { name: /Wolnica/ })
        .first()
        .click();
      await page.getByLabel(t(locale, 'help.form.consent')).check();
      await page.getByRole('button', { name: t(locale, 'help.form.submit') }).click();
      await expect(page.getByRole('heading', { name: t(locale, 'help.created.heading') })).toBeFocused();
      problems.push(...(await audit(page, locale, 'help offer created')));

      await page.goto(`/?tab=help&edit=${s.help.id}#token=${s.help.editToken}`);
      await expect(
        page.getByRole('heading', { name: t(locale, 'help.edit.heading', { name: s.help.name }) }),
      ).toBeVisible();
      problems.push(...(await audit(page, locale, 'help edit link')));

      await page.goto('/?tab=help&print=kazimierz-stradom');
      await expect(page.locator('.sheet img, .sheet svg').first()).toBeVisible();
      problems.push(...(await audit(page, locale, 'help print page')));
      expect(problems).toEqual([]);
    });

    test(`${locale}: facilitators' pages — moderation login and queue, sessions, join, console, summary, statistics, presentation`, async ({
      page,
      request,
    }) => {
      const s = await seed(request);
      await useLocale(page, locale);
      const problems: string[] = [];
      await page.goto('/spacer');
      await expect(page.getByRole('button', { name: t(locale, 'moderation.signIn') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'sessions login')));

      await page.goto('/moderacja');
      await expect(page.getByRole('button', { name: t(locale, 'moderation.signIn') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'moderation login')));
      await page.getByLabel(t(locale, 'moderation.login'), { exact: true }).fill(MODERATOR.login);
      await page.getByLabel(t(locale, 'moderation.password'), { exact: true }).fill('wrong-password-x');
      await page.getByRole('button', { name: t(locale, 'moderation.signIn') }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      problems.push(...(await audit(page, locale, 'moderation login refused')));
      await page.getByLabel(t(locale, 'moderation.password'), { exact: true }).fill(MODERATOR.password);
      await page.getByRole('button', { name: t(locale, 'moderation.signIn') }).click();
      await expect(page.getByRole('heading', { name: t(locale, 'moderation.queueHeading') })).toBeVisible();
      const first = page.locator('.queue > li').first();
      await expect(first).toBeVisible();
      problems.push(...(await audit(page, locale, 'moderation queue')));
      await first.getByRole('button', { name: t(locale, 'moderation.reject') }).click();
      await first.getByRole('button', { name: t(locale, 'moderation.edit') }).click();
      await expect(first.locator('form')).toBeVisible();
      problems.push(...(await audit(page, locale, 'moderation queue, correcting text')));
      await first.getByRole('button', { name: t(locale, 'moderation.history') }).click();
      await expect(first.locator('.history')).toContainText(t(locale, 'moderation.actions.create'));
      problems.push(...(await audit(page, locale, 'moderation queue, history')));

      await page.goto('/spacer');
      await expect(page.locator('.sessions li').filter({ hasText: s.session })).toBeVisible();
      problems.push(...(await audit(page, locale, 'sessions list')));
      await page.goto(`/spacer/${s.session}`);
      await expect(page.getByRole('heading', { name: 'Spacer dostępności' })).toBeVisible();
      problems.push(...(await audit(page, locale, 'session join page')));
      await page.goto(`/spacer/${s.session}/prowadzacy`);
      await expect(page.getByRole('article').first()).toBeVisible();
      problems.push(...(await audit(page, locale, 'session console')));
      await page.goto(`/spacer/${s.session}/podsumowanie`);
      await expect(page.getByRole('table').first()).toBeVisible();
      problems.push(...(await audit(page, locale, 'session summary')));
      await page.goto('/statystyki');
      await expect(page.getByRole('table').first()).toBeVisible();
      problems.push(...(await audit(page, locale, 'statistics')));

      await page.goto(`/prezentacja?sesja=${s.session}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Spacer dostępności' })).toBeVisible();
      await waitForMap(page, SUBAREA_LAYERS, 1);
      problems.push(...(await audit(page, locale, 'presentation')));
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      problems.push(...(await audit(page, locale, 'presentation shortcuts')));
      expect(problems).toEqual([]);
    });
  }
});
