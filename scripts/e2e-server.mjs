// The server the end-to-end tests run against: production build, offline basemap, a throw-away database,
// and known staff accounts (tests log in through the UI with these credentials): a moderator and the ambassadors of
// Kazimierz-Stradom and Grzegórzki-Wesoła. Contact-request notices go to an SMTP server the tests themselves start on
// E2E_PORT + 20000 (tests/support/mail-sink.ts); while none listens, notices just wait for their retry.
// The offline basemap is a real one: a tiny Kraków PMTiles tileset the tests build themselves
// (tests/support/krakow-tileset.ts), served by the app like an operator's extract. basemap-pmtiles.e2e.ts also
// checks the plain offline style by hiding the extract from the page's config.
//
// Every test file starts from the same data: the accounts and addresses above, nothing else. The fixtures in
// tests/e2e/fixtures.ts call POST /reset on E2E_PORT + 10000 before a file's first test; this script then stops the
// app, puts back a copy of the data directory as it was after set-up, and starts the app again (its in-memory
// state — caches, rate limits, live streams — goes too). The reset lives here, not in the app: production has none.
import { cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.E2E_PORT ?? '4173';
const controlPort = Number(port) + 10000;
const root = `var/e2e-${port}`;
const pristine = `${root}/pristine`;
const dataDir = `${root}/data`;
rmSync(root, { recursive: true, force: true });
const basemap = `${root}/basemap/krakow.pmtiles`;
const made = spawnSync('npx', ['tsx', 'tests/support/make-test-basemap.ts', basemap], { stdio: 'inherit' });
if (made.status !== 0) {
  console.error('e2e-server: could not build the test basemap (tests/support/make-test-basemap.ts)');
  process.exit(1);
}
const env = {
  ...process.env,
  DATA_DIR: pristine,
  PORT: port,
  STATIC_DIR: process.env.E2E_DIST ?? 'dist',
  BASEMAP_STYLE_URL: 'offline',
  BASEMAP_PMTILES: basemap,
  MODERATOR_PASSWORD: process.env.E2E_MODERATOR_PASSWORD ?? 'e2e-password-123',
  // Every test writes from 127.0.0.1: the production limits (30 writes, 10 logins per window) would trip a file.
  RATE_LIMIT_WRITES: '10000',
  RATE_LIMIT_LOGINS: '1000',
  RATE_LIMIT_CONTACT_REQUESTS: '1000',
  ACCOUNT_PASSWORD: process.env.E2E_MODERATOR_PASSWORD ?? 'e2e-password-123',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  SMTP_URL: `smtp://127.0.0.1:${Number(port) + 20000}`,
};
// Street addresses: the PRG fixture (ul. Józefa, ul. Miodowa, …) imported like an operator's official file.
const gml = `${root}/prg-fixture.gml`;
const fixture = spawnSync('npx', ['tsx', 'tests/support/prg-fixture.ts', gml], { stdio: 'inherit' });
const imported =
  fixture.status === 0 &&
  spawnSync('npx', ['tsx', 'src/server/cli/addresses-import.ts', gml], { env, stdio: 'inherit' }).status === 0;
if (!imported) {
  console.error(
    'e2e-server: could not import the test addresses (tests/support/prg-fixture.ts, npm run addresses:import)',
  );
  process.exit(1);
}
if (process.env.E2E_WITH_MODERATOR !== '0') {
  const added = spawnSync('npx', ['tsx', 'src/server/cli/moderator-add.ts', 'moderator'], { env, stdio: 'inherit' });
  if (added.status !== 0)
    console.error('e2e-server: could not create the test moderator (is moderator:add implemented?)');
  for (const [login, subarea, email] of [
    ['ambasador-ks', 'kazimierz-stradom', 'ambasador@fablab.example'],
    ['ambasador-gw', 'grzegorzki-wesola', 'ambasador@mis.example'],
  ]) {
    const args = [
      'tsx',
      'src/server/cli/account-add.ts',
      login,
      '--role',
      'ambassador',
      '--subarea',
      subarea,
      '--email',
      email,
    ];
    if (spawnSync('npx', args, { env, stdio: 'inherit' }).status !== 0)
      console.error(`e2e-server: could not create ${login}`);
  }
}

/** The running app; `stopping` while a reset replaces it, so its exit is not taken for a crash. */
let app = null;
let stopping = false;

async function startApp() {
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(pristine, dataDir, { recursive: true });
  // One node process with tsx as a loader (no npx, no tsx CLI child): a reset restarts in about a second.
  app = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    env: { ...env, DATA_DIR: dataDir },
    stdio: 'inherit',
  });
  app.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`e2e-server: the app stopped (${signal ?? `exit code ${code}`})`);
    process.exit(code ?? 1);
  });
  for (let waited = 0; waited < 30_000; waited += 50) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the app did not answer /api/health within 30 s');
}

async function stopApp() {
  if (!app || app.exitCode !== null || app.signalCode !== null) return;
  stopping = true;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
  stopping = false;
}

// Resets run one after another, whoever asks.
let queue = Promise.resolve();
const reset = () => (queue = queue.then(stopApp).then(startApp));

createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/reset') {
    res.writeHead(404).end();
    return;
  }
  reset().then(
    () => res.writeHead(204).end(),
    (e) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`e2e-server: reset failed: ${e.message}`),
  );
}).listen(controlPort, '127.0.0.1');

await reset();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopApp();
    process.exit(0);
  });
}
