// The server the end-to-end tests run against: production build, offline basemap, a throw-away database,
// and known staff accounts (tests log in through the UI with these credentials): a moderator and the ambassadors of
// Kazimierz-Stradom and Grzegórzki-Wesoła. Contact-request notices go to an SMTP server the tests themselves start on
// E2E_PORT + 20000 (tests/support/mail-sink.ts); while none listens, notices just wait for their retry.
// The offline basemap is a real one: a tiny Kraków PMTiles tileset the tests build themselves
// (tests/support/krakow-tileset.ts), served by the app like an operator's extract. basemap-pmtiles.e2e.ts also
// checks the plain offline style by hiding the extract from the page's config.
import { rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.E2E_PORT ?? '4173';
const dataDir = `var/e2e-${port}`;
rmSync(dataDir, { recursive: true, force: true });
const basemap = `${dataDir}/basemap/krakow.pmtiles`;
const made = spawnSync('npx', ['tsx', 'tests/support/make-test-basemap.ts', basemap], { stdio: 'inherit' });
if (made.status !== 0) {
  console.error('e2e-server: could not build the test basemap (tests/support/make-test-basemap.ts)');
  process.exit(1);
}
// Street addresses: the PRG fixture (ul. Józefa, ul. Miodowa, …) imported like an operator's official file.
const gml = `${dataDir}/prg-fixture.gml`;
const fixture = spawnSync('npx', ['tsx', 'tests/support/prg-fixture.ts', gml], { stdio: 'inherit' });
const imported =
  fixture.status === 0 &&
  spawnSync('npx', ['tsx', 'src/server/cli/addresses-import.ts', gml], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: 'inherit',
  }).status === 0;
if (!imported) {
  console.error(
    'e2e-server: could not import the test addresses (tests/support/prg-fixture.ts, npm run addresses:import)',
  );
  process.exit(1);
}
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: port,
  STATIC_DIR: process.env.E2E_DIST ?? 'dist',
  BASEMAP_STYLE_URL: 'offline',
  BASEMAP_PMTILES: basemap,
  MODERATOR_PASSWORD: process.env.E2E_MODERATOR_PASSWORD ?? 'e2e-password-123',
  // Every test writes from 127.0.0.1: the production limits (30 writes, 10 logins per window) would trip a full run.
  RATE_LIMIT_WRITES: '10000',
  RATE_LIMIT_LOGINS: '1000',
  RATE_LIMIT_CONTACT_REQUESTS: '1000',
  ACCOUNT_PASSWORD: process.env.E2E_MODERATOR_PASSWORD ?? 'e2e-password-123',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  SMTP_URL: `smtp://127.0.0.1:${Number(port) + 20000}`,
};
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
const server = spawn('npx', ['tsx', 'src/server/index.ts'], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
