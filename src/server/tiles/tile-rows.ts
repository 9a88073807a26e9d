import type { Layer } from '../../common/points.ts';
import type { TilePoint } from '../store/point-rows.ts';

// A layer's pins as the tile worker last read them, kept with the data version they were read at: after a change it
// reads only the pins changed since (the change log, migration 011), not every pin again. At a million pins the full
// read is about half of an index's 8–10 s rebuild (docs/benchmark.md, measurement 8).

/** Every published pin of a layer in the tiles' order, read in one snapshot with the version it shows. */
export interface TileSnapshot {
  version: number;
  rows: readonly TilePoint[];
}

/** The pins changed since a version, in one snapshot with the version it shows: the row now, or null when gone. */
export interface TileDelta {
  version: number;
  changed: ReadonlyMap<string, TilePoint | null>;
}

/** What the database answers (db/tile-reader.ts), each call in a snapshot of its own. */
export interface TileRowSource {
  all(layer: Layer): Promise<TileSnapshot>;
  /** Null when the change log no longer reaches back to `since`, or more than `atMost` pins changed. */
  since(layer: Layer, since: number, atMost: number): Promise<TileDelta | null>;
}

/** Past this many changed pins, reading them by id is no cheaper than reading the layer. */
const MAX_CHANGED = 50_000;

/**
 * The store's order (created_at, then id compared byte by byte): supercluster clusters greedily in the order it is
 * given the pins, so an index built from kept rows must see them in the order a fresh read gives, or two instances
 * (or one before and after a restart) would draw different clusters for the same data.
 */
export function tileOrder(a: TilePoint, b: TilePoint): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** The first index in `rows` (in tile order) whose row does not come before `row`. */
function placeOf(rows: readonly TilePoint[], row: TilePoint): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tileOrder(rows[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `rows` with the changed pins taken out and their current rows (if still published) put in their places. */
export function applyDelta(rows: readonly TilePoint[], changed: ReadonlyMap<string, TilePoint | null>): TilePoint[] {
  const added = [...changed.values()].filter((row): row is TilePoint => row !== null).sort(tileOrder);
  if (added.length === changed.size) {
    // Every changed pin is still published (an approval, an edit). A pin's creation time never changes (no statement
    // writes created_at after the insert), so its old row, if any, sits exactly where its new one goes: found by
    // binary search instead of a pass over every pin (0.2 s at a million).
    const out = rows.slice();
    for (const row of added) {
      const at = placeOf(out, row);
      if (out[at]?.id === row.id) out[at] = row;
      else out.splice(at, 0, row);
    }
    return out;
  }
  const out: TilePoint[] = [];
  let next = 0;
  for (const row of rows) {
    if (changed.has(row.id)) continue;
    while (next < added.length && tileOrder(added[next]!, row) < 0) out.push(added[next++]!);
    out.push(row);
  }
  while (next < added.length) out.push(added[next++]!);
  return out;
}

/** Each layer's pins, kept between reads and brought up to date from the change log. */
export class KeptTileRows {
  private readonly kept = new Map<Layer, TileSnapshot>();

  constructor(private readonly source: TileRowSource) {}

  async read(layer: Layer): Promise<readonly TilePoint[]> {
    const kept = this.kept.get(layer);
    const delta = kept ? await this.source.since(layer, kept.version, MAX_CHANGED) : null;
    const now =
      kept && delta
        ? { version: delta.version, rows: delta.changed.size ? applyDelta(kept.rows, delta.changed) : kept.rows }
        : await this.source.all(layer);
    // Two reads of a layer at once: the one that saw the newer version stays.
    const latest = this.kept.get(layer);
    if (!latest || latest.version <= now.version) this.kept.set(layer, now);
    return now.rows;
  }
}
