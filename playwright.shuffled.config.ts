import { readdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The end-to-end files in a shuffled order, to show that none depends on another having run first (each file
 * starts from its own fresh data: tests/e2e/fixtures.ts). Playwright has no shuffle of its own, but with one worker
 * it runs projects in the order they are listed: so each file becomes a project of its own, in an order drawn from
 * E2E_SEED (a random one when unset, printed first so a failing order can be replayed).
 *
 *   npm run test:e2e:shuffled                 a new order
 *   E2E_SEED=1234 npm run test:e2e:shuffled   that order again
 */
const seed = Number(process.env.E2E_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(seed)) throw new Error(`E2E_SEED must be a whole number, got "${process.env.E2E_SEED}"`);

/** mulberry32: a small seeded generator, so an order is the same on every machine. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const files = readdirSync('tests/e2e')
  .filter((f) => f.endsWith('.e2e.ts'))
  .sort();
const next = random(seed);
for (let i = files.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [files[i], files[j]] = [files[j]!, files[i]!];
}
// Printed by the main process only: Playwright loads this file again in its workers.
if (!process.env.TEST_WORKER_INDEX) console.log(`E2E_SEED=${seed}: ${files.join(' → ')}`);

const [chromium, screenshots] = base.projects!;
export default defineConfig({
  ...base,
  // Each file, with its screenshot tests, as one project; screenshot tests still report apart (their own project).
  projects: files.flatMap((file) => [
    { ...chromium, name: file, testMatch: file },
    { ...screenshots, name: `${file} screenshots`, testMatch: file },
  ]),
});
