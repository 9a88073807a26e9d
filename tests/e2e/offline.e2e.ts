import type { APIRequestContext, Page } from '@playwright/test';
import { expect, MODERATOR, test } from './fixtures.ts';

/**
 * Offline capture: a pin or an offer submitted without a connection stays on the device (IndexedDB),
 * is shown as "Czeka na wysłanie", survives a reload, and is sent exactly once when the connection returns.
 *
 * The reload happens with the network back but POST /api/points failing (as on a flaky connection), so the page
 * itself loads while the submission still cannot get through: what must survive the reload is the outbox, not
 * the page. (Reloading the page with no network at all needs the service worker, which is not built yet.)
 */

/** While offline the browser logs every failed request and the live list logs its failed reload: expected here. */
const OFFLINE_NOISE =
  /net::ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|loading points failed|EventSource|Failed to fetch/;
const dropOfflineNoise = (errors: string[]) =>
  errors.splice(0, errors.length, ...errors.filter((e) => !OFFLINE_NOISE.test(e)));

/** How many points the server holds with this exact title or name (pending ones: the moderation queue). */
async function storedWith(request: APIRequestContext, label: string): Promise<number> {
  const login = await request.post('/api/auth/login', { data: MODERATOR });
  expect(login.status()).toBe(200);
  const queue = (await (await request.get('/api/moderation/queue')).json()) as {
    points: { title?: string; name?: string }[];
  };
  return queue.points.filter((p) => p.title === label || p.name === label).length;
}

async function goOnlineAgain(page: Page) {
  await page.context().setOffline(false);
}

test.describe('offline capture', () => {
  test('a walk pin sent offline waits on the device, survives a reload and is stored exactly once when back online', async ({
    page,
    context,
    request,
    pageErrors,
  }) => {
    test.setTimeout(120_000);
    const title = `Ławka pod kasztanem ${Date.now()}`;
    await page.goto('/?tab=walk&view=list');
    await page.getByRole('button', { name: 'Dodaj punkt' }).click();
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('szeroka');
    await page.getByRole('button', { name: /Stara Synagoga/ }).click();
    await page.getByLabel('zasób — warto zachować').check();
    await page.getByLabel('Temat', { exact: true }).selectOption({ label: 'zieleń' });
    await page.getByLabel('Tytuł').fill(title);
    await page.getByLabel(/Zgadzam się na publikację/).check();

    // The connection drops just as the resident presses send.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Wyślij punkt' }).click();
    const outbox = page.getByTestId('outbox');
    await expect(outbox).toContainText('Czeka na wysłanie');
    await expect(outbox).toContainText(title);
    expect(await storedWith(request, title)).toBe(0);

    // Back on a connection that still fails to deliver: the page reloads, the pin is still waiting.
    await page.route('**/api/points', (route) =>
      route.request().method() === 'POST' ? route.abort('failed') : route.fallback(),
    );
    await goOnlineAgain(page);
    await page.reload();
    await expect(page.getByTestId('outbox')).toContainText(title);
    expect(await storedWith(request, title)).toBe(0);

    // The connection really returns: the outbox sends it by itself, once.
    await page.unroute('**/api/points');
    await context.setOffline(true);
    await context.setOffline(false); // fires `online`
    await expect(page.getByTestId('outbox')).toHaveCount(0, { timeout: 15_000 });
    expect(await storedWith(request, title)).toBe(1);
    const mine = await page.evaluate(
      () => JSON.parse(localStorage.getItem('mapa.myPoints') ?? '[]') as { title: string }[],
    );
    expect(mine.map((p) => p.title)).toContain(title);

    // Another start (a second tab, a later visit) sends nothing again.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Dodaj punkt' })).toBeVisible();
    expect(await storedWith(request, title)).toBe(1);
    dropOfflineNoise(pageErrors);
  });

  test('a help offer sent offline is sent once when the connection returns', async ({
    page,
    context,
    request,
    pageErrors,
  }) => {
    test.setTimeout(120_000);
    const name = `Fundacja Offline ${Date.now()}`;
    await page.goto('/?tab=help&view=list');
    await page.getByRole('button', { name: 'Zaoferuj pomoc' }).click();
    await page.getByLabel('Organizacja').check();
    await page.getByLabel(/Nazwa organizacji/).fill(name);
    await page
      .getByRole('group', { name: /W czym możesz pomóc/ })
      .getByLabel('transport (np. do lekarza)')
      .check();
    await page.getByLabel('Albo wpisz miejsce lub adres').fill('Bazylika Bożego');
    await page.getByRole('button', { name: /Bazylika Bożego Ciała/ }).click();
    await page.getByLabel(/Zgadzam się na opublikowanie/).check();

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Wyślij ofertę' }).click();
    await expect(page.getByTestId('outbox')).toContainText(name);
    expect(await storedWith(request, name)).toBe(0);

    await context.setOffline(false);
    await expect(page.getByTestId('outbox')).toHaveCount(0, { timeout: 15_000 });
    expect(await storedWith(request, name)).toBe(1);
    dropOfflineNoise(pageErrors);
  });
});
