import { afterAll } from 'vitest';
import { openPostgres, type PgPool } from '../../src/server/db/pg/open.ts';
import { pgStore, type PgStore } from '../../src/server/db/pg/store.ts';
import { freshPostgresDatabase } from './postgres.ts';

/**
 * A database with every migration applied, made once per test file: each store below copies it, so a test pays for
 * a CREATE DATABASE (a fraction of a second), not for running the migrations again.
 */
let migrated: Promise<string> | undefined;
function migratedTemplate(): Promise<string> {
  migrated ??= (async () => {
    const db = await freshPostgresDatabase();
    // Closed at once: CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await (await openPostgres(db.url, { max: 1 })).end();
    opened.push({ drop: db.drop });
    return db.name;
  })();
  return migrated;
}

const opened: { pool?: Promise<PgPool>; drop: () => Promise<void> }[] = [];
// Per file, not per test: some files share one app between tests. The whole cluster is thrown away after the run.
afterAll(async () => {
  // A test may have closed its store already (ending a pool twice throws).
  for (const { pool } of opened) await (await pool?.catch(() => undefined))?.end().catch(() => undefined);
  for (const { drop } of opened.reverse()) await drop();
  opened.length = 0;
  migrated = undefined;
});

/** A PostgreSQL store on a database of its own, built at once like the SQLite one (its first query waits). */
export function testPgStore(): PgStore {
  const entry: (typeof opened)[number] = { drop: async () => undefined };
  entry.pool = (async () => {
    const db = await freshPostgresDatabase(await migratedTemplate());
    entry.drop = db.drop;
    // Few connections, soon closed when idle: a file's tests each open a pool and the cluster allows 200 in all.
    return openPostgres(db.url, { max: 4, idleTimeoutMillis: 500 });
  })();
  opened.push(entry);
  return pgStore(entry.pool);
}
