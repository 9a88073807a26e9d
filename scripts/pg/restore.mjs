// npm run db:restore -- <backup.dump> postgres://user:password@host:5432/empty_db
// Restores a backup made with `pg_dump --format=custom` (README: Deployment) into an empty database, in one
// transaction (a failure leaves the database empty, never half-restored), then checks that the restored database
// answers: its migration list and its row counts are printed. Refuses a database that already has the app's tables:
// restoring over live data would mix two histories.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [dump, url] = process.argv.slice(2);
const fail = (message) => {
  console.error(`db:restore: ${message}`);
  process.exit(1);
};
if (!dump || !url || !/^postgres(ql)?:\/\//.test(url)) {
  fail('usage: npm run db:restore -- <backup.dump> postgres://user:password@host:5432/empty_db');
}
if (!existsSync(dump)) fail(`no backup file at ${dump}`);

const psql = (sql) => {
  const r = spawnSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (r.error) fail(`psql is missing (apt-get install postgresql-client): ${r.error.message}`);
  if (r.status !== 0) fail(r.stderr.trim());
  return r.stdout.trim();
};

if (psql(`SELECT to_regclass('public.points') IS NOT NULL`) === 't') {
  fail("the target database already has the app's tables: restore into a new, empty database");
}
const restore = spawnSync(
  'pg_restore',
  ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', '-d', url, dump],
  { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
);
if (restore.error) fail(`pg_restore is missing (apt-get install postgresql-client): ${restore.error.message}`);
if (restore.status !== 0) fail(`pg_restore failed, nothing was restored: ${restore.stderr.trim()}`);

const counts = psql(
  `SELECT (SELECT count(*) FROM schema_migrations) || ' migrations, ' || (SELECT count(*) FROM points) || ' points, ' ||
   (SELECT count(*) FROM moderators) || ' accounts, ' || (SELECT coalesce(max(version), 0) FROM point_changes) || ' public data version'`,
);
console.log(`Restored ${dump}: ${counts}.`);
