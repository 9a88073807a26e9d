import Supercluster, { type PointFeature as ClusterInput } from 'supercluster';
import vtpbf from 'vt-pbf';
import { freshness, type FreshnessLimits } from '../../shared/freshness.ts';
import type { Layer } from '../../shared/points.ts';
import { APPROX_RADIUS_M } from '../privacy.ts';
import { helpListed } from '../freshness.ts';
import type { TilePoint } from '../store/point-rows.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS_PX } from '../../shared/tiles.ts';
import type { TileEngine, TileFilters } from './engine.ts';

/**
 * Tile coordinates per side; 8× the 512-pixel tile, so a pin stays within a metre when MapLibre enlarges a tile.
 * supercluster puts pins and clusters within one cluster radius outside a tile into it too (symbols reach over).
 */
const EXTENT = 4096;
const SCALE = EXTENT / 512;
/** Indexes kept at once (layers × filter combinations in use); a new version drops them all. */
const MAX_INDEXES = 16;

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

type Index = Supercluster<Props, Props>;

/**
 * The tiles of either engine: the published points of a layer (public positions only, from `read`) clustered once
 * per data version and filter by supercluster, the library MapLibre's own GeoJSON clustering uses, so tiles cluster
 * as the GeoJSON layer did; each tile is cut from that index and encoded by vt-pbf.
 */
export class ClusterTiles implements TileEngine {
  private version = -1;
  private readonly indexes = new Map<string, Promise<{ index: Index; count: number }>>();

  constructor(
    /** The layer's published points, public positions only (PointRepository.listForTiles). */
    private readonly read: (layer: Layer) => Promise<TilePoint[]>,
    private readonly now: () => Date,
    private readonly limits: FreshnessLimits,
  ) {}

  async tile(version: number, layer: Layer, filters: TileFilters, z: number, x: number, y: number) {
    const { index } = await this.index(version, layer, filters);
    const tile = index.getTile(z, x, y) ?? { features: [] };
    // Clusters carry the zoom at which they fall apart: MapLibre cannot ask a vector source for it, and a tap
    // on a cluster zooms there.
    for (const f of tile.features) {
      const tags = f.tags as Props;
      if (typeof tags['cluster_id'] === 'number') {
        tags['expansion_zoom'] = index.getClusterExpansionZoom(tags['cluster_id']);
      }
    }
    return vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2, extent: EXTENT });
  }

  async count(version: number, layer: Layer) {
    // A layer counted is about to be drawn: from its tiles when big (this index), and a small one costs little.
    return (await this.index(version, layer, {})).count;
  }

  private key(layer: Layer, filters: TileFilters) {
    // Help offers fade and leave the map with time alone, which writes nothing: their index is rebuilt each minute.
    const minute = layer === 'help' ? Math.floor(this.now().getTime() / 60_000) : 0;
    return JSON.stringify([layer, filters.kind, filters.theme, filters.subarea, minute]);
  }

  private index(version: number, layer: Layer, filters: TileFilters) {
    if (version !== this.version) {
      this.indexes.clear();
      this.version = version;
    }
    const key = this.key(layer, filters);
    let built = this.indexes.get(key);
    if (!built) {
      built = this.build(layer, filters);
      this.indexes.set(key, built);
      // A failed read must not stay cached as the answer for this version.
      built.catch(() => this.indexes.delete(key));
      if (this.indexes.size > MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    }
    return built;
  }

  private async build(layer: Layer, filters: TileFilters) {
    const rows = await this.read(layer);
    const now = this.now();
    const points: ClusterInput<Props>[] = [];
    for (const p of rows) {
      // The filters are the walk list's; the route refuses them for help.
      if (!matches(p, filters)) continue;
      const properties = tileProperties(p, layer, now, this.limits);
      // No feature id: MVT ids are numbers and ours are strings, so the id travels as a property.
      if (properties)
        points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties });
    }
    const index: Index = new Supercluster<Props, Props>({
      radius: CLUSTER_RADIUS_PX * SCALE,
      extent: EXTENT,
      maxZoom: CLUSTER_MAX_ZOOM[layer],
      ...CLUSTER_COUNTS[layer],
    });
    index.load(points);
    return { index, count: points.length };
  }
}
