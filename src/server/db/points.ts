import type { Layer, PointStatus } from '../../common/points.ts';
import type { SubareaCounts } from '../../common/subareas.ts';
import type {
  AuditInput,
  CreateOutcome,
  IdempotencyRow,
  PointRepository,
  PointWrite,
  PublishedFilter,
  Replay,
  StoredPoint,
} from '../store/types.ts';
import { DecodedRows, layerData, tilePoint, type PointRow, type TilePoint, type TileRow } from '../store/point-rows.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';
import type { SqliteAuditRepository } from './audit.ts';
import type { SqliteIdempotencyRepository } from './idempotency.ts';

const SELECT = `SELECT p.*, (SELECT COUNT(*) FROM votes v WHERE v.point_id = p.id) AS votes FROM points p`;
const ORDER = 'ORDER BY p.created_at, p.id';
const NEWEST = 'ORDER BY p.created_at DESC, p.id DESC LIMIT ?';
const SESSION = `json_extract(p.data, '$.session')`;

const TILE_SELECT = `SELECT p.id, p.public_lng AS lng, p.public_lat AS lat, p.subarea,
      json_extract(p.data, '$.kind') AS kind, json_extract(p.data, '$.kinds[0]') AS firstKind,
      json_extract(p.data, '$.theme') AS theme, json_extract(p.data, '$.helperType') AS helperType,
      json_extract(p.data, '$.paused') AS paused, p.confirmed_at AS confirmedAt, p.created_at AS createdAt
    FROM points p`;

/** Thrown inside a create to roll its savepoint back when the Idempotency-Key is taken; never leaves this file. */
class KeyTaken extends Error {
  constructor(readonly earlier: IdempotencyRow) {
    super('Idempotency-Key taken');
  }
}

