import { PointRecord, type PointStatus } from '../../shared/points.ts';
import type { SubareaCounts, SubareaId } from '../../shared/subareas.ts';
import type { BBox } from '../../shared/geojson.ts';
import type { Db } from './open.ts';

/** A point as stored: the full record plus what only the server needs. */
export interface StoredPoint {
  record: PointRecord;
  publicLng: number;
  publicLat: number;
  editTokenHash: string;
}

interface Row {
  id: string;
  layer: string;
  status: string;
  lng: number;
  lat: number;
  public_lng: number;
  public_lat: number;
  subarea: string | null;
  data: string;
  edit_token_hash: string;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  votes: number;
}

const SELECT = `SELECT p.*, (SELECT COUNT(*) FROM votes v WHERE v.point_id = p.id) AS votes FROM points p`;

/** Fields kept in the JSON `data` column: everything layer-specific (new optional fields need no migration). */
const META = new Set([
  'id',
  'layer',
  'status',
  'lng',
  'lat',
  'subarea',
  'createdAt',
  'updatedAt',
  'confirmedAt',
  'rejectReason',
  'votes',
]);
function layerData(r: PointRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k, v]) => !META.has(k) && v !== undefined));
}

/** Cached records are shared between reads: frozen, so code that changed one in place would throw, not corrupt. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Every column the record is decoded from (votes excepted: counted per read, never cached). */
const rowKey = (r: Row) =>
  `${r.layer}|${r.status}|${r.lng}|${r.lat}|${r.subarea}|${r.created_at}|${r.updated_at}|${r.confirmed_at}|${r.reject_reason}|${r.data}`;

/**
 * Rows are parsed, not cast: a hand-edited or older row fails here, loudly, instead of leaking odd data. Parsing
 * is most of what GET /api/points costs (docs/benchmark.md, measurement 4), and a workshop asks for the same rows
 * over and over, so each row's decoded record is kept while every column it came from is unchanged; any change, by
 * the app or by hand, makes the next read parse it again. Bounded: past MAX entries the oldest are dropped.
 */
class DecodedRows {
  private static readonly MAX = 100_000;
  private readonly byId = new Map<string, { key: string; record: Omit<PointRecord, 'votes'> }>();

  decode(row: Row): StoredPoint {
    const key = rowKey(row);
    let hit = this.byId.get(row.id);
    if (hit?.key !== key) {
      const { votes: _votes, ...record } = PointRecord.parse({
        ...JSON.parse(row.data),
        id: row.id,
        layer: row.layer,
        status: row.status,
        lng: row.lng,
        lat: row.lat,
        subarea: row.subarea,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        confirmedAt: row.confirmed_at,
        rejectReason: row.reject_reason,
        votes: row.votes,
      });
      hit = { key, record: deepFreeze(record) };
      this.byId.delete(row.id);
      this.byId.set(row.id, hit);
      if (this.byId.size > DecodedRows.MAX) this.byId.delete(this.byId.keys().next().value!);
    }
    // A fresh top-level object per read, since callers spread records and add fields to the copy.
    const record = { ...hit.record, votes: row.votes } as PointRecord;
    return { record, publicLng: row.public_lng, publicLat: row.public_lat, editTokenHash: row.edit_token_hash };
  }

  forget(id: string): void {
    this.byId.delete(id);
  }
}

/** All SQL about points; routes and services never see a statement (docs/architecture.md: PostgreSQL later). */
export class PointStore {
  private readonly rows = new DecodedRows();

  constructor(private readonly db: Db) {}

