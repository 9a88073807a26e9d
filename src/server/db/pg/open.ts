import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PgPool = pg.Pool;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations-pg');

const { builtins, getTypeParser } = pg.types;
const toIso = getTypeParser(builtins.TIMESTAMPTZ);
/**
 * Values come back as the SQLite engine returns them, so the code above the repositories sees one shape: instants as
 * ISO-8601 text ("2026-12-01T10:00:00.000Z"), calendar days as "YYYY-MM-DD" (not a Date at local midnight), counts and
 * versions (bigint) as numbers — they stay far below 2^53. Per pool, not pg.types globally: nothing else is affected.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === builtins.TIMESTAMPTZ) return (s: string) => (toIso(s) as Date).toISOString();
    if (oid === builtins.DATE) return (s: string) => s;
    if (oid === builtins.INT8) return (s: string) => Number(s);
    return getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Every connection works in UTC, so timestamps print the same whatever the server's own time zone is. */
export const PG_OPTIONS = '-c TimeZone=UTC';

/**
 * A connection pool to the database at `url`, its schema brought up to date. Every connection works in UTC, so
 * timestamps print the same whatever the server's own time zone is.
 */
export async function openPostgres(
  url: string,
  { max = 10, idleTimeoutMillis = 10_000 }: { max?: number; idleTimeoutMillis?: number } = {},
): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis, types: PG_TYPES, options: PG_OPTIONS });
  // An idle connection the server dropped (a restart) must not crash the process: the pool replaces it.
  pool.on('error', (e) => console.error('PostgreSQL connection lost:', e.message));
  try {
    await migratePostgres(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return pool;
}

/** Any number; the same for every instance of the app, so two starting at once take turns at migrating. */
const MIGRATION_LOCK = 0x6d617061;

/**
 * Applies migrations-pg/NNN_name.sql in order, each once, each in its own transaction; returns how many ran.
 * Several instances may start together against one database: an advisory lock makes the second wait for the first,
 * then find nothing left to do.
 */
export async function migratePostgres(pool: PgPool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)',
    );
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.name));
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{3}_.+\.sql$/.test(f))
      .sort();
    let ran = 0;
    for (const name of files) {
      if (applied.has(name)) continue;
      const sql = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, now())', [name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${name} failed: ${(e as Error).message}`, { cause: e });
      }
      ran += 1;
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
