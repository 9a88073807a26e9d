import { PointRecord } from '../../common/points.ts';
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
const sameColumns = (a: PointRow, b: PointRow) =>
  a.layer === b.layer &&
  a.status === b.status &&
  a.lng === b.lng &&
  a.lat === b.lat &&
  a.subarea === b.subarea &&
  a.created_at === b.created_at &&
  a.updated_at === b.updated_at &&
  a.confirmed_at === b.confirmed_at &&
  a.reject_reason === b.reject_reason &&
  a.data === b.data;

/** The record a row holds, checked by the schema. */
function parse(row: PointRow): PointRecord {
  return PointRecord.parse({
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
}

const stored = (row: PointRow, record: PointRecord): StoredPoint => ({
  record,
  publicLng: row.public_lng,
  publicLat: row.public_lat,
  editTokenHash: row.edit_token_hash,
});

/**
 * Rows are parsed, not cast: a hand-edited or older row fails here, loudly, instead of leaking odd data. Parsing
 * is most of what GET /api/points costs (docs/benchmark.md, measurement 4), and a workshop asks for the same rows
 * over and over, so each row's decoded record is kept while every column it came from is unchanged; any change, by
 * the app or by hand, makes the next read parse it again. Bounded: past `max` entries the oldest are dropped.
 */
export class DecodedRows {
  private readonly byId = new Map<string, { row: PointRow; record: Omit<PointRecord, 'votes'> }>();

  /** `max`: records kept at most (a test passes a small number). */
  constructor(private readonly max = 100_000) {}

  /**
   * A read of more rows than the cache holds (a whole layer of a city's worth of pins, read to build its tile
   * index) is parsed without it: kept, its rows would only push each other out, and the keeping — frozen copies,
   * map churn and the garbage they make — cost more than the parsing (a 200,000-pin index: 16 s with, 10 s without).
   */
  decodeAll(rows: readonly PointRow[]): StoredPoint[] {
    if (rows.length <= this.max) return rows.map((r) => this.decode(r));
    return rows.map((r) => {
      const hit = this.byId.get(r.id);
      return hit && sameColumns(hit.row, r) ? this.fromHit(r, hit.record) : stored(r, parse(r));
    });
  }

  decode(row: PointRow): StoredPoint {
    let hit = this.byId.get(row.id);
    if (!hit || !sameColumns(hit.row, row)) {
      const { votes: _votes, ...record } = parse(row);
      hit = { row, record: deepFreeze(record) };
      this.byId.delete(row.id);
      this.byId.set(row.id, hit);
      if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value!);
    }
    return this.fromHit(row, hit.record);
  }

  // A fresh top-level object per read, since callers spread records and add fields to the copy.
  private fromHit(row: PointRow, record: Omit<PointRecord, 'votes'>): StoredPoint {
    return stored(row, { ...record, votes: row.votes } as PointRecord);
  }

  forget(id: string): void {
    this.byId.delete(id);
  }
}

/**
 * A published point as its layer's map tiles draw it (PointRepository.listForTiles), and nothing else: the public
 * position (a private person's cell centre, never their door), what a pin looks like and what the walk filters test.
 */
export interface TilePoint {
  id: string;
  lng: number;
  lat: number;
  subarea: string | null;
  /** walk: keep or change; help: the first kind of help offered, '' when none. */
  kind: string;
  /** walk: the theme; help: ''. */
  theme: string;
  /** help: a private person, drawn as the soft area around their cell; walk: false. */
  person: boolean;
  /** help: the last confirmation (the creation when never confirmed), for freshness; walk: its creation. */
  confirmedAt: string;
  paused: boolean;
  /** With the id, its place in the tiles' order (created_at, id): the order supercluster is given the pins in. */
  createdAt: string;
}

/** The columns listForTiles selects, by these names (booleans as SQLite's 0/1 or PostgreSQL's booleans). */
export interface TileRow {
  id: unknown;
  lng: unknown;
  lat: unknown;
  subarea: unknown;
  /** walk: its kind (help: null). */
  kind: unknown;
  /** help: the first of its kinds (walk: null). */
  firstKind: unknown;
  theme: unknown;
  helperType: unknown;
  paused: unknown;
  confirmedAt: unknown;
  createdAt: unknown;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const text = (v: unknown) => typeof v === 'string';
const textOrNull = (v: unknown) => v === null || typeof v === 'string';
const coordinate = (max: number) => (v: unknown) => typeof v === 'number' && v >= -max && v <= max;
const flag = (v: unknown) => v === null || v === 0 || v === 1 || typeof v === 'boolean';
const time = (v: unknown) => typeof v === 'string' && ISO.test(v);
const CHECKS: Record<keyof TileRow, (v: unknown) => boolean> = {
  id: text,
  lng: coordinate(180),
  lat: coordinate(90),
  subarea: textOrNull,
  kind: textOrNull,
  firstKind: textOrNull,
  theme: textOrNull,
  helperType: textOrNull,
  paused: flag,
  confirmedAt: (v) => v === null || time(v),
  createdAt: time,
};
const FIELDS = Object.keys(CHECKS) as (keyof TileRow)[];

/**
 * Checked like every row, so a hand-edited one fails here, loudly, naming its column, but by nine plain tests
 * instead of the whole record's schema: a million rows read for a tile index cost a fraction of a second, where
 * parsing each as a record took a minute (docs/benchmark.md, measurement 8).
 */
export function tilePoint(r: TileRow): TilePoint {
  for (const field of FIELDS) {
    if (!CHECKS[field](r[field])) throw new TypeError(`points row ${String(r.id)}: ${field} is not valid for a tile`);
  }
  return {
    id: r.id as string,
    lng: r.lng as number,
    lat: r.lat as number,
    subarea: r.subarea as string | null,
    kind: ((r.kind ?? r.firstKind) as string | null) ?? '',
    theme: (r.theme as string | null) ?? '',
    person: r.helperType === 'person',
    confirmedAt: (r.confirmedAt ?? r.createdAt) as string,
    paused: r.paused === true || r.paused === 1,
    createdAt: r.createdAt as string,
  };
}
