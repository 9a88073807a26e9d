import type {} from '../../src/client/map/test-hook.ts';
import { clickMapAt, expect, seriousViolations, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';

/** A spot well inside each subarea, away from its edges and its name label. */
const LANDMARKS = [
  {
    id: 'kazimierz-stradom',
    name: 'Kazimierz-Stradom',
    organisation: 'Stowarzyszenie Fablab Kraków',
    at: [19.9405, 50.0505],
  },
  {
    id: 'grzegorzki-wesola',
    name: 'Grzegórzki-Wesoła',
    organisation: 'Fundacja Małopolska Izba Samorządowa',
    at: [19.964, 50.056],
  },
  { id: 'stara-nowa-huta', name: '„stara” Nowa Huta', organisation: 'Fundacja Faktor Kultura', at: [20.03, 50.077] },
] as const;

test.describe('the map of the three subareas', () => {
  test('draws all three subareas with MapLibre on the offline basemap', async ({ page }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    const ids = await page.evaluate((layers) => window.__mapa!.renderedIds(layers), SUBAREA_LAYERS);
    expect(ids.sort()).toEqual(['grzegorzki-wesola', 'kazimierz-stradom', 'stara-nowa-huta']);
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');
  });

  for (const subarea of LANDMARKS) {
    test(`opens the ${subarea.name} panel when its polygon is clicked`, async ({ page }) => {
      await page.goto('/');
      await waitForMap(page, SUBAREA_LAYERS, 3);
      await clickMapAt(page, subarea.at[0], subarea.at[1]);
      const panel = page.getByRole('article');
      await expect(panel.getByRole('heading', { level: 2 })).toHaveText(subarea.name);
      await expect(panel).toContainText(subarea.organisation);
      await expect(panel).toContainText('Granice są przybliżone');
      await expect(panel).toContainText(/\d+[,.]?\d* ha/);
      expect(new URL(page.url()).searchParams.get('subarea')).toBe(subarea.id);
    });
  }

  test('reopens the same panel from a shared link', async ({ page }) => {
    await page.goto('/?subarea=stara-nowa-huta');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('„stara” Nowa Huta');
    await expect(page.getByRole('article')).toContainText('Wymianka Sąsiedzka');
    await waitForMap(page, SUBAREA_LAYERS, 1);
  });

  test('opens a panel from the subarea list by keyboard alone, and goes back', async ({ page }) => {
    await page.goto('/');
    await waitForMap(page, SUBAREA_LAYERS, 3);
    const kazimierz = page.getByRole('button', { name: /Kazimierz-Stradom/ });
    await kazimierz.focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 2, name: 'Kazimierz-Stradom' });
    await expect(heading).toBeFocused();
    await expect(page.getByRole('article')).toContainText('Kazimierz pod lupą');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Podobszary rewitalizacji' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Kazimierz-Stradom');
  });

  test('reads without a map in the list view', async ({ page }) => {
    await page.goto('/?view=list&subarea=grzegorzki-wesola');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Grzegórzki-Wesoła');
    await expect(page.locator('.maplibregl-canvas')).toHaveCount(0);
    await expect(page.getByRole('article')).toContainText('al. Daszyńskiego 16');
  });

  test('switches the interface to Ukrainian and remembers it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Język' }).selectOption('uk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мапа ревіталізації');
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мапа ревіталізації');
  });

  test('has no serious or critical accessibility violations, with and without a panel open', async ({ page }) => {
    for (const path of ['/', '/?subarea=kazimierz-stradom', '/?view=list']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      expect(await seriousViolations(page, path)).toEqual([]);
    }
  });
});

test.describe('screenshots for people to look at', { tag: '@screenshots' }, () => {
  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'projector', width: 1920, height: 1080 },
  ]) {
    test(`main view and a subarea panel at ${size.name} size`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto('/');
      await waitForMap(page, SUBAREA_LAYERS, 3);
      await page.screenshot({ path: `test-results/screenshots/main-${size.name}.png` });
      await page.getByRole('button', { name: /Grzegórzki-Wesoła/ }).click();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('Grzegórzki-Wesoła');
      await page.waitForFunction(() => window.__mapa?.idle());
      await page.screenshot({
        path: `test-results/screenshots/panel-${size.name}.png`,
        fullPage: size.name === 'phone',
      });
    });
  }
});