  insert(p: StoredPoint): void {
    const r = p.record;
    this.db
      .prepare(
        `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data, edit_token_hash,
         reject_reason, created_at, updated_at, confirmed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.id,
        r.layer,
        r.status,
        r.lng,
        r.lat,
        p.publicLng,
        p.publicLat,
        r.subarea,
        JSON.stringify(layerData(r)),
        p.editTokenHash,
        r.rejectReason,
        r.createdAt,
        r.updatedAt,
        r.confirmedAt,
      );
  }

  /** Writes every mutable column from the record (the id, layer, token and creation time never change). */
  update(p: StoredPoint): void {
    const r = p.record;
    this.db
      .prepare(
        `UPDATE points SET status = ?, lng = ?, lat = ?, public_lng = ?, public_lat = ?, subarea = ?, data = ?,
         reject_reason = ?, updated_at = ?, confirmed_at = ? WHERE id = ?`,
      )
      .run(
        r.status,
        r.lng,
        r.lat,
        p.publicLng,
        p.publicLat,
        r.subarea,
        JSON.stringify(layerData(r)),
        r.rejectReason,
        r.updatedAt,
        r.confirmedAt,
        r.id,
      );
  }

  /**
   * Deletes the row, and with it (ON DELETE CASCADE) its photo, votes, replay key and anything else hanging off it.
   * Nothing of its content is left: secure_delete zeroes the freed bytes (db/open.ts), the audit log holds none, and
   * the caller checkpoints the WAL. The decoded copy in memory goes too.
   */
  erase(id: string): boolean {
    this.rows.forget(id);
    return this.db.prepare('DELETE FROM points WHERE id = ?').run(id).changes === 1;
  }

  /** Rejected points whose last rejection is older than `cutoff` (ISO); rows without one count from their last edit. */
  rejectedBefore(cutoff: string): string[] {
    return this.db
      .prepare(
        `SELECT p.id FROM points p WHERE p.status = 'rejected' AND COALESCE(
         (SELECT MAX(a.at) FROM audit_log a WHERE a.point_id = p.id AND a.action = 'reject'), p.updated_at) < ?`,
      )
      .pluck()
      .all(cutoff) as string[];
  }

  /** Published help offers last confirmed before `cutoff` (ISO): long past the freshness limit that hid them. */
  unconfirmedHelpBefore(cutoff: string): string[] {
    return this.db
      .prepare(
        `SELECT id FROM points WHERE layer = 'help' AND status = 'published' AND COALESCE(confirmed_at, created_at) < ?`,
      )
      .pluck()
      .all(cutoff) as string[];
  }

  /** Points marked removed by older versions, which kept the content; removal now erases at once. */
  removedLeftovers(): string[] {
    return this.db.prepare(`SELECT id FROM points WHERE status = 'removed'`).pluck().all() as string[];
  }

  get(id: string): StoredPoint | undefined {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
    return row && this.rows.decode(row);
  }

  /** Published points of a layer, optionally in a subarea and/or a box (tested on the published position). */
  listPublished(layer: string, filter: { subarea?: SubareaId; bbox?: BBox } = {}): StoredPoint[] {
    const where = ['p.layer = ?', "p.status = 'published'"];
    const args: (string | number)[] = [layer];
    if (filter.subarea) {
      where.push('p.subarea = ?');
      args.push(filter.subarea);
    }
    if (filter.bbox) {
      where.push('p.public_lng BETWEEN ? AND ?', 'p.public_lat BETWEEN ? AND ?');
      const [w, s, e, n] = filter.bbox;
      args.push(w, e, s, n);
    }
    const rows = this.db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at, p.id`).all(...args);
    return (rows as Row[]).map((r) => this.rows.decode(r));
  }

  listByStatus(status: PointStatus): StoredPoint[] {
    const rows = this.db.prepare(`${SELECT} WHERE p.status = ? ORDER BY p.created_at, p.id`).all(status);
    return (rows as Row[]).map((r) => this.rows.decode(r));
  }

  /**
   * Sets each row's subarea to `subareaAt(public position)` where it differs; returns how many changed. One
   * transaction, and only changed rows are written, so a start-up with nothing to correct writes nothing.
   */
  resyncSubareas(subareaAt: (lng: number, lat: number) => string | null): number {
    const rows = this.db.prepare('SELECT id, public_lng, public_lat, subarea FROM points').all() as Pick<
      Row,
      'id' | 'public_lng' | 'public_lat' | 'subarea'
    >[];
    const set = this.db.prepare('UPDATE points SET subarea = ? WHERE id = ?');
    return this.db.transaction(() => {
      let changed = 0;
      for (const r of rows) {
        const subarea = subareaAt(r.public_lng, r.public_lat);
        if (subarea !== r.subarea) changed += set.run(subarea, r.id).changes;
      }
      return changed;
    })();
  }

  /** Published pins per subarea and kind, for the subarea panels' live figures. */
  countsBySubarea(): Partial<Record<string, SubareaCounts>> {
    const rows = this.db
      .prepare(
        `SELECT subarea, layer, json_extract(data, '$.kind') AS kind, COUNT(*) AS n FROM points
       WHERE status = 'published' AND subarea IS NOT NULL GROUP BY subarea, layer, kind`,
      )
      .all() as { subarea: string; layer: string; kind: string | null; n: number }[];
    const out: Partial<Record<string, SubareaCounts>> = {};
    for (const { subarea, layer, kind, n } of rows) {
      const c = (out[subarea] ??= { help: 0, keep: 0, change: 0 });
      if (layer === 'help') c.help += n;
      else if (kind === 'keep' || kind === 'change') c[kind] += n;
    }
    return out;
  }
}
