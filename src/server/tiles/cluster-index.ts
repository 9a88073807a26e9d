import Supercluster, { type PointFeature as ClusterInput } from 'supercluster';
import vtpbf from 'vt-pbf';
import { freshness, type FreshnessLimits } from '../../common/freshness.ts';
import type { Layer } from '../../common/points.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS_PX } from '../../common/tiles.ts';
import { APPROX_RADIUS_M } from '../privacy.ts';
import { helpListed } from '../freshness.ts';
import type { TilePoint } from '../store/point-rows.ts';
import type { TileFilters } from './engine.ts';

// One layer's cluster index and the tiles cut from it: pure functions of the rows, so the same code runs in the
// server's own thread (tests, an in-memory database) and in the tile worker (tile-worker.ts).

/**
 * Tile coordinates per side; 8× the 512-pixel tile, so a pin stays within a metre when MapLibre enlarges a tile.
 * supercluster puts pins and clusters within one cluster radius outside a tile into it too (symbols reach over).
 */
const EXTENT = 4096;
const SCALE = EXTENT / 512;
type Props = Record<string, string | number | boolean>;

/**
 * The flat, primitive properties a pin carries in a tile: what the map draws and the id a click fetches. Null for a
 * help offer the public list no longer shows (unconfirmed past the hide limit, paused or not).
 */
function tileProperties(p: TilePoint, layer: Layer, now: Date, limits: FreshnessLimits): Props | null {
  if (layer === 'walk') return { id: p.id, kind: p.kind, theme: p.theme };
  if (!helpListed(p.confirmedAt, now, limits)) return null;
  const state = freshness(p.confirmedAt, p.paused, now, limits);
  return {
    id: p.id,
    kind: p.kind,
    person: p.person,
    // The radius the server promises a private person's real place lies within, drawn as a soft area.
    radiusM: p.person ? APPROX_RADIUS_M : 0,
    state,
    opacity: state === 'fresh' ? 1 : state === 'paused' ? 0.55 : 0.4,
  };
}

function matches(p: TilePoint, filters: TileFilters): boolean {
  if (filters.kind && p.kind !== filters.kind) return false;
  if (filters.theme && p.theme !== filters.theme) return false;
  if (filters.subarea === 'none') return p.subarea === null;
  return !filters.subarea || p.subarea === filters.subarea;
}

/** Per cluster: how many of each kind it holds, so walk clusters stay keep/change donuts; help counts persons. */
const CLUSTER_COUNTS: Record<Layer, { map: (p: Props) => Props; reduce: (acc: Props, p: Props) => void }> = {
  walk: {
    map: (p) => ({ keep: p['kind'] === 'keep' ? 1 : 0, change: p['kind'] === 'change' ? 1 : 0 }),
    reduce: (acc, p) => {
      acc['keep'] = Number(acc['keep']) + Number(p['keep']);
      acc['change'] = Number(acc['change']) + Number(p['change']);
    },
  },
  help: {
    map: (p) => ({ persons: p['person'] ? 1 : 0, organisations: p['person'] ? 0 : 1 }),
    reduce: (acc, p) => {
      acc['persons'] = Number(acc['persons']) + Number(p['persons']);
      acc['organisations'] = Number(acc['organisations']) + Number(p['organisations']);
    },
  },
};

export type ClusterIndex = Supercluster<Props, Props>;

/**
 * A walk pin's input feature, kept for as long as its row is (the tile worker keeps a layer's rows between changes,
 * tile-rows.ts): a walk pin's tile properties do not change with time, so after a change a million-pin index is
 * rebuilt from the features of the last build instead of a million new ones — about a fifth of a rebuild, and much
 * of its garbage. supercluster only reads its input. Help features depend on `now` (freshness), so they are made
 * anew each time; help layers are small.
 */
const FEATURE = Symbol('walk tile feature');
type WithFeature = TilePoint & { [FEATURE]?: ClusterInput<Props> };

function feature(p: TilePoint, layer: Layer, now: Date, limits: FreshnessLimits): ClusterInput<Props> | null {
  const kept = layer === 'walk' ? (p as WithFeature)[FEATURE] : undefined;
  if (kept) return kept;
  const properties = tileProperties(p, layer, now, limits);
  if (!properties) return null;
  // No feature id: MVT ids are numbers and ours are strings, so the id travels as a property.
  const made: ClusterInput<Props> = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties,
  };
  // On the row itself (a symbol, never serialized): a WeakMap of a million rows cost the first build a second of GC.
  if (layer === 'walk') (p as WithFeature)[FEATURE] = made;
  return made;
}

/** One layer's pins as supercluster takes them, the filters applied: known before they are clustered. */
export type ClusterInputs = ClusterInput<Props>[];

/** The layer's pins that the filters keep, as features; `now` decides which help offers are still shown, and how. */
export function selectPoints(
  rows: readonly TilePoint[],
  layer: Layer,
  filters: TileFilters,
  now: Date,
  limits: FreshnessLimits,
): ClusterInputs {
  const points: ClusterInput<Props>[] = [];
  for (const p of rows) {
    // The filters are the walk list's; the route refuses them for help.
    if (!matches(p, filters)) continue;
    const f = feature(p, layer, now, limits);
    if (f) points.push(f);
  }
  return points;
}

/**
 * The selected pins clustered by supercluster — the library MapLibre's own GeoJSON clustering uses, so tiles cluster
 * as the GeoJSON layer did. The slow step: about 2 s at a million pins.
 */
export function clusterPoints(points: ClusterInputs, layer: Layer): ClusterIndex {
  const index: ClusterIndex = new Supercluster<Props, Props>({
    radius: CLUSTER_RADIUS_PX * SCALE,
    extent: EXTENT,
    maxZoom: CLUSTER_MAX_ZOOM[layer],
    ...CLUSTER_COUNTS[layer],
  });
  index.load(points);
  return index;
}

/** One tile of the index, encoded as an uncompressed Mapbox Vector Tile with one layer named `layer`. */
export function cutTile(index: ClusterIndex, layer: Layer, z: number, x: number, y: number): Uint8Array {
  const tile = index.getTile(z, x, y) ?? { features: [] };
  // Clusters carry the zoom at which they fall apart: MapLibre cannot ask a vector source for it, and a tap on a
  // cluster zooms there.
  for (const f of tile.features) {
    const tags = f.tags as Props;
    if (typeof tags['cluster_id'] === 'number')
      tags['expansion_zoom'] = index.getClusterExpansionZoom(tags['cluster_id']);
  }
  return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: EXTENT });
}
