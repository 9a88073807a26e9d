// A throw-away PostgreSQL (with PostGIS) for tests, benchmarks and the copy/restore checks: Debian's packages,
// installed when missing (as ensure-browser.mjs does for Chromium), a fresh cluster in a temporary directory on a free
// loopback port, run as a non-root user (the server refuses root), stopped and deleted afterwards.
// Plain Node, no dependencies: it runs before anything is built.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';
const SHARE_ROOT = '/usr/share/postgresql';
/** Debian bookworm's PostgreSQL; newer ones are used when installed. */
const DEFAULT_VERSION = '15';
const isRoot = process.getuid?.() === 0;

/** Installed major versions that have both the server and PostGIS, newest first. */
function usableVersions() {
  if (!existsSync(PG_ROOT)) return [];
  return readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'postgres')))
    .filter((v) => existsSync(join(SHARE_ROOT, v, 'extension', 'postgis.control')))
    .sort((a, b) => Number(b) - Number(a));
}

/** The bin directory of a PostgreSQL with PostGIS, installing both from apt when this machine has none. */
export function ensurePostgres() {
  let [version] = usableVersions();
  if (!version) {
    const have = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => /^\d+$/.test(v)) : [];
    const v = have.sort((a, b) => Number(b) - Number(a))[0] ?? DEFAULT_VERSION;
    const packages = [`postgresql-${v}`, `postgresql-${v}-postgis-3`];
    console.log(`Installing PostgreSQL ${v} and PostGIS from apt (${packages.join(', ')})…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) =>
      spawnSync(isRoot ? 'apt-get' : 'sudo', isRoot ? args : ['apt-get', ...args], { stdio: 'inherit', env }).status;
    let status = apt(['update', '-qq']);
    if (status === 0) status = apt(['install', '-y', '-qq', ...packages]);
    [version] = usableVersions();
    if (status !== 0 || !version) {
      throw new Error(
        `Could not install PostgreSQL with PostGIS. Install it yourself: apt-get install -y ${packages.join(' ')}`,
      );
    }
  }
  return join(PG_ROOT, version, 'bin');
}

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Runs a PostgreSQL program as the cluster's owner: the `postgres` account when we are root, else ourselves. */
function asOwner(bin, program, args, options = {}) {
  const [cmd, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
    : [join(bin, program), args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options }).toString();
}

/**
 * Starts a fresh cluster and creates `database` with PostGIS in it. Returns { url, adminUrl, port, dir, stop }:
 * `url` is the database's address (DATABASE_URL), `adminUrl` the `postgres` maintenance database (to create more).
 * `durable: false` (the default, for tests) turns off fsync: a crash loses nothing anyone keeps. Benchmarks pass true.
 * A watchdog stops the server if this process dies without calling stop() (a SIGKILLed test run).
 */
export async function startCluster({ database = 'mapa', durable = false, log = false } = {}) {
  const bin = ensurePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'mapa-pg-'));
  // The owner (postgres) must be able to enter it; mkdtemp makes it 700 and tmpdir itself is world-enterable.
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'pw'), password, { mode: 0o644 });
  const port = await freePort();
  asOwner(bin, 'initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--pwfile',
    join(dir, 'pw'),
    '--auth',
    'scram-sha-256',
    '--encoding',
    'UTF8',
    '--locale',
    'C.UTF-8',
    '--no-sync',
  ]);
  rmSync(join(dir, 'pw'));
  const settings = [
    '-c',
    `port=${port}`,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'max_connections=200',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  asOwner(bin, 'pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    settings.join(' '),
    'start',
  ]);
  const stop = () => {
    if (!existsSync(data)) return;
    try {
      asOwner(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch (e) {
      console.error(`Could not stop the test PostgreSQL in ${dir}: ${e.message}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A detached shell that outlives us: when our pid is gone and the cluster is still there, it stops and removes it.
  const q = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
  const stopCmd = `${isRoot ? 'runuser -u postgres -- ' : ''}${q(join(bin, 'pg_ctl'))} -D ${q(data)} -m immediate stop`;
  const watch = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; [ -d ${q(data)} ] && ${stopCmd}; rm -rf ${q(dir)}`;
  spawn('sh', ['-c', watch], {
    detached: true,
    stdio: 'ignore',
  }).unref();

  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
  const psql = (target, sql) =>
    execFileSync(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target, '-c', sql], { stdio: 'pipe' });
  try {
    psql(adminUrl, `CREATE DATABASE ${database}`);
    psql(url, 'CREATE EXTENSION postgis');
  } catch (e) {
    stop();
    throw new Error(`the test PostgreSQL started but the database could not be prepared: ${e.stderr ?? e.message}`, {
      cause: e,
    });
  }
  if (log) console.log(`PostgreSQL ${bin.split('/').at(-2)} with PostGIS on 127.0.0.1:${port} (${dir})`);
  return { url, adminUrl, port, dir, bin, stop };
}
