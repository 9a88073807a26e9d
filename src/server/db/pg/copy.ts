import type pg from 'pg';
import type { Db } from '../open.ts';
import type { PgPool } from './open.ts';

/**
 * Tables in an order that satisfies every foreign key. Each SQLite column is copied to the PostgreSQL column of the
 * same name; a column the target lacks stops the copy (data would be lost), and PostgreSQL's generated columns (the
 * PostGIS positions, the text-search vector) are left to the database.
 */
const TABLES = [
  'app_meta',
  'moderators',
  'points',
  'idempotency',
  'sessions',
  'audit_log',
  'votes',
  'photos',
  'walk_sessions',
  'ambassador_cards',
  'contact_requests',
  'staff_audit',
  'address_streets',
  'address_points',
  'address_meta',
  'activities',
  'activity_audit',
  // Last, after the triggers have logged the copied rows as new changes: replaced by SQLite's own log below.
  'point_changes',
] as const;

/** SQLite-only machinery, rebuilt differently on PostgreSQL (FTS5 tables become a tsvector column). */
const NOT_COPIED = /^(sqlite_|schema_migrations$|address_streets_fts|address_words$)/;

export class CopyError extends Error {}

export interface CopyReport {
  table: string;
  rows: number;
}

interface TargetColumn {
  name: string;
  type: string;
  generated: boolean;
  identity: boolean;
}

async function targetColumns(client: pg.PoolClient, table: string): Promise<TargetColumn[]> {
  const { rows } = await client.query<{ name: string; type: string; generated: string; identity: string }>(
    `SELECT column_name AS name, data_type AS type, is_generated AS generated, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => ({ ...r, generated: r.generated === 'ALWAYS', identity: r.identity === 'YES' }));
}

/** SQLite keeps booleans as 0/1; everything else (ISO text, JSON text, numbers, blobs) PostgreSQL parses as is. */
const convert = (value: unknown, type: string) => (type === 'boolean' && value !== null ? value === 1 : value);

/**
 * Copies every row of an SQLite database into an empty PostgreSQL one (schema already migrated), in one transaction:
 * on any error nothing is left half-copied. The public data version continues where SQLite's was, so clients that
 * cached answers or asked "changes since N" before the move are answered correctly after it.
 */
export async function copySqliteToPostgres(sqlite: Db, pool: PgPool): Promise<CopyReport[]> {
  const sourceTables = (
    sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]
  ).filter((t) => !NOT_COPIED.test(t));
  const unknown = sourceTables.filter((t) => !(TABLES as readonly string[]).includes(t));
  if (unknown.length)
    throw new CopyError(`the SQLite database has tables this copy does not know: ${unknown.join(', ')}`);

  const client = await pool.connect();
  const report: CopyReport[] = [];
  try {
    const { rows: present } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM points) + (SELECT count(*) FROM moderators) + (SELECT count(*) FROM activities) AS n`,
    );
    if (present[0]!.n > 0) {
      throw new CopyError(
        'the PostgreSQL database already holds points, accounts or activities: copy into an empty one',
      );
    }
    await client.query('BEGIN');
    // app_meta's created_at was written by the PostgreSQL migration; SQLite's own is the truth.
    await client.query('DELETE FROM app_meta');
    for (const table of TABLES) {
      if (!sourceTables.includes(table)) continue;
      if (table === 'point_changes') await client.query('DELETE FROM point_changes');
      const columns = await targetColumns(client, table);
      const source = (sqlite.prepare(`SELECT * FROM ${table} LIMIT 0`).columns() as { name: string }[]).map(
        (c) => c.name,
      );
      const missing = source.filter((c) => !columns.some((t) => t.name === c && !t.generated));
      if (missing.length) {
        throw new CopyError(`PostgreSQL's ${table} has no column for SQLite's ${missing.join(', ')}: nothing copied`);
      }
      const copied = columns.filter((c) => source.includes(c.name));
      const names = copied.map((c) => c.name);
      // 65,535 parameters at most per statement.
      const batch = Math.max(1, Math.floor(30_000 / names.length));
      const overriding = copied.some((c) => c.identity) ? 'OVERRIDING SYSTEM VALUE' : '';
      let rows = 0;
      let chunk: unknown[][] = [];
      const flush = async () => {
        if (!chunk.length) return;
        const values = chunk.map((_, r) => `(${names.map((__, c) => `$${r * names.length + c + 1}`).join(', ')})`);
        await client.query(
          `INSERT INTO ${table} (${names.join(', ')}) ${overriding} VALUES ${values.join(', ')}`,
          chunk.flat(),
        );
        rows += chunk.length;
        chunk = [];
      };
      for (const row of sqlite
        .prepare(`SELECT ${names.join(', ')} FROM ${table}`)
        .raw()
        .iterate() as Iterable<unknown[]>) {
        chunk.push(row.map((v, i) => convert(v, copied[i]!.type)));
        if (chunk.length >= batch) await flush();
      }
      await flush();
      // Identity counters continue after the copied ids, so the next account or log entry gets a fresh one.
      for (const c of copied.filter((col) => col.identity)) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${c.name}) FROM ${table}), 1), (SELECT count(*) > 0 FROM ${table}))`,
          [table, c.name],
        );
      }
      if (table === 'point_changes') {
        // A pruned log may be empty or end below SQLite's counter: the version must never go back.
        const seq = sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'point_changes'`).pluck().get();
        if (typeof seq === 'number' && seq > 0) {
          await client.query(
            `SELECT setval(pg_get_serial_sequence('point_changes', 'version'), GREATEST($1, (SELECT coalesce(max(version), 0) FROM point_changes)))`,
            [seq],
          );
        }
      }
      report.push({ table, rows });
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return report;
}
