import { expect, test } from './fixtures.ts';
import { audit, LOCALES, t, useLocale } from './a11y-support.ts';

/**
 * The privacy notice (/prywatnosc, RODO art. 13) and the about page (/o-mapie): reachable from a footer on every
 * page and from every consent checkbox, readable in three languages, honest about what is not filled in yet.
 */

const footer = (page: import('@playwright/test').Page) => page.getByRole('contentinfo');

test.describe('the privacy notice and the about page', () => {
  test('a footer on every page links to the about page and the privacy notice', async ({ page }) => {
    for (const path of [
      '/',
      '/?view=list',
      '/?tab=help',
      '/statystyki',
      '/moderacja',
      '/spacer',
      '/o-mapie',
      '/prywatnosc',
    ]) {
      await page.goto(path);
      await expect(footer(page).getByRole('link', { name: 'O mapie' }), path).toHaveAttribute('href', '/o-mapie');
      await expect(footer(page).getByRole('link', { name: 'Prywatność i ochrona danych' }), path).toHaveAttribute(
        'href',
        '/prywatnosc',
      );
    }
    await page.goto('/statystyki');
    await footer(page).getByRole('link', { name: 'Prywatność i ochrona danych' }).click();
    await expect(page).toHaveURL(/\/prywatnosc$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Informacja o ochronie danych osobowych' })).toBeVisible();
    await expect(footer(page).getByRole('link', { name: 'Prywatność i ochrona danych' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await footer(page).getByRole('link', { name: 'O mapie' }).click();
    await expect(page).toHaveURL(/\/o-mapie$/);
    await expect(page.getByRole('heading', { level: 2, name: 'O mapie' })).toBeVisible();
  });

  test('the privacy notice says which facts are not filled in and quotes the configured retention periods', async ({
    page,
  }) => {
    await page.goto('/prywatnosc');
    const notice = page.getByRole('article');
    await expect(notice.getByRole('note')).toContainText('nie jest jeszcze pełna');
    const controller = notice.getByRole('region', { name: 'Kto jest administratorem danych' });
    await expect(controller.getByText('Nie uzupełniono')).toHaveCount(3);
    await expect(
      notice.getByRole('region', { name: 'Inspektor ochrony danych' }).getByText('Nie uzupełniono'),
    ).toHaveCount(2);
    await expect(notice).toContainText('art. 6 ust. 1 lit. a RODO');
    const retention = notice.getByRole('region', { name: 'Jak długo przechowujemy dane' });
    await expect(retention).toContainText('Zgłoszenie odrzucone przez moderatora usuwamy po 30 dniach.');
    await expect(retention).toContainText('usuwamy 180 dni po ostatnim potwierdzeniu');
    await expect(retention).not.toContainText('{');
    await expect(notice.getByRole('region', { name: 'Skarga' })).toContainText(
      'Prezesa Urzędu Ochrony Danych Osobowych',
    );
  });

  test('the about page names the resolution, the three ambassadors and links to the city and to each subarea', async ({
    page,
  }) => {
    await page.goto('/o-mapie');
    const about = page.getByRole('article');
    await expect(about).toContainText('Uchwała nr XCVII/2644/22 Rady Miasta Krakowa z dnia 12 października 2022 r.');
    for (const organisation of [
      'Fundacja Małopolska Izba Samorządowa',
      'Fundacja Faktor Kultura',
      'Stowarzyszenie Fablab Kraków',
    ]) {
      await expect(about.getByText(`Ambasador: ${organisation}`)).toBeVisible();
    }
    await expect(about.getByRole('link', { name: /Podobszary rewitalizacji w Miejskim Systemie/ })).toHaveAttribute(
      'href',
      /^https:\/\/msip\.um\.krakow\.pl\//,
    );
    await about.getByRole('link', { name: 'Pokaż podobszar Kazimierz-Stradom na mapie' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Kazimierz-Stradom' })).toBeVisible();
  });

  test('every consent checkbox links to the privacy notice in a new tab', async ({ page }) => {
    await page.goto('/?tab=walk&view=list');
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    const walkLink = page.getByRole('link', { name: /Kto odpowiada za Twoje dane/ });
    await expect(walkLink).toHaveAttribute('href', '/prywatnosc');
    await expect(walkLink).toHaveAttribute('target', '_blank');
    // The link sits outside the checkbox's label: following it never ticks the consent.
    await expect(page.getByLabel(/Zgadzam się na publikację tego punktu/)).not.toBeChecked();

    await page.goto('/?tab=help&view=list');
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    const helpLink = page.getByRole('link', { name: /Kto odpowiada za Twoje dane/ });
    await expect(helpLink).toHaveAttribute('href', '/prywatnosc');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), helpLink.click()]);
    await expect(tab.getByRole('heading', { level: 2, name: 'Informacja o ochronie danych osobowych' })).toBeVisible();
    await tab.close();
    await expect(page.getByLabel(/Zgadzam się na opublikowanie tej oferty/)).not.toBeChecked();
  });

  test('the public moderation login shows no developer command', async ({ page }) => {
    await page.goto('/moderacja');
    await expect(page.getByRole('button', { name: 'Zaloguj się' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('npm');
    await expect(page.getByText('Konta moderatorów zakłada administrator mapy.', { exact: false })).toBeVisible();
  });

  for (const locale of LOCALES) {
    test(`${locale}: both pages pass axe and show no untranslated text`, async ({ page }) => {
      await useLocale(page, locale);
      const problems: string[] = [];
      await page.goto('/prywatnosc');
      await expect(page.getByRole('heading', { level: 3, name: t(locale, 'site.privacy.rights') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'privacy notice')));
      await page.goto('/o-mapie');
      await expect(page.getByRole('heading', { level: 3, name: t(locale, 'site.about.subareas') })).toBeVisible();
      problems.push(...(await audit(page, locale, 'about page')));
      expect(problems).toEqual([]);
    });
  }

  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'projector', width: 1920, height: 1080 },
  ]) {
    test(`screenshots of both pages at ${size.name} size`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const [path, name, heading] of [
        ['/prywatnosc', 'privacy', 'Informacja o ochronie danych osobowych'],
        ['/o-mapie', 'about', 'O mapie'],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
        await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
        // Nothing wider than the screen: a phone never scrolls sideways to read the notice.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: `test-results/screenshots/site-${name}-${size.name}.png`, fullPage: true });
      }
    });
  }
});
