import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** Parallel runs (several developers on one machine) pass E2E_PORT and E2E_DIST; each gets its own output. */
const RUN = PORT === 4173 ? '' : `-${PORT}`;

/** Debian's Chromium (toolchain.md): Playwright's own browser download cannot work on these machines. */
const chromiumArgs = [
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

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: `test-results/e2e${RUN}`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two cores: one for the server, one for a SwiftShader-rendered browser.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `test-results/playwright${RUN}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'pl-PL',
    timezoneId: 'Europe/Warsaw',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The production build registers a service worker. Tests that route or fail requests with page.route
    // must see the page's own requests, and every test should start from the network, not from an earlier test's
    // cache: so workers are blocked unless a test opts in (service-worker.e2e.ts does, with test.use).
    serviceWorkers: 'block',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'chromium', grepInvert: /@screenshots/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    // Pictures for people to look at (test-results/screenshots/), tagged @screenshots: they run with the rest but
    // check little, so `npm test` reports them as "screenshots: N taken", never as passed tests.
    { name: 'screenshots', grep: /@screenshots/, use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(PORT), E2E_DIST: process.env.E2E_DIST ?? 'dist' },
  },
});
