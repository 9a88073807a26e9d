// npm run db:copy -- --to postgres://user:password@host:5432/mapa [--from path/to/mapa.sqlite]
// Moves an existing SQLite database to PostgreSQL: brings both schemas up to date, then copies every row in one
// transaction into an empty PostgreSQL database and checks the counts. The SQLite file is left as it was (keep it
// until the new setup has run for a while). --from defaults to $DATA_DIR/mapa.sqlite, as the server uses it. Like
// index.ts, this is an entry point, so it may read the environment.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.ts';
import { openDb } from '../db/open.ts';
import { openPostgres } from '../db/pg/open.ts';
import { copySqliteToPostgres, CopyError } from '../db/pg/copy.ts';

const USAGE = 'usage: npm run db:copy -- --to postgres://user:password@host:5432/db [--from path/to/mapa.sqlite]';

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' } } }));
  } catch (e) {
    throw new CopyError(`${(e as Error).message}\n${USAGE}`);
  }
  if (!values.to) throw new CopyError(USAGE);
  // The same rules as the server's DATABASE_URL (and the same message without the password).
  const to = configFromEnv({ DATABASE_URL: values.to }).databaseUrl!;
  const from = resolve(values.from ?? join(configFromEnv(process.env).dataDir, 'mapa.sqlite'));
  // openDb would create an empty database where a typo points: copying nothing must not look like success.
  if (!existsSync(from)) throw new CopyError(`no SQLite database at ${from} (set --from or DATA_DIR)`);
  const sqlite = openDb(from);
  let pool;
  try {
    pool = await openPostgres(to, { max: 1 });
  } catch (e) {
    sqlite.close();
    throw new CopyError(`cannot use PostgreSQL at ${new URL(to).host}: ${(e as Error).message}`);
  }
  try {
    const report = await copySqliteToPostgres(sqlite, pool);
    const where = new URL(to);
    console.log(`Copied ${from} to PostgreSQL at ${where.host}${where.pathname}:`);
    for (const { table, rows } of report) console.log(`  ${table.padEnd(18)} ${rows}`);
    console.log('Start the server with DATABASE_URL set to that database.');
  } finally {
    sqlite.close();
    await pool.end();
  }
}

main().catch((e: unknown) => {
  // configFromEnv's message names DATABASE_URL; here the same address is --to.
  const known = e instanceof CopyError || (e instanceof Error && e.message.startsWith('DATABASE_URL'));
  console.error(known ? `db:copy: ${(e as Error).message.replace('DATABASE_URL', '--to')}` : e);
  process.exit(1);
});
