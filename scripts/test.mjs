// `npm test`: everything a fresh clone needs, then every test. Steps:
// install deps → install Chromium and PostgreSQL if missing → lint and format → type checks → start a throw-away
// PostgreSQL → unit+API tests → production build → e2e → stop PostgreSQL (also when a step fails or is interrupted).
// Ends with one line "tests: N passed, M failed" counting vitest and Playwright together; the screenshots taken for
// people to look at have a line of their own.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDependencies, run } from './lib.mjs';
import { ensureBrowser } from './ensure-browser.mjs';
import { startCluster } from './pg/cluster.mjs';
import { playwrightCounts, playwrightFailures, vitestFailures } from './test-summary.mjs';

ensureDependencies();
ensureBrowser();
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const failures = [];
const step = (name, command, args, env) => {
  const status = run(command, args, { env: { ...process.env, ...env } });
  if (status !== 0) failures.push(name);
  return status;
};

step('lint and format', 'npm', ['run', '--silent', 'lint']);
step('type check', 'npm', ['run', '--silent', 'check']);

// One PostgreSQL for the whole run (~3 s to start); each test file copies its own database from `mapa` (the template,
// PostGIS only, nobody connects to it). Without it the PostgreSQL tests would each start their own.
let postgres;
try {
  postgres = await startCluster({ database: 'mapa', log: true });
} catch (e) {
  console.error(`Could not start PostgreSQL for the tests: ${e.message}`);
  failures.push('PostgreSQL');
}
const stopPostgres = () => {
  postgres?.stop();
  postgres = undefined;
};
process.on('exit', stopPostgres);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopPostgres();
    process.exit(130);
  });
}
const pgEnv = postgres ? { PG_ADMIN_URL: postgres.adminUrl, PG_TEMPLATE: 'mapa' } : {};

step(
  'unit and API tests',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
  pgEnv,
);
// Only the unit and API tests use it: the browser tests run on the SQLite server.
stopPostgres();
// ~7 s: the real server SIGKILLed under 1,200 concurrent submissions must lose no acknowledged point.
step('durability', 'node', ['scripts/durability.mjs']);
if (step('production build', 'npx', ['vite', 'build', '--logLevel', 'warn']) === 0) {
  step('end-to-end tests', 'npx', ['playwright', 'test']);
} else {
  failures.push('end-to-end tests (not run: the build failed)');
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const vitest = readJson('test-results/vitest.json');
// Same name as playwright.config.ts gives it (a custom E2E_PORT gets its own report).
const port = Number(process.env.E2E_PORT ?? 4173);
const pw = readJson(`test-results/playwright${port === 4173 ? '' : `-${port}`}.json`);
// Screenshots are pictures for people to look at, not checks: reported on their own line, never as passed tests;
// one that could not be taken (the page failed) still counts as a failure.
const { tests: e2e, screenshots } = playwrightCounts(pw);
const passed = (vitest?.numPassedTests ?? 0) + e2e.expected;
// A step that failed without failing a test (type errors, a broken build) still counts as a failure here.
const failedTests =
  (vitest?.numFailedTests ?? 0) + e2e.unexpected + e2e.flaky + screenshots.unexpected + screenshots.flaky;
// A test file that cannot even load fails its suite with no failed test in it: count those too.
const brokenSuites = vitest && vitest.numFailedTests === 0 ? vitest.numFailedTestSuites : 0;
const failed = failedTests + brokenSuites + failures.filter((name) => !name.includes('tests')).length;
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + e2e.skipped + screenshots.skipped;

console.log('');
console.log(`vitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'no report'}`);
console.log(`playwright: ${pw ? `${e2e.expected} passed, ${e2e.unexpected} failed, ${e2e.flaky} flaky` : 'no report'}`);
const notTaken = screenshots.unexpected + screenshots.flaky;
console.log(
  `screenshots: ${pw ? `${screenshots.expected} taken${notTaken ? `, ${notTaken} failed` : ''} (test-results/screenshots/)` : 'no report'}`,
);
for (const line of [...vitestFailures(vitest), ...playwrightFailures(pw)]) console.log(`failed: ${line}`);
if (failures.length) console.log(`failed steps: ${failures.join('; ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length || failed ? 1 : 0);
