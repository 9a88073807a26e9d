import { axeBuilder, expect, MODERATOR, test, walkPin } from './fixtures.ts';

const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Europe/Warsaw' });

test.describe('walk sessions for facilitators', () => {
  test('a facilitator creates a moderated session, approves one pin with A and rejects one with R and a reason; the summary lists only the approved one', async ({
    page,
    request,
  }) => {
    const name = `Spacer konsola ${Date.now()}`;
    await page.goto('/spacer');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByLabel('Nazwa').fill(name);
    await page.getByLabel('Data').fill(today());
    await page.getByRole('button', { name: 'Utwórz spacer' }).click();
    const item = page.locator('.sessions li').filter({ hasText: name });
    await expect(item).toBeVisible();
    const code = (await item.locator('.code').innerText()).trim();

    const send = async (title: string) =>
      (await (await request.post('/api/points', { data: walkPin({ title, session: code }) })).json()) as {
        id: string;
        status: string;
      };
    const kept = await send(`Ławka do zostawienia ${code}`);
    const dropped = await send(`Reklama do zdjęcia ${code}`);
    expect(kept.status).toBe('pending');

    await item.getByRole('link', { name: 'Konsola prowadzącego' }).click();
    const first = page.getByRole('article', { name: `Ławka do zostawienia ${code}` });
    await expect(first).toBeVisible();
    await page.keyboard.press('a');
    await expect(first).toHaveCount(0);
    await expect(
      page.getByRole('status').filter({ hasText: `Zatwierdzono: Ławka do zostawienia ${code}` }),
    ).toBeAttached();
    await page.keyboard.press('r');
    await expect(page.getByLabel('Powód odrzucenia (zobaczy go autor)')).toBeFocused();
    await page.getByLabel('Powód odrzucenia (zobaczy go autor)').fill('Punkt poza trasą spaceru.');
    await page.getByRole('button', { name: 'Odrzuć z tym powodem' }).click();
    await expect(page.getByText('Nic nie czeka')).toBeVisible();

    await page.goto(`/spacer/${code}/podsumowanie`);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByText('Opublikowane punkty: 1')).toBeVisible();
    await expect(page.locator('.list')).toContainText(`Ławka do zostawienia ${code}`);
    await expect(page.locator('.list')).not.toContainText('Reklama');
    await expect(page.getByRole('table')).toContainText('przestrzeń publiczna');
    const csv = await (await request.get(`/api/export/points.csv?layer=walk&session=${code}`)).text();
    expect(csv).toContain(kept.id);
    expect(csv).not.toContain(dropped.id);
    const axe = await axeBuilder(page).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('statistics page shows charts with tables and open-data links, and passes axe', async ({ page, request }) => {
    await request.post('/api/auth/login', { data: MODERATOR });
    const { id } = await (
      await request.post('/api/points', { data: walkPin({ title: `Statystyka ${Date.now()}` }) })
    ).json();
    await request.post(`/api/moderation/points/${id}/approve`);
    await page.goto('/statystyki');
    const kazimierz = page.getByRole('region', { name: 'Kazimierz-Stradom' });
    await expect(kazimierz.getByRole('table').first()).toContainText('przestrzeń publiczna');
    await expect(page.getByRole('link', { name: 'Słownik danych i licencja (JSON)' })).toHaveAttribute(
      'href',
      '/api/export/dictionary',
    );
    await expect(page.locator('a[href="/api/export/points.csv?layer=walk&subarea=kazimierz-stradom"]')).toBeVisible();
    const axe = await axeBuilder(page).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('statistics follow approvals live, without a reload', async ({ page, request }) => {
    await request.post('/api/auth/login', { data: MODERATOR });
    const publish = async (title: string) => {
      const { id } = await (await request.post('/api/points', { data: walkPin({ title }) })).json();
      expect((await request.post(`/api/moderation/points/${id}/approve`)).status()).toBe(200);
    };
    await publish(`Statystyka na żywo A ${Date.now()}`);
    const pointLists: string[] = [];
    let statsLoads = 0;
    const requested: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      requested.push(path + new URL(r.url()).search);
      if (path === '/api/points') pointLists.push(r.url());
      if (path === '/api/stats') statsLoads++;
    });
    // The page's timers run on Playwright's clock, so the test can move past its refresh delay without waiting.
    await page.clock.install();
    await page.goto('/statystyki');
    await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    // The walk table's sum row: "Razem", then the keep count (walkPin is a keep pin in Kazimierz-Stradom).
    const keepSum = page
      .getByRole('region', { name: 'Kazimierz-Stradom' })
      .getByRole('table')
      .first()
      .getByRole('row', { name: /Razem/ })
      .getByRole('cell')
      .first();
    const before = Number(await keepSum.textContent());
    expect(before).toBeGreaterThan(0);
    // Past the page's 1 s refresh delay: a second load of the same figures would have started by now. A request
    // sent after the timers ran arrives after any they started, so once it is seen, statsLoads is final.
    await page.clock.runFor(1500);
    await page.evaluate(() => fetch('/api/health?after-timers'));
    await expect.poll(() => requested.includes('/api/health?after-timers')).toBe(true);
    expect(statsLoads).toBe(1);
    await publish(`Statystyka na żywo B ${Date.now()}`);
    await expect(keepSum).toHaveText(String(before + 1), { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // Live through the events alone: the page never downloads the point lists the map needs, and loads the
    // figures once on opening and once after the approval.
    expect(pointLists).toEqual([]);
    expect(statsLoads).toBe(2);
  });
});