/** Every statement's SQL, prepared once; exposed so tests can EXPLAIN the very statements the store runs. */
export const POINT_SQL = {
  get: `${SELECT} WHERE p.id = ?`,
  // One statement per combination of filters, so each can use its index (a `? IS NULL OR` would defeat it).
  published: `${SELECT} WHERE p.layer = ? AND p.status = 'published' ${ORDER}`,
  publishedInSubarea: `${SELECT} WHERE p.layer = ? AND p.status = 'published' AND p.subarea = ? ${ORDER}`,
  publishedInBox: `${SELECT} WHERE p.layer = ? AND p.status = 'published'
    AND p.public_lng BETWEEN ? AND ? AND p.public_lat BETWEEN ? AND ? ${ORDER}`,
  publishedInSubareaAndBox: `${SELECT} WHERE p.layer = ? AND p.status = 'published' AND p.subarea = ?
    AND p.public_lng BETWEEN ? AND ? AND p.public_lat BETWEEN ? AND ? ${ORDER}`,
  // The newest first, read backwards along migration 013's index (and the subarea one's, then sorted).
  newest: `${SELECT} WHERE p.layer = ? AND p.status = 'published' ${NEWEST}`,
  newestInSubarea: `${SELECT} WHERE p.layer = ? AND p.status = 'published' AND p.subarea = ? ${NEWEST}`,
  // What a tile draws (store/point-rows.ts, TileRow): every column is in the covering index of migration 013, so
  // the read never touches the table, and the order is that index's.
  forTiles: `${TILE_SELECT} WHERE p.layer = ? AND p.status = 'published' ${ORDER}`,
  // The same columns of the pins whose ids are in a JSON array (those changed since a tile index was built). Found
  // by id: the unary + keeps SQLite from walking the whole layer's range of the tiles index instead (0.35 s at a
  // million pins, for one changed pin).
  forTilesByIds: `${TILE_SELECT} WHERE p.id IN (SELECT value FROM json_each(?)) AND +p.layer = ?
    AND +p.status = 'published'`,
  byStatus: `${SELECT} WHERE p.status = ? ${ORDER}`,
  // rowid breaks ties within a millisecond. The expression matches migration 012's index.
  bySession: `${SELECT} WHERE ${SESSION} = ? AND p.status = ? ORDER BY p.created_at, p.rowid`,
  countsBySession: `SELECT p.status, COUNT(*) AS n FROM points p WHERE ${SESSION} = ? GROUP BY p.status`,
  countsBySubarea: `SELECT subarea, layer, json_extract(data, '$.kind') AS kind, COUNT(*) AS n FROM points
    WHERE status = 'published' AND subarea IS NOT NULL GROUP BY subarea, layer, kind`,
  insert: `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data, edit_token_hash,
    reject_reason, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  update: `UPDATE points SET status = ?, lng = ?, lat = ?, public_lng = ?, public_lat = ?, subarea = ?, data = ?,
    reject_reason = ?, updated_at = ?, confirmed_at = ? WHERE id = ?`,
  erase: 'DELETE FROM points WHERE id = ?',
  rejectedBefore: `SELECT p.id FROM points p WHERE p.status = 'rejected' AND COALESCE(
    (SELECT MAX(a.at) FROM audit_log a WHERE a.point_id = p.id AND a.action = 'reject'), p.updated_at) < ?`,
  unconfirmedHelpBefore: `SELECT id FROM points WHERE layer = 'help' AND status = 'published'
    AND COALESCE(confirmed_at, created_at) < ?`,
  removedLeftovers: `SELECT id FROM points WHERE status = 'removed'`,
  positions: 'SELECT id, public_lng, public_lat, subarea FROM points',
  setSubarea: 'UPDATE points SET subarea = ? WHERE id = ?',
} as const;

/** forTiles run on `statement` (also the tile worker's own read-only connection, tiles/tile-source.ts). */
export function readTilePoints(statement: Statement<unknown[]>, layer: Layer): TilePoint[] {
  // Row by row: holding a million rows at once before converting them costs twice the time.
  const out: TilePoint[] = [];
  for (const row of statement.iterate(layer)) out.push(tilePoint(row as TileRow));
  return out;
}

type Statements = { [K in keyof typeof POINT_SQL]: Statement<unknown[]> };

/** All SQL about points (SQLite). Reads run at once; writes go through the group commit. */
export class SqlitePointRepository implements PointRepository {
  private readonly rows = new DecodedRows();
  private readonly s: Statements;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
    private readonly audit: SqliteAuditRepository,
    private readonly idempotency: SqliteIdempotencyRepository,
  ) {
    this.s = Object.fromEntries(Object.entries(POINT_SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Statements;
  }

  private decodeAll(rows: unknown[]): StoredPoint[] {
    return this.rows.decodeAll(rows as PointRow[]);
  }

  async get(id: string): Promise<StoredPoint | undefined> {
    const row = this.s.get.get(id) as PointRow | undefined;
    return row && this.rows.decode(row);
  }

  async listPublished(layer: Layer, { subarea, bbox, newest }: PublishedFilter = {}): Promise<StoredPoint[]> {
    if (newest) {
      const s = subarea ? this.s.newestInSubarea : this.s.newest;
      return this.decodeAll(s.all(layer, ...(subarea ? [subarea] : []), newest));
    }
    const box = bbox ? [bbox[0], bbox[2], bbox[1], bbox[3]] : [];
    const s = subarea
      ? bbox
        ? this.s.publishedInSubareaAndBox
        : this.s.publishedInSubarea
      : bbox
        ? this.s.publishedInBox
        : this.s.published;
    return this.decodeAll(s.all(layer, ...(subarea ? [subarea] : []), ...box));
  }

  async listForTiles(layer: Layer): Promise<TilePoint[]> {
    return readTilePoints(this.s.forTiles, layer);
  }

  async listByStatus(status: PointStatus): Promise<StoredPoint[]> {
    return this.decodeAll(this.s.byStatus.all(status));
  }

  async listBySession(code: string, status: PointStatus): Promise<StoredPoint[]> {
    return this.decodeAll(this.s.bySession.all(code, status));
  }

  async countsBySession(code: string): Promise<Partial<Record<PointStatus, number>>> {
    const rows = this.s.countsBySession.all(code) as { status: PointStatus; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async countsBySubarea(): Promise<Partial<Record<string, SubareaCounts>>> {
    const rows = this.s.countsBySubarea.all() as { subarea: string; layer: string; kind: string | null; n: number }[];
    const out: Partial<Record<string, SubareaCounts>> = {};
    for (const { subarea, layer, kind, n } of rows) {
      const c = (out[subarea] ??= { help: 0, keep: 0, change: 0 });
      if (layer === 'help') c.help += n;
      else if (kind === 'keep' || kind === 'change') c[kind] += n;
    }
    return out;
  }

  async create({ point, audit }: PointWrite, replay?: Replay): Promise<CreateOutcome> {
    const r = point.record;
    try {
      return await this.commit.run((): CreateOutcome => {
        this.s.insert.run(
          r.id,
          r.layer,
          r.status,
          r.lng,
          r.lat,
          point.publicLng,
          point.publicLat,
          r.subarea,
          JSON.stringify(layerData(r)),
          point.editTokenHash,
          r.rejectReason,
          r.createdAt,
          r.updatedAt,
          r.confirmedAt,
        );
        if (replay) {
          const earlier = this.idempotency.claim(replay, r.createdAt);
          if (earlier) throw new KeyTaken(earlier);
        }
        this.audit.append(audit);
        return { created: true };
      });
    } catch (e) {
      if (e instanceof KeyTaken) return { created: false, earlier: e.earlier };
      throw e;
    }
  }

  /** Synchronous, for use inside a write of this store (photos write the point with their bytes). */
  writeNow({ point, audit }: PointWrite): void {
    const r = point.record;
    this.s.update.run(
      r.status,
      r.lng,
      r.lat,
      point.publicLng,
      point.publicLat,
      r.subarea,
      JSON.stringify(layerData(r)),
      r.rejectReason,
      r.updatedAt,
      r.confirmedAt,
      r.id,
    );
    this.audit.append(audit);
  }

  async update(write: PointWrite): Promise<void> {
    await this.commit.run(() => this.writeNow(write));
  }

  /**
   * Deletes the row, and with it (ON DELETE CASCADE) its photo, votes, replay key and anything else hanging off it.
   * Nothing of its content is left: secure_delete zeroes the freed bytes (db/open.ts), the audit log holds none, and
   * the caller checkpoints the WAL (Store.afterErasure). The decoded copy in memory goes too.
   */
  async erase(id: string, audit: Omit<AuditInput, 'pointId'>): Promise<boolean> {
    this.rows.forget(id);
    return this.commit.run(() => {
      this.audit.append({ ...audit, pointId: id });
      return this.s.erase.run(id).changes === 1;
    });
  }

  async rejectedBefore(cutoff: string): Promise<string[]> {
    return this.s.rejectedBefore.pluck().all(cutoff) as string[];
  }

  async unconfirmedHelpBefore(cutoff: string): Promise<string[]> {
    return this.s.unconfirmedHelpBefore.pluck().all(cutoff) as string[];
  }

  async removedLeftovers(): Promise<string[]> {
    return this.s.removedLeftovers.pluck().all() as string[];
  }

  /** Only changed rows are written, so a start-up with nothing to correct writes nothing. */
  async resyncSubareas(subareaAt: (lng: number, lat: number) => string | null): Promise<number> {
    return this.commit.run(() => {
      const rows = this.s.positions.all() as Pick<PointRow, 'id' | 'public_lng' | 'public_lat' | 'subarea'>[];
      let changed = 0;
      for (const r of rows) {
        const subarea = subareaAt(r.public_lng, r.public_lat);
        if (subarea !== r.subarea) changed += this.s.setSubarea.run(subarea, r.id).changes;
      }
      return changed;
    });
  }
}
