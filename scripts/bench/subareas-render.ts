// Measurement 2: from navigation start until the three subareas are drawn, in the app (production build served by
// the real server, empty database, offline basemap) and in a bare MapLibre page with the same offline style and the
// subareas as one fill layer (served by a tiny static server). Both pages expose the app's test hook (test-hook.ts);
// the probe asks MapLibre which subarea features it rendered, once per animation frame.
import type { Browser } from 'playwright';
import { timeUntil } from './browser.ts';
import { HOST, median, PORTS } from './lib.ts';

const PROBE = `(window.__mapa?.renderedIds(['subareas-fill']).length ?? 0) >= 3`;

export interface RenderResult {
  app: number[];
  bare: number[];
  appMedian: number;
  bareMedian: number;
}

/** `runs` measured loads of each page, alternating app and bare, after one unmeasured warm-up load of each. */
export async function measureSubareas(browser: Browser, runs: number): Promise<RenderResult> {
  const appUrl = `http://${HOST}:${PORTS.app}/`;
  const bareUrl = `http://${HOST}:${PORTS.static}/subareas.html`;
  await timeUntil(browser, appUrl, PROBE, undefined, { act: true });
  await timeUntil(browser, bareUrl, PROBE);
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    app.push(await timeUntil(browser, appUrl, PROBE, undefined, { act: true }));
    bare.push(await timeUntil(browser, bareUrl, PROBE));
  }
  return { app, bare, appMedian: median(app), bareMedian: median(bare) };
}
