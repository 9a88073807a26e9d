import { expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap, walkPin } from './fixtures.ts';
import { seed, t, useLocale } from './a11y-support.ts';

/**
 * What axe cannot see: skip link, focus rings, focus into and out of panels and after a moderator's decision,
 * reduced motion, pins and map controls by keyboard alone, the language switch; then screenshots in uk and en.
 */

test.describe('keyboard, focus and motion', () => {
  // Each test loads the map (SwiftShader) once or twice; two cores are shared with the server.
  test.describe.configure({ timeout: 150_000 });

  test('the skip link is the first Tab stop and Enter moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Przejdź do treści' });
    await expect(skip).toBeFocused();
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen').toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.locator('main#content')).toBeFocused();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => !!document.activeElement?.closest('main') && !document.activeElement.closest('header')),
    ).toBe(true);
  });

  test('every Tab stop on the map page shows a focus ring', async ({ page }) => {
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    const unmarked: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
        return {
          ring,
          name: `${el.tagName.toLowerCase()}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`,
        };
      });
      if (stop && !stop.ring) unmarked.push(stop.name);
    }
    expect(unmarked).toEqual([]);
  });

  test('focus moves into an opened subarea panel and back to the subarea it came from; Escape closes it too', async ({
    page,
  }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    const trigger = page.locator('button[data-subarea="grzegorzki-wesola"]');
    await trigger.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Grzegórzki-Wesoła' })).toBeFocused();
    await page.getByRole('button', { name: /Wszystkie podobszary/ }).focus();
    await page.keyboard.press('Enter');
    await expect(trigger).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Grzegórzki-Wesoła' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(trigger).toBeFocused();
  });

  test('a keyboard user opens a pin from the list, the map marks it, and the map controls are in the Tab order', async ({
    page,
    request,
  }) => {
    const s = await seed(request);
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    const item = page.locator(`.list button[data-point="${s.walk.id}"]`);
    await item.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 3, name: s.walk.title })).toBeFocused();
    await expect
      .poll(() => page.evaluate((id) => window.__mapa!.featureState('walk', id), s.walk.id))
      .toMatchObject({ selected: true });
    await page.waitForFunction(
      (id) => window.__mapa?.idle() && window.__mapa.renderedIds(['walk-points']).includes(id),
      s.walk.id,
    );
    // Back in the list, focus is on the same point again.
    await page.getByRole('button', { name: /Wróć do listy/ }).focus();
    await page.keyboard.press('Enter');
    await expect(item).toBeFocused();

    // From the top of the page, Tab alone reaches the map and its zoom button; Enter on it zooms in.
    await page.goto('/?tab=walk');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    const reached: string[] = [];
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.className.toString() ?? ''));
      if (reached.at(-1)!.includes('maplibregl-ctrl-zoom-in')) break;
    }
    expect(
      reached.some((c) => c.includes('maplibregl-canvas')),
      `Tab stops: ${reached.join(' | ')}`,
    ).toBe(true);
    expect(reached.at(-1)).toContain('maplibregl-ctrl-zoom-in');
    const before = await page.evaluate(() => window.__mapa!.zoom());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.__mapa!.zoom())).toBeGreaterThan(before + 0.5);
  });

  test('on the help map a keyboard user jumps from the kinds to the results and Tab continues inside them', async ({
    page,
    request,
  }) => {
    const s = await seed(request);
    await page.goto('/?tab=help');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    await expect(page.getByRole('heading', { level: 3, name: s.help.name })).toBeVisible();
    await page.getByRole('link', { name: /Przejdź do wyników/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.results'))).toBe(true);
  });

  test('after a moderator approves by keyboard, focus continues in the queue instead of falling to the page top', async ({
    page,
    request,
  }) => {
    const title = `Fokus ${Date.now()}`;
    expect((await request.post('/api/points', { data: walkPin({ title }) })).status()).toBe(201);
    await page.goto('/moderacja');
    await page.getByLabel('Login', { exact: true }).fill(MODERATOR.login);
    await page.getByLabel('Hasło', { exact: true }).fill(MODERATOR.password);
    await page.keyboard.press('Enter');
    const item = page.getByRole('article', { name: title });
    await item.getByRole('button', { name: 'Zatwierdź' }).focus();
    await page.keyboard.press('Enter');
    await expect(item).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.matches('.queue h4, .moderation h3')))
      .toBe(true);
  });

  test('with reduced motion no CSS animation runs and the map jumps instead of flying', async ({ browser }) => {
    const still = await browser.newContext({ reducedMotion: 'reduce', locale: 'pl-PL' });
    const page = await still.newPage();
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    await page.locator('button[data-subarea="stara-nowa-huta"]').click();
    // fitBounds ran in the same task as the click: with reduced motion the camera is already there.
    expect(await page.evaluate(() => window.__mapa!.moving())).toBe(false);
    const running = await page.evaluate(
      () =>
        document
          .getAnimations()
          .filter((a) => a.playState === 'running' && Number(a.effect?.getComputedTiming().duration ?? 0) > 1).length,
    );
    expect(running).toBe(0);
    await page.goto('/prezentacja');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    expect(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
    await still.close();

    // The same click without the preference flies (so the check above can fail).
    const moving = await browser.newContext({ locale: 'pl-PL' });
    const other = await moving.newPage();
    await other.goto('/');
    await waitForMap(other, SUBAREA_LAYERS, 3);
    await other.locator('button[data-subarea="stara-nowa-huta"]').click();
    expect(await other.evaluate(() => window.__mapa!.moving())).toBe(true);
    await moving.close();
  });

  test('the language switch changes every text, sets lang, and is remembered after a reload', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'app.title'));
    await expect(page.getByRole('tab', { name: t('en', 'tabs.help') })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('combobox', { name: t('en', 'app.language') }).selectOption('uk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('uk', 'app.title'));
    await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveAttribute('aria-label', 'Наблизити');
  });
});

test.describe('screenshots in Ukrainian and English for people to look at', { tag: '@screenshots' }, () => {
  test.describe.configure({ timeout: 180_000 });
  for (const locale of ['uk', 'en'] as const) {
    for (const size of [
      { name: 'phone', width: 390, height: 844 },
      { name: 'desktop', width: 1920, height: 1080 },
    ]) {
      test(`${locale} at ${size.name} size`, async ({ page, request }) => {
        const s = await seed(request);
        await page.setViewportSize(size);
        await useLocale(page, locale, [s.walk]);
        const shot = async (name: string) =>
          page.screenshot({
            path: `test-results/screenshots/a11y-${locale}-${name}-${size.name}.png`,
            fullPage: size.name === 'phone',
          });
        await page.goto('/?subarea=grzegorzki-wesola');
        await waitForMap(page, SUBAREA_LAYERS, 1);
        await shot('panel');
        await page.goto('/?tab=walk');
        await waitForMap(page, SUBAREA_LAYERS, 1);
        await page.getByRole('button', { name: t(locale, 'walk.add') }).click();
        await page.getByRole('button', { name: t(locale, 'walk.form.submit') }).click();
        await shot('walk-form');
        await page.goto('/?tab=help');
        await waitForMap(page, SUBAREA_LAYERS, 1);
        await shot('help');
        await page.getByRole('button', { name: t(locale, 'help.modes.offer') }).click();
        await shot('help-offer');
        await page.goto('/statystyki');
        await expect(page.getByRole('table').first()).toBeVisible();
        await shot('stats');
        await page.goto(`/spacer/${s.session}`);
        await expect(page.getByRole('heading', { name: 'Spacer dostępności' })).toBeVisible();
        await shot('join');
      });
    }
  }
});
