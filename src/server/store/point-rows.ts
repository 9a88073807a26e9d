import { PointRecord } from '../../shared/points.ts';
import type { StoredPoint } from './types.ts';

/** A points row as every engine stores it (column names are the contract's, whatever the engine's types). */
export interface PointRow {
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
export function layerData(r: PointRecord): Record<string, unknown> {
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
const rowKey = (r: PointRow) =>
  `${r.layer}|${r.status}|${r.lng}|${r.lat}|${r.subarea}|${r.created_at}|${r.updated_at}|${r.confirmed_at}|${r.reject_reason}|${r.data}`;

/**
 * Rows are parsed, not cast: a hand-edited or older row fails here, loudly, instead of leaking odd data. Parsing
 * is most of what GET /api/points costs (docs/benchmark.md, measurement 4), and a workshop asks for the same rows
 * over and over, so each row's decoded record is kept while every column it came from is unchanged; any change, by
 * the app or by hand, makes the next read parse it again. Bounded: past MAX entries the oldest are dropped.
 */
export class DecodedRows {
  private static readonly MAX = 100_000;
  private readonly byId = new Map<string, { key: string; record: Omit<PointRecord, 'votes'> }>();

  decode(row: PointRow): StoredPoint {
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
