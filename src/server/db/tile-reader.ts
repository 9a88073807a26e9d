import Database from 'better-sqlite3';
import pg from 'pg';
import type { Layer } from '../../common/points.ts';
import { tilePoint, type TilePoint, type TileRow } from '../store/point-rows.ts';
import type { TileDelta, TileRowSource } from '../tiles/tile-rows.ts';
import { SqliteChangeLog } from './changes.ts';
import { POINT_SQL, readTilePoints } from './points.ts';
import { PgChangeLog } from './pg/changes.ts';
import { PG_POINT_SQL } from './pg/points.ts';
import { PG_OPTIONS, PG_TYPES } from './pg/open.ts';
import { PgSql, type Queryable } from './pg/sql.ts';

/**
 * Where the tile worker (tiles/tile-worker.ts) reads the published points from: the server's own database, through
 * a connection of its own.
 */
export type TileSource = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface TileReader extends TileRowSource {
  close(): Promise<void>;
}

/** The changed ids' current rows: null for a pin no longer published (or gone). */
function delta(version: number, ids: readonly string[], rows: readonly TilePoint[]): TileDelta {
  const changed = new Map<string, TilePoint | null>(ids.map((id) => [id, null]));
  for (const row of rows) changed.set(row.id, row);
  return { version, changed };
}

/**
 * A read-only connection of its own, running the very statements the store runs (listForTiles, the change log).
 * Each answer is one snapshot: the version it names is the one its rows show. SQLite in WAL mode lets it read while
 * the server writes; it sees each write once committed, as the server's own reads do.
 */
export function openTileReader(source: TileSource): TileReader {
  return source.engine === 'sqlite' ? sqliteReader(source.file) : postgresReader(source.url);
}

function sqliteReader(file: string): TileReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const log = new SqliteChangeLog(db);
  const forTiles = db.prepare(POINT_SQL.forTiles);
  const byIds = db.prepare(POINT_SQL.forTilesByIds);
  // A read transaction: the version and the rows from one snapshot, whatever the server commits meanwhile.
  const all = db.transaction((layer: Layer) => ({ version: log.currentNow(), rows: readTilePoints(forTiles, layer) }));
  const since = db.transaction((layer: Layer, since: number, atMost: number) => {
    const version = log.currentNow();
    const ids = log.sinceNow(since, layer)?.map((c) => c.id);
    if (!ids || ids.length > atMost) return null;
    const rows = ids.length ? byIds.all(JSON.stringify(ids), layer).map((r) => tilePoint(r as TileRow)) : [];
    return delta(version, ids, rows);
  });
  return {
    all: async (layer) => all(layer),
    since: async (layer, from, atMost) => since(layer, from, atMost),
    close: async () => void db.close(),
  };
}

function postgresReader(url: string): TileReader {
  const pool = new pg.Pool({ connectionString: url, max: 1, types: PG_TYPES, options: PG_OPTIONS });
  pool.on('error', (e) => console.error('tile worker: PostgreSQL connection lost:', e.message));
  const sql = new PgSql(pool);
  // Repeatable read: every statement of the transaction sees the one snapshot its first one took.
  const snapshot = <T>(work: (q: Queryable) => Promise<T>) =>
    sql.tx(async (q) => {
      await q.rows('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(q);
    });
  const rowsOf = async (q: Queryable, text: string, params: unknown[]) =>
    (await q.rows<TileRow>(text, params)).map(tilePoint);
  return {
    all: (layer) =>
      snapshot(async (q) => ({
        version: await new PgChangeLog(q).current(),
        rows: await rowsOf(q, PG_POINT_SQL.forTiles, [layer]),
      })),
    since: (layer, from, atMost) =>
      snapshot(async (q) => {
        const log = new PgChangeLog(q);
        const version = await log.current();
        const ids = (await log.since(from, layer))?.map((c) => c.id);
        if (!ids || ids.length > atMost) return null;
        return delta(version, ids, ids.length ? await rowsOf(q, PG_POINT_SQL.forTilesByIds, [layer, ids]) : []);
      }),
    close: () => pool.end(),
  };
}
