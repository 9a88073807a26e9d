import { expect, MODERATOR, seriousViolations, test, waitForMap, walkPin, watchErrors } from './fixtures.ts';
import { helpOffer } from './help-helpers.ts';

test.describe('moderation', () => {
  test('a pin is invisible until a moderator approves it, then appears on an open map without reload', async ({
    page,
    browser,
    request,
  }) => {
    const title = `Ławki przy Okrąglaku ${Date.now()}`;
    const created = await request.post('/api/points', { data: walkPin({ title }) });
    expect(created.status()).toBe(201);
    const { id, status } = await created.json();
    expect(status).toBe('pending');

    await page.goto('/?tab=walk&subarea=kazimierz-stradom');
    await waitForMap(page, ['subareas-fill'], 1);
    const renderedWalk = () => page.evaluate(() => window.__mapa!.renderedIds(['walk-points']));
    expect(await renderedWalk()).not.toContain(id);
    const listed = await (await request.get('/api/points?layer=walk')).json();
    expect(listed.features.map((f: { id: string }) => f.id)).not.toContain(id);

    // The moderator works in another browser (own cookies), as on the facilitator's laptop.
    const moderatorContext = await browser.newContext();
    const mod = await moderatorContext.newPage();
    const modErrors: string[] = [];
    watchErrors(mod, modErrors);
    await mod.goto('/moderacja');
    await mod.getByLabel('Login').fill(MODERATOR.login);
    await mod.getByLabel('Hasło').fill(MODERATOR.password);
    await mod.getByRole('button', { name: 'Zaloguj się' }).click();
    const item = mod.getByRole('article', { name: title });
    await expect(item).toBeVisible();
    await expect(item).toContainText('Kazimierz-Stradom');
    await item.getByRole('button', { name: 'Zatwierdź' }).click();
    await expect(mod.getByRole('status').filter({ hasText: `Zatwierdzono: ${title}` })).toBeAttached();
    await expect(item).toHaveCount(0);

    await expect.poll(renderedWalk, { timeout: 10_000 }).toContain(id);
    expect(modErrors).toEqual([]);
    await moderatorContext.close();
  });

  test('a moderator rejects a pin with a reason and its author sees the reason', async ({ page, request }) => {
    const title = `Do odrzucenia ${Date.now()}`;
    const { id, editToken } = await (await request.post('/api/points', { data: walkPin({ title }) })).json();
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.keyboard.press('Enter');
    const item = page.getByRole('article', { name: title });
    await item.getByRole('button', { name: 'Odrzuć' }).click();
    await page.getByRole('button', { name: 'Odrzuć z tym powodem' }).click();
    await expect(page.getByText('Podaj powód odrzucenia.')).toBeVisible();
    await page.getByLabel('Powód odrzucenia').fill('To miejsce leży poza Kazimierzem — przenieś punkt.');
    await page.getByRole('button', { name: 'Odrzuć z tym powodem' }).click();
    await expect(item).toHaveCount(0);
    const own = await (
      await request.get(`/api/points/${id}`, { headers: { Authorization: `Bearer ${editToken}` } })
    ).json();
    expect(own).toMatchObject({
      status: 'rejected',
      rejectReason: 'To miejsce leży poza Kazimierzem — przenieś punkt.',
    });
  });

  test('a moderator removes a pin for good with a reason; the point is gone for its author too', async ({
    page,
    request,
  }) => {
    const title = `Do usunięcia ${Date.now()}`;
    const { id, editToken } = await (await request.post('/api/points', { data: walkPin({ title }) })).json();
    const errors: string[] = [];
    watchErrors(page, errors);
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.keyboard.press('Enter');
    const item = page.getByRole('article', { name: title });
    await item.getByRole('button', { name: 'Usuń trwale' }).click();
    await expect(item.getByText('Tego nie można cofnąć.')).toBeVisible();
    await item.getByRole('button', { name: 'Usuń trwale z tym powodem' }).click();
    await expect(item.getByText('Podaj powód usunięcia.')).toBeVisible();
    await item.getByLabel(/Dlaczego usuwasz/).fill('Na prośbę autora.');
    await item.getByRole('button', { name: 'Usuń trwale z tym powodem' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Usunięto trwale: ${title}` })).toBeAttached();
    await expect(item).toHaveCount(0);
    expect(
      (await request.get(`/api/points/${id}`, { headers: { Authorization: `Bearer ${editToken}` } })).status(),
    ).toBe(404);
    expect(errors).toEqual([]);
  });

  test("shows residents' text in the queue as literal text, never as markup", async ({ page, request }) => {
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const title = `XSS ${Date.now()} ${xss}`;
    const nickname = '<b onmouseover=alert(1)>Ala</b>'; // the nickname field is capped at 40 characters
    const created = await request.post('/api/points', { data: walkPin({ title, description: xss, nickname }) });
    expect(created.status()).toBe(201);
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const item = page.getByRole('article', { name: title });
    await expect(item.getByRole('heading', { level: 4 })).toHaveText(title);
    await expect(item).toContainText(xss);
    await expect(item).toContainText(`podpis: ${nickname}`);
    await expect(item.locator('img[src="x"], script, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test("shows a private person's contacts with their names in Polish and whether each may be published", async ({
    page,
    request,
  }) => {
    const name = `Sąsiadka z Józefa ${Date.now()}`;
    const created = await request.post('/api/points', {
      data: helpOffer({
        name,
        helperType: 'person',
        kinds: ['zakupy'],
        contact: { phone: '+48 600 700 800', email: 'sasiadka@example.org' },
        contactConsent: { email: true },
      }),
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const contacts = page.getByRole('article', { name }).getByRole('list', { name: 'Kontakt' }).getByRole('listitem');
    await expect(contacts).toHaveText([
      'Telefon: +48 600 700 800 (niepubliczny)',
      'E-mail: sasiadka@example.org (publiczny)',
    ]);
  });

  test('refuses a wrong password with a clear message', async ({ page }) => {
    await page.goto('/moderacja');
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill('not-the-password');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(page.getByRole('alert')).toHaveText('Nieprawidłowy login lub hasło.');
  });

  test('the login form and the queue have no serious accessibility violations', async ({ page, request }) => {
    await request.post('/api/points', { data: walkPin({ title: `Axe ${Date.now()}` }) });
    await page.goto('/moderacja');
    await expect(page.getByRole('heading', { name: 'Logowanie moderatora' })).toBeVisible();
    const scan = () => seriousViolations(page, 'moderation');
    expect(await scan()).toEqual([]);
    await page.getByLabel('Login').fill(MODERATOR.login);
    await page.getByLabel('Hasło').fill(MODERATOR.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await expect(page.getByRole('heading', { name: 'Do sprawdzenia' })).toBeVisible();
    await expect(page.getByRole('article').first()).toBeVisible();
    expect(await scan()).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/moderation-queue.png', fullPage: true });
  });
});
