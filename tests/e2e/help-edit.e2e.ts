import { expect, test } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';

test.describe('the private edit link of a help offer', () => {
  test('confirms "still valid" in one tap, pauses and resumes, corrects, and removes the offer', async ({
    page,
    request,
  }) => {
    const name = `Pomoc w urzędzie ${Date.now()}`;
    const { id, editToken } = await postOffer(request, helpOffer({ name, kinds: ['prawo-urzedy'] }));
    await approveAsModerator(request, id);

    await page.goto(`/?tab=help&edit=${id}#token=${editToken}`);
    await expect(page.getByRole('heading', { name: `Twoja oferta: ${name}` })).toBeFocused();
    await expect(page.getByText('Opublikowana na mapie.')).toBeVisible();

    await page.getByRole('button', { name: 'Nadal aktualna' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Dziękujemy — oferta potwierdzona.' })).toBeVisible();

    await page.getByRole('button', { name: 'Wstrzymaj ofertę' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Oferta wstrzymana' })).toBeVisible();
    const feature = await (await request.get(`/api/points/${id}`)).json();
    expect(feature.properties).toMatchObject({ paused: true, status: 'published' });
    await page.getByRole('button', { name: 'Wznów ofertę' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Oferta wznowiona.' })).toBeVisible();

    await page.getByRole('button', { name: 'Popraw ofertę' }).click();
    await expect(page.getByLabel(/Nazwa organizacji/)).toHaveValue(name);
    await expect(page.getByTestId('placement-status')).toContainText(name);
    await page.getByLabel('Opis', { exact: true }).fill('Pomagamy wypełnić wnioski, także po ukraińsku.');
    await page.getByLabel('E-mail', { exact: true }).fill('zly adres');
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await expect(page.getByText('To nie wygląda na adres e-mail.')).toBeVisible();
    await page.getByLabel('E-mail', { exact: true }).fill('urzad@example.org');
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Zapisano zmiany' })).toBeVisible();
    await expect(page.getByText('Czeka na sprawdzenie przez moderatora.')).toBeVisible();
    const own = await (
      await request.get(`/api/points/${id}`, { headers: { Authorization: `Bearer ${editToken}` } })
    ).json();
    expect(own).toMatchObject({
      description: 'Pomagamy wypełnić wnioski, także po ukraińsku.',
      contact: { email: 'urzad@example.org' },
      status: 'pending',
    });

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Usuń ofertę' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Oferta usunięta.' })).toBeVisible();
    expect((await request.get(`/api/points/${id}`)).status()).toBe(404);
    expect(await page.evaluate(() => localStorage.getItem('mapa.myPoints') ?? '[]')).not.toContain(id);
  });

  test('shows a paused offer as paused, after the open ones, to residents', async ({ page, request }) => {
    const name = `Wstrzymany kierowca ${Date.now()}`;
    const { id, editToken } = await postOffer(request, helpOffer({ name, kinds: ['transport'] }));
    await approveAsModerator(request, id);
    await request.patch(`/api/points/${id}`, {
      data: { layer: 'help', paused: true },
      headers: { Authorization: `Bearer ${editToken}` },
    });
    await page.goto('/?tab=help');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await expect(item).toContainText('Wstrzymana');
    await expect(page.getByText('Oferty wstrzymane przez ich autorów są na końcu listy.')).toBeVisible();
    const headings = await page
      .getByRole('region', { name: 'Wyniki' })
      .getByRole('heading', { level: 3 })
      .allTextContents();
    expect(headings.at(-1)).toBe(name);
  });
});
