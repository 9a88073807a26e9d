import Database from 'better-sqlite3';
import pg from 'pg';
import type { Layer } from '../../common/points.ts';
import type { TilePoint } from '../store/point-rows.ts';
import { tilePoint, type TileRow } from '../store/point-rows.ts';
import { POINT_SQL, readTilePoints } from './points.ts';
import { PG_POINT_SQL } from './pg/points.ts';
import { PG_OPTIONS, PG_TYPES } from './pg/open.ts';

/**
 * Where the tile worker (tiles/tile-worker.ts) reads the published points from: the server's own database, through
 * a connection of its own.
 */
export type TileSource = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface TileReader {
  read(layer: Layer): Promise<TilePoint[]>;
  close(): Promise<void>;
}

/**
 * A read-only connection of its own, running the very statement the store's listForTiles runs. SQLite in WAL mode
 * lets it read while the server writes; it sees each write once committed, as the server's own reads do.
 */
export function openTileReader(source: TileSource): TileReader {
  if (source.engine === 'sqlite') {
    const db = new Database(source.file, { readonly: true, fileMustExist: true });
    const statement = db.prepare(POINT_SQL.forTiles);
    return {
      read: async (layer) => readTilePoints(statement, layer),
      close: async () => void db.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: source.url, max: 1, types: PG_TYPES, options: PG_OPTIONS });
  pool.on('error', (e) => console.error('tile worker: PostgreSQL connection lost:', e.message));
  return {
    read: async (layer) => (await pool.query<TileRow>(PG_POINT_SQL.forTiles, [layer])).rows.map(tilePoint),
    close: () => pool.end(),
  };
}
