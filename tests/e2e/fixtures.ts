import { test as base, expect, type Page } from '@playwright/test';
// Brings the window.__mapa type (the map's read-only test hook) into the e2e programs.
import type {} from '../../src/client/map/test-hook.ts';

/**
 * Every end-to-end test gets a page that records uncaught errors and console errors;
 * the test fails at the end if there were any (style.md: each e2e asserts the page threw nothing).
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      await use(errors);
      expect(errors, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits until MapLibre has loaded the style and drawn the given layers (through the read-only test hook). */
export async function waitForMap(page: Page, layers: string[], expectedIds: number): Promise<void> {
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
