import { CachedAnswer } from '../answer-cache.ts';
import type { Layer } from '../../common/points.ts';
import { CLUSTER_MAX_ZOOM, TILE_MAX_ZOOM, type TileInfo } from '../../common/tiles.ts';
import type { TileEngine, TileFilters } from './engine.ts';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Encoded tiles kept per data version: a room of phones opening the same view costs one build of each tile. */
const MAX_TILES = 4096;

/** Tiles cached per data version around whichever engine makes them; any published change empties the cache. */
export class Tiles {
  private version = -1;
  private readonly entries = new Map<string, Promise<CachedAnswer>>();
  private readonly counts = new Map<string, Promise<number>>();

  constructor(
    private readonly engine: TileEngine,
    private readonly currentVersion: () => Promise<number>,
    private readonly now: () => Date,
  ) {}

  async tile(layer: Layer, filters: TileFilters, z: number, x: number, y: number): Promise<CachedAnswer> {
    const version = await this.currentVersion();
    this.sameVersion(version);
    const minute = this.minute(layer);
    const key = JSON.stringify([layer, filters.kind, filters.theme, filters.subarea, z, x, y, minute]);
    let hit = this.entries.get(key);
    if (!hit) {
      hit = this.engine
        .tile(version, layer, filters, z, x, y)
        .then((bytes) => new CachedAnswer(Buffer.from(bytes), MVT_TYPE));
      this.entries.set(key, hit);
      hit.catch(() => this.entries.delete(key));
      if (this.entries.size > MAX_TILES) this.entries.delete(this.entries.keys().next().value!);
    }
    return hit;
  }

  private sameVersion(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.counts.clear();
    this.version = version;
  }

  /** Help offers fade with time alone, which writes nothing (cluster-tiles.ts rebuilds their index each minute). */
  private minute(layer: Layer): number {
    return layer === 'help' ? Math.floor(this.now().getTime() / 60_000) : 0;
  }

  /** TileJSON for the layer, with the URL template relative to the API and the layer's current pin count. */
  async info(layer: Layer): Promise<TileInfo> {
    const version = await this.currentVersion();
    this.sameVersion(version);
    // Every page load asks: counted once per version (and minute, for help), not per request.
    const countKey = `${layer}:${this.minute(layer)}`;
    let count = this.counts.get(countKey);
    if (!count) {
      count = this.engine.count(version, layer);
      // One entry per layer and minute: drop the minutes gone by.
      if (this.counts.size >= 8) this.counts.clear();
      this.counts.set(countKey, count);
      count.catch(() => this.counts.delete(countKey));
    }
    const fields: Record<Layer, Record<string, string>> = {
      walk: { id: 'String', kind: 'String', theme: 'String', keep: 'Number', change: 'Number' },
      help: { id: 'String', kind: 'String', person: 'Boolean', radiusM: 'Number', state: 'String', opacity: 'Number' },
    };
    return {
      tilejson: '3.0.0',
      tiles: [`/api/tiles/${layer}/{z}/{x}/{y}.mvt`],
      minzoom: 0,
      // Past the last clustered zoom a tile holds single pins; MapLibre enlarges it further instead of asking.
      maxzoom: Math.min(TILE_MAX_ZOOM, CLUSTER_MAX_ZOOM[layer] + 1),
      vector_layers: [{ id: layer, fields: fields[layer] }],
      count: await count,
      version,
    };
  }
}
