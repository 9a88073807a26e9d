import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { APIRequestContext, Page } from '@playwright/test';
import { axeBuilder, expect, MODERATOR, test, waitForMap, watchErrors, tapToPlace } from './fixtures.ts';

const PHONE = { width: 390, height: 844 };
// Stradom, inside Kazimierz-Stradom: where a phone in the session's walk puts its pin.
const STRADOM = [19.941, 50.054] as const;
const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Europe/Warsaw' });

/** A walk session created by a logged-in moderator through the API (the facilitator's laptop). */
async function createSession(request: APIRequestContext, publishMode: 'immediate' | 'moderated', name: string) {
  expect((await request.post('/api/auth/login', { data: MODERATOR })).status()).toBe(200);
  const res = await request.post('/api/sessions', {
    data: { name, subarea: 'kazimierz-stradom', date: today(), publishMode },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { code: string };
}

const rendered = (page: Page, layers: string[]) =>
  page.evaluate((layers) => window.__mapa!.renderedIds(layers), layers);

test.describe('presentation mode', () => {
  test('a phone joins an immediate walk session through its page and walk form; the projector shows the pin within 2 s without reload, and the QR decodes to the session link', async ({
    page,
    browser,
    request,
    baseURL,
  }) => {
    const name = `Kazimierz pod lupą — spacer ${Date.now()}`;
    const { code } = await createSession(request, 'immediate', name);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/prezentacja?sesja=${code}`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await waitForMap(page, ['subareas-fill'], 1);
    await expect(page.locator('[data-live="live"]')).toBeVisible();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // The QR code in the corner, as the room's phones see it, leads to this session's join page.
    const png = PNG.sync.read(await page.locator('.qr img').screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${baseURL}/spacer/${code}`);
    await expect(page.locator('.qr')).toContainText(code);

    const counter = page.locator('[data-subarea="kazimierz-stradom"] .n.keep');
    const before = Number((await counter.innerText()).replace(/\D+/g, ''));

    // A resident's phone: its own browser context, opens the link from the QR code.
    const phoneContext = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'pl-PL' });
    const phone = await phoneContext.newPage();
    const phoneErrors: string[] = [];
    watchErrors(phone, phoneErrors);
    await phone.goto(decoded!.data);
    await expect(phone.getByRole('heading', { name })).toBeVisible();
    await expect(phone.getByText('Twoje punkty pojawią się na mapie od razu.')).toBeVisible();
    await phone.getByRole('link', { name: 'Dodaj punkt na mapie' }).click();
    await waitForMap(phone, ['subareas-fill'], 1);
    // The join link opens the add-pin form directly: no extra "Dodaj punkt" tap.
    await expect(phone.getByTestId('placement-status')).toBeVisible();
    await phone.locator('.maplibregl-canvas').scrollIntoViewIfNeeded();
    await tapToPlace(phone, STRADOM[0], STRADOM[1]);
    await expect(phone.getByTestId('placement-status')).toContainText('wskazane na mapie');
    const title = `Schody przy Stradomiu ${Date.now()}`;
    await phone.getByLabel('zasób — warto zachować').check();
    await phone.getByLabel('Temat', { exact: true }).selectOption({ label: 'zieleń' });
    await phone.getByLabel('Tytuł').fill(title);
    await phone.getByLabel(/Zgadzam się na publikację/).check();
    const answer = phone.waitForResponse((r) => r.url().endsWith('/api/points') && r.request().method() === 'POST');
    await phone.getByRole('button', { name: 'Wyślij punkt' }).click();
    const created = await (await answer).json();
    const sentAt = Date.now();
    expect(created.status).toBe('published');

    // Within 2 s of publication, without a reload: drawn with the arrival highlight (feature-state) on the wall.
    await expect
      .poll(() => rendered(page, ['arrivals-ring']), { timeout: 2000, intervals: [100] })
      .toContain(created.id);
    expect(Date.now() - sentAt).toBeLessThan(2000);
    expect(await page.evaluate((id) => window.__mapa!.featureState('arrivals', id), created.id)).toEqual({
      fresh: true,
    });
    await expect.poll(() => rendered(page, ['walk-points']), { timeout: 10_000 }).toContain(created.id);
    await expect(counter).toContainText(String(before + 1));
    // The phone says so too: no "waiting for a moderator" for a pin that is already on the wall.
    await expect(phone.getByText('Status: opublikowany — punkt jest już na mapie')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Nowy punkt: ${title}` })).toBeAttached();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // The session console and summary know the pin too (it went through the session).
    const summary = await (await request.get(`/api/sessions/${code}/summary`)).json();
    expect(summary.points.features.map((f: { id: string }) => f.id)).toContain(created.id);
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();
  });

  test('facilitator keys choose subareas and layers, toggle the QR code and list themselves in a help overlay', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/prezentacja');
    await waitForMap(page, ['subareas-fill'], 3);
    await expect(page.getByRole('heading', { level: 1, name: 'Mapa Rewitalizacji — Kraków' })).toBeVisible();
    await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveCount(0); // no editing chrome
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');

    await page.keyboard.press('3');
    const third = await page.locator('.subareas li').nth(2).getAttribute('data-subarea');
    await expect(page.locator(`[data-subarea="${third}"]`)).toHaveClass(/selected/);
    expect(await page.evaluate((id) => window.__mapa!.featureState('subareas', id!), third)).toMatchObject({
      selected: true,
    });
    await page.keyboard.press('0');
    await expect(page.locator('.subareas li.selected')).toHaveCount(0);

    await page.keyboard.press('w');
    await expect(page.locator('.symbols li.off')).toHaveCount(2);
    await page.keyboard.press('h');
    await expect(page.locator('.symbols li.off')).toHaveCount(3);
    await page.keyboard.press('w');
    await page.keyboard.press('h');
    await expect(page.locator('.symbols li.off')).toHaveCount(0);

    // Q: corner → full screen (address and code in large type) → hidden → corner.
    await page.keyboard.press('q');
    const qr = page.locator('.qr');
    await expect(qr).toHaveClass(/full/);
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(page.viewportSize()!.width - 1);
    expect(box.height).toBeGreaterThanOrEqual(page.viewportSize()!.height - 1);
    await page.screenshot({ path: 'test-results/screenshots/presentation-qr-full-1280.png' });
    await page.keyboard.press('q');
    await expect(qr).toHaveCount(0);
    await page.keyboard.press('q');
    await expect(qr).toBeVisible();
    await expect(qr).not.toHaveClass(/full/);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Skróty klawiszowe prowadzącego' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('kod QR: w rogu → na cały ekran → ukryty');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  });

  test('the slideshow (S) shows each subarea for 15 s in turn, then all three; a number key stops it; F toggles full screen', async ({
    page,
  }) => {
    // A fake clock that otherwise runs normally: the map loads as usual, and the test jumps 15 s at a time.
    await page.clock.install();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/prezentacja');
    await waitForMap(page, ['subareas-fill'], 3);
    const order = await page
      .locator('.subareas li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-subarea')));
    const selected = () => page.locator('.subareas li.selected');

    await page.keyboard.press('s');
    await expect(page.getByText('Pokaz slajdów: zmiana podobszaru co 15 s')).toBeVisible();
    await page.clock.fastForward(14_000);
    await expect(selected()).toHaveCount(0);
    for (const id of [...order, null]) {
      await page.clock.fastForward(id === order[0] ? 1_000 : 15_000);
      if (id) await expect(selected()).toHaveAttribute('data-subarea', id);
      else await expect(selected()).toHaveCount(0);
    }
    await page.keyboard.press('2');
    await expect(page.getByText('Pokaz slajdów: zmiana podobszaru co 15 s')).toHaveCount(0);
    await page.clock.fastForward(60_000);
    await expect(selected()).toHaveAttribute('data-subarea', order[1]!);

    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
  });

  test('the legend draws help offers with the map’s own symbols: a filled square for an organisation, a ring for a person', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/prezentacja');
    await waitForMap(page, ['subareas-fill'], 1);
    const icons = page.locator('.symbols .help-symbols img');
    await expect(icons).toHaveCount(2);
    // Pixels of each legend image: near the corner (inside a rounded square, outside a circle) and at the centre.
    const samples = await icons.evaluateAll((imgs) =>
      imgs.map((img) => {
        const el = img as HTMLImageElement;
        const canvas = document.createElement('canvas');
        canvas.width = el.naturalWidth;
        canvas.height = el.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(el, 0, 0);
        const at = (fx: number, fy: number) => [
          ...ctx.getImageData(Math.round(fx * el.naturalWidth), Math.round(fy * el.naturalHeight), 1, 1).data,
        ];
        return { corner: at(0.15, 0.15), centre: at(0.5, 0.2) };
      }),
    );
    const [org, person] = samples;
    expect(org!.corner[3], 'the organisation square is filled to its corner').toBeGreaterThan(200);
    expect(person!.corner[3], 'the person symbol is a ring, empty at the corner').toBeLessThan(50);
    expect(person!.centre.slice(0, 3), 'the ring is white inside, around the pictogram').toEqual([255, 255, 255]);
    await page.locator('.legend').screenshot({ path: 'test-results/screenshots/presentation-legend-1920.png' });
  });

  test('passes an axe scan and is screenshotted at 1920×1080 and 1280×720', async ({ page, request }) => {
    const { code } = await createSession(request, 'moderated', 'Spacer po Kazimierzu — zieleń i dostępność');
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/prezentacja?sesja=${code}`);
      await waitForMap(page, ['subareas-fill'], 1);
      await expect(page.locator('.qr img')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/presentation-${width}x${height}.png` });
    }
    await page.keyboard.press('?');
    const results = await axeBuilder(page).exclude('.maplibregl-canvas').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.keyboard.press('Escape');
    const plain = await axeBuilder(page).exclude('.maplibregl-canvas').analyze();
    expect(plain.violations.map((v) => v.id)).toEqual([]);
  });
});
