// Measurement 7: Lighthouse 12.2.3 (pinned in package.json, the last that runs on Node 20) with its default mobile
// preset — simulated slow 4G and a 4× slower CPU — on the app's first page and on a bare MapLibre page drawing the
// same offline style and subareas. One run per page: Lighthouse's simulated timings move little between runs.
// Each page is given a browser language: the app's first page is pre-rendered in Polish, its residents' language, and
// a browser set to another language gets the same page switched to it once the scripts have run — a later largest
// paint, so the app is measured in both.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

export interface LighthouseFigures {
  score: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  bytes: number;
}

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function measureLighthouse(
  pages: Record<string, { url: string; lang: string }>,
): Promise<Record<string, LighthouseFigures>> {
  const out: Record<string, LighthouseFigures> = {};
  for (const [name, { url, lang }] of Object.entries(pages)) {
    // --accept-lang sets navigator.language(s) and Accept-Language, which the app reads (--lang is ignored on Linux).
    const chrome = await launch({
      chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      chromeFlags: [...FLAGS, `--accept-lang=${lang}`],
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'best-practices'],
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse failed on ${url}: ${runtimeError.code} ${runtimeError.message}`);
      const n = (id: string) => audits[id]?.numericValue ?? NaN;
      out[name] = {
        score: Math.round((categories.performance?.score ?? 0) * 100),
        bestPractices: Math.round((categories['best-practices']?.score ?? 0) * 100),
        fcpMs: n('first-contentful-paint'),
        lcpMs: n('largest-contentful-paint'),
        tbtMs: n('total-blocking-time'),
        bytes: n('total-byte-weight'),
      };
    } finally {
      await chrome.kill();
    }
  }
  return out;
}
