import { expect, test } from './fixtures.ts';

/**
 * The server answers 429 to a network that tried too many wrong walk codes (RATE_LIMIT_SESSION_LOOKUPS). The join
 * page must say so, with the wait the server named in Retry-After, not a generic "failed" — the next person in the
 * same room may well type the right code. The answer is faked here: exhausting the real limit would slow every
 * other test sharing the e2e server.
 */
test('the join page says how long to wait after too many wrong codes from one network', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.route('**/api/sessions/ZZZZ22', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '300', 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'too many unknown session code requests from your address; try again in 5 minutes' }),
    }),
  );
  await page.goto('/spacer/ZZZZ22');
  await expect(page.getByRole('alert')).toHaveText('Z tej sieci wpisano zbyt wiele błędnych kodów. Spróbuj ponownie za 5 minut.');
  await page.screenshot({ path: 'test-results/screenshots/session-code-limit-phone.png' });
});
