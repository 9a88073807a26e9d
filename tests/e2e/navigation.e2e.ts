import { expect, MODERATOR, SUBAREA_LAYERS, test, waitForMap } from './fixtures.ts';
import { seed } from './a11y-support.ts';

/** Every page of its own leads back to the map, and the map leads to the statistics. */

test.describe('finding the way between pages', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('statistics, walk sessions, the console, the summary, moderation and the print page each link back to the map', async ({
    page,
    request,
  }) => {
    const s = await seed(request);
    await page.request.post('/api/auth/login', { data: MODERATOR });
    const pages = [
      { url: '/statystyki', back: 'Mapa', to: '/' },
      { url: '/spacer', back: 'Mapa', to: '/' },
      { url: `/spacer/${s.session}/prowadzacy`, back: 'Mapa', to: '/' },
      { url: `/spacer/${s.session}/podsumowanie`, back: 'Mapa', to: '/' },
      { url: '/moderacja', back: 'Mapa', to: '/' },
      { url: '/?tab=help&print=kazimierz-stradom', back: 'Wróć do mapy', to: '/?tab=help' },
    ];
    for (const p of pages) {
      await page.goto(p.url);
      const link = page.getByRole('link', { name: p.back, exact: true });
      await expect(link, p.url).toBeVisible();
      await expect(link, p.url).toHaveAttribute('href', p.to);
    }
    await page.goto(`/spacer/${s.session}/prowadzacy`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/console-phone.png', fullPage: true });
    await page.getByRole('link', { name: 'Mapa', exact: true }).click();
    await waitForMap(page, SUBAREA_LAYERS, 3);
  });

  test('the map links to the statistics, and the console names both publishing modes plainly', async ({
    page,
    request,
  }) => {
    const s = await seed(request);
    await page.goto('/?view=list');
    await page.getByRole('link', { name: 'Statystyki podobszarów i otwarte dane' }).click();
    await expect(page).toHaveURL(/\/statystyki$/);
    await expect(page.getByRole('table').first()).toBeVisible();

    await page.request.post('/api/auth/login', { data: MODERATOR });
    await page.goto(`/spacer/${s.session}/prowadzacy`);
    await page.getByRole('button', { name: 'Publikuj od razu' }).click();
    await expect(page.getByRole('button', { name: 'Zatwierdzaj punkty przed publikacją' })).toBeVisible();
    await page.getByRole('button', { name: 'Zatwierdzaj punkty przed publikacją' }).click();
    await expect(page.getByRole('button', { name: 'Publikuj od razu' })).toBeVisible();
  });
});
