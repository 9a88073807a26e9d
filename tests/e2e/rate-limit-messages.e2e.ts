import { expect, MODERATOR, test, walkPin } from './fixtures.ts';

/**
 * Rate limits residents can meet in a workshop room, where every phone shares one address: the page must say what
 * happened in their language, not show the server's English message. The 429 answers are faked: exhausting the real
 * limits would slow every other test sharing the e2e server.
 */
const tooMany = (retryAfter: number, error: string) => ({
  status: 429,
  headers: { 'Retry-After': String(retryAfter), 'Content-Type': 'application/json' },
  body: JSON.stringify({ error }),
});

test('the join page says how long to wait after too many wrong codes from one network', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.route('**/api/sessions/ZZZZ22', (route) =>
    route.fulfill(tooMany(300, 'too many unknown session code requests from your address; try again in 5 minutes')),
  );
  await page.goto('/spacer/ZZZZ22');
  await expect(page.getByRole('alert')).toHaveText(
    'Z tej sieci wpisano zbyt wiele błędnych kodów. Spróbuj ponownie za 5 minut.',
  );
  await page.screenshot({ path: 'test-results/screenshots/session-code-limit-phone.png' });
});

test('a "me too" past the per-network limit says so in Polish, not as a failure', async ({ page, request }) => {
  const title = `Limit głosów ${Date.now()}`;
  const { id } = await (await request.post('/api/points', { data: walkPin({ title }) })).json();
  expect((await request.post('/api/auth/login', { data: MODERATOR })).status()).toBe(200);
  expect((await request.post(`/api/moderation/points/${id}/approve`)).status()).toBe(200);
  await page.route(`**/api/points/${id}/votes`, (route) =>
    route.fulfill(tooMany(86_000, 'too many "me too" vote requests from your address; try again in 24 hours')),
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?tab=walk');
  await page.locator(`.list button[data-point="${id}"]`).click();
  const details = page.getByRole('article');
  await details.getByRole('button', { name: 'Też tak uważam' }).click();
  await expect(details.getByRole('alert')).toHaveText(
    /^Z tej sieci \(np\. wspólnego Wi-Fi\) oddano już bardzo wiele głosów/,
  );
  await expect(details).not.toContainText('too many');
  await page.screenshot({ path: 'test-results/screenshots/vote-limit-phone.png', fullPage: true });
});
