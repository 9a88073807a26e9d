import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, MODERATOR, test, walkPin } from './fixtures.ts';
import { helpOffer } from './help-helpers.ts';

/**
 * Hostile text in every view: the XSS corpus goes through every text field of both layers and a walk
 * session's name, then every view that shows residents' text is rendered — before approval (moderation queue,
 * session console) and after (walk list and details, help results, session join and summary pages, presentation,
 * edit screens). In each: nothing executes (window.__xss stays unset, no dialog opens, the page logs no error —
 * a CSP refusal would be one), no element carries an event-handler attribute, and every payload reads literally.
 */
const PAYLOADS: string[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/xss-payloads.json'), 'utf8'),
).payloads;
const NICKNAME_MAX = 40;

interface Sent {
  id: string;
  editToken: string;
  payload: string;
}
const data = { code: '', sessionName: '', walk: [] as Sent[], help: [] as Sent[] };
const walkTexts = () => data.walk.map((p) => p.payload);
const helpTexts = () => data.help.map((p) => p.payload);

async function loginModerator(request: APIRequestContext) {
  const res = await request.post('/api/auth/login', { data: MODERATOR });
  expect(res.status(), 'moderator login').toBe(200);
}

/** Everything the test asserts after rendering a view, from inside the page. */
async function assertInert(page: Page, dialogs: string[], expected: string[], view: string) {
  const state = await page.evaluate((expected) => {
    const app = document.getElementById('app')!;
    const text = app.textContent ?? '';
    const withHandlers = [...app.querySelectorAll('*')]
      .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
      .map((el) => el.outerHTML.slice(0, 120));
    const injected = [
      ...app.querySelectorAll(
        'script, iframe, object, embed, marquee, template, math, img[src="x"], img[src="x:x"], link, meta, form button[formaction]',
      ),
    ].map((el) => el.outerHTML.slice(0, 120));
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss,
      missing: expected.filter((p) => !text.includes(p)),
      withHandlers,
      injected,
    };
  }, expected);
  expect(state.xss, `${view}: a payload ran`).toBeUndefined();
  expect(dialogs, `${view}: a payload opened a dialog`).toEqual([]);
  expect(state.withHandlers, `${view}: elements with event-handler attributes`).toEqual([]);
  expect(state.injected, `${view}: elements a payload would have made`).toEqual([]);
  expect(state.missing, `${view}: payloads not shown as literal text`).toEqual([]);
}

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test.describe.serial('hostile text is shown as text in every view', () => {
  test('residents send the XSS corpus through every text field of both layers', async ({ request }) => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    await loginModerator(request);
    data.sessionName = PAYLOADS[0]!;
    const session = await request.post('/api/sessions', {
      data: {
        name: data.sessionName,
        subarea: 'kazimierz-stradom',
        date: new Date().toISOString().slice(0, 10),
        publishMode: 'moderated',
      },
    });
    expect(session.status(), await session.text()).toBe(201);
    data.code = (await session.json()).code;
    for (const [i, payload] of PAYLOADS.entries()) {
      // Spread along ul. Szeroka–Józefa so the pins do not all sit on one spot; text fields all carry the payload.
      const at = { lng: 19.944 + (i % 11) * 0.0004, lat: 50.051 + Math.floor(i / 11) * 0.0004 };
      const nickname = payload.length <= NICKNAME_MAX ? payload : undefined;
      const walk = await request.post('/api/points', {
        data: walkPin({
          ...at,
          title: payload,
          description: payload,
          ...(nickname ? { nickname } : {}),
          session: data.code,
        }),
      });
      expect(walk.status(), await walk.text()).toBe(201);
      data.walk.push({ ...(await walk.json()), payload });
      const help = await request.post('/api/points', {
        data: helpOffer({ ...at, name: payload, description: payload, availability: payload, kinds: ['inne'] }),
      });
      expect(help.status(), await help.text()).toBe(201);
      data.help.push({ ...(await help.json()), payload });
    }
  });

  test('the moderation queue and the session console show it literally before approval', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    await loginModerator(page.request);
    await page.goto('/moderacja');
    await expect(page.getByRole('article', { name: data.help.at(-1)!.payload }).first()).toBeVisible();
    await assertInert(page, dialogs, [...walkTexts(), ...helpTexts()], 'moderation queue');
    await page.goto(`/spacer/${data.code}/prowadzacy`);
    await expect(page.getByText(data.walk.at(-1)!.payload, { exact: true }).first()).toBeVisible();
    await assertInert(page, dialogs, [data.sessionName, ...walkTexts()], 'session console');
    for (const p of [...data.walk, ...data.help]) {
      const res = await page.request.post(`/api/moderation/points/${p.id}/approve`);
      expect(res.status(), await res.text()).toBe(200);
    }
  });

  test("the walk list and every pin's details show it literally", async ({ page }) => {
    test.setTimeout(180_000);
    const dialogs = watchDialogs(page);
    await page.goto('/?tab=walk&view=list');
    for (const p of data.walk) await expect(page.locator(`[data-point="${p.id}"]`)).toBeVisible();
    await assertInert(page, dialogs, walkTexts(), 'walk list');
    for (const p of data.walk) {
      await page.locator(`[data-point="${p.id}"]`).click();
      const details = page.getByRole('article');
      await expect(details.getByRole('heading', { level: 3 })).toHaveText(p.payload);
      await assertInert(page, dialogs, [p.payload], `walk details of ${JSON.stringify(p.payload)}`);
      await page.getByRole('button', { name: 'Wróć do listy' }).click();
    }
  });

  test('the help results show every offer literally', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    await page.goto('/?tab=help&view=list');
    for (const p of data.help) await expect(page.locator(`[data-offer-id="${p.id}"]`)).toBeVisible();
    await assertInert(page, dialogs, helpTexts(), 'help results');
  });

  test('the session join and summary pages and the presentation show it literally', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    await page.goto(`/spacer/${data.code}`);
    await expect(page.getByText(data.sessionName, { exact: true }).first()).toBeVisible();
    await assertInert(page, dialogs, [data.sessionName], 'session join page');
    await page.goto(`/spacer/${data.code}/podsumowanie`);
    await expect(page.getByText(data.walk.at(-1)!.payload, { exact: true }).first()).toBeVisible();
    await assertInert(page, dialogs, [data.sessionName, ...walkTexts()], 'session summary');
    await page.goto('/prezentacja');
    await page.waitForFunction(() => !!window.__mapa?.idle(), undefined, { timeout: 30_000 });
    await assertInert(page, dialogs, [], 'presentation');
  });

  test('the private edit screens keep it literal (walk: as the field value; help: in the heading)', async ({
    page,
  }) => {
    const dialogs = watchDialogs(page);
    const walk = data.walk.find((p) => p.payload.includes('<script>'))!;
    await page.goto(`/?tab=walk&edit=${walk.id}#token=${walk.editToken}`);
    await expect(page.getByLabel('Tytuł')).toHaveValue(walk.payload);
    await assertInert(page, dialogs, [], 'walk edit screen');
    const help = data.help.find((p) => p.payload.includes('onerror'))!;
    await page.goto(`/?tab=help&edit=${help.id}#token=${help.editToken}`);
    await expect(page.getByRole('heading', { level: 3 }).filter({ hasText: help.payload })).toBeVisible();
    await assertInert(page, dialogs, [help.payload], 'help edit screen');
  });
});
