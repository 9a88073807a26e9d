import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
// Brings the window.__mapa type (the map's read-only test hook) into the e2e programs.
import type {} from '../../src/client/map/test-hook.ts';

/** The e2e server's reset (scripts/e2e-server.mjs), next to the app's own port. */
const CONTROL_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 10000}/reset`;
/** The test file whose data the server holds now (per worker: a new worker starts with another file's data). */
let dataOf: string | undefined;

/** Which test file's data the server holds now, for helpers that cache what they wrote (it is gone after a reset). */
export const currentData = (): string | undefined => dataOf;

/**
 * Gives the test file `file` the data the e2e server starts with (accounts and addresses, no pins, offers or
 * sessions), unless the server already holds that file's data. Every test calls it through the `freshData`
 * fixture; a `beforeAll` that writes data calls it first itself, so that its data survives the file's first test.
 */
export async function freshData(file: string): Promise<void> {
  if (dataOf === file) return;
  const res = await fetch(CONTROL_URL, { method: 'POST' });
  if (!res.ok) throw new Error(`the e2e server could not reset its data: ${res.status} ${await res.text()}`);
  dataOf = file;
}

/**
 * Every end-to-end test starts its file from fresh data, and gets a page that records uncaught errors and console
 * errors; the test fails at the end if there were any (docs/style.md: each e2e asserts the page threw nothing).
 */
export const test = base.extend<{ freshData: void; pageErrors: string[] }>({
  freshData: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function uses from this pattern
    async ({}, use, testInfo) => {
      await freshData(testInfo.file);
      await use();
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchErrors(page, errors);
      await use(errors);
      expect(errors, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Chromium logs every non-2xx fetch as a console error. These statuses are API answers the UI handles
 * (validation, login, conflicts, rate limits) and tests assert on what the UI shows for them; 404 and 5xx
 * still count as errors.
 */
const HANDLED_STATUS = /^Failed to load resource: the server responded with a status of (400|401|403|409|413|422|429) /;

/** Records a page's uncaught errors and console errors into `errors` (for pages a test opens itself). */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !HANDLED_STATUS.test(msg.text())) errors.push(consoleError(msg));
  });
}

/**
 * How `watchErrors` records a console error. Chromium's "Failed to load resource" line does not say which resource;
 * its location does, so it is added.
 */
export function consoleError(msg: ConsoleMessage): string {
  const url = msg.location().url;
  return `console.error: ${msg.text()}${url && msg.text().startsWith('Failed to load') ? ` (${url})` : ''}`;
}

/**
 * axe on one of our pages. Legacy mode runs axe once, in the page. The default runs it in every frame and then
 * again in a new blank page that merges the frames' results: our pages have no frames, and that merge cost a
 * second or more per scan (three languages × every view is most of the end-to-end run's time).
 */
export const axeBuilder = (page: Page) => new AxeBuilder({ page }).setLegacyMode();

/** What our accessibility checks hold every page to: WCAG 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The page's serious and critical WCAG violations, one line each naming `where` and the elements. */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await axeBuilder(page).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export const MODERATOR = { login: 'moderator', password: process.env.E2E_MODERATOR_PASSWORD ?? 'e2e-password-123' };

/** A walk pin as a resident's phone would send it, at Plac Nowy unless told otherwise. */
export function walkPin(overrides: Record<string, unknown> = {}) {
  return {
    layer: 'walk',
    lng: 19.9447,
    lat: 50.0514,
    kind: 'keep',
    theme: 'przestrzen-publiczna',
    title: 'Okrąglak na placu Nowym',
    description: 'Targ i spotkania sąsiadów — warto zachować.',
    consent: true,
    ...overrides,
  };
}

/**
 * The deployment's threshold (MAP_TILES_FROM_PINS) lowered to one pin for this page, so a test's few pins are "too
 * many" and both layers are drawn from vector tiles, as on a big map. Returns the API requests the page makes.
 */
export async function drawFromTiles(page: Page): Promise<string[]> {
  await page.route('**/api/config', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, mapTilesFromPins: 1 } });
  });
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
  });
  return asked;
}

/** Waits until MapLibre has loaded the style and drawn the given layers (through the read-only test hook). */
export async function waitForMap(page: Page, layers: string[], expectedIds: number): Promise<void> {
  // The main page starts its live map once the resident does something (src/client/map-start.ts); a mouse move
  // over the page is the lightest such thing and changes nothing else. Two steps: one is a move wherever the
  // pointer was.
  await page.mouse.move(2, 2);
  await page.mouse.move(3, 3);
  await page.waitForFunction(
    ({ layers, expectedIds }) => {
      const hook = window.__mapa;
      return !!hook && hook.idle() && hook.renderedIds(layers).length >= expectedIds;
    },
    { layers, expectedIds },
    { timeout: 30_000 },
  );
}

/** Clicks the map at a geographic point (the canvas, not DOM text). */
export async function clickMapAt(page: Page, lng: number, lat: number): Promise<void> {
  const { x, y } = await page.evaluate(([lng, lat]) => window.__mapa!.project(lng, lat), [lng, lat] as const);
  const box = await page.locator('.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('map canvas not visible');
  await page.mouse.click(box.x + x, box.y + y);
}

export const SUBAREA_LAYERS = ['subareas-fill'];

/**
 * Places a pin by finger: below street zoom the first tap only zooms in towards the point (with a hint saying so),
 * so the helper checks that, waits for the map to settle, and taps the same geographic point again.
 */
export async function tapToPlace(page: Page, lng: number, lat: number): Promise<void> {
  const tap = async () => {
    const { x, y } = await page.evaluate(([lng, lat]) => window.__mapa!.project(lng, lat), [lng, lat] as const);
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    if (!box) throw new Error('map canvas not visible');
    await page.touchscreen.tap(box.x + x, box.y + y);
  };
  if ((await page.evaluate(() => window.__mapa!.zoom())) < 16) {
    await tap();
    await expect(page.getByText('Przybliżyliśmy mapę.', { exact: false })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.__mapa!.zoom())).toBeGreaterThanOrEqual(15.99);
    await page.waitForFunction(() => window.__mapa!.idle());
  }
  await tap();
}

/** The ambassadors scripts/e2e-server.mjs creates (same password as the moderator). */
export const AMBASSADORS = {
  kazimierz: { login: 'ambasador-ks', password: MODERATOR.password, email: 'ambasador@fablab.example' },
  grzegorzki: { login: 'ambasador-gw', password: MODERATOR.password, email: 'ambasador@mis.example' },
};
/** Where the e2e server sends e-mail (scripts/e2e-server.mjs): a test starts its own SMTP server there. */
export const E2E_SMTP_PORT = Number(process.env.E2E_PORT ?? 4173) + 20000;
