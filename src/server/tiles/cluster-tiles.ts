import type { FreshnessLimits } from '../../common/freshness.ts';
import type { Layer } from '../../common/points.ts';
import type { TilePoint } from '../store/point-rows.ts';
import { clusterPoints, cutTile, selectPoints } from './cluster-index.ts';
import type { TileEngine, TileFilters } from './engine.ts';

/** Indexes kept at once (layers × filter combinations in use); a new version drops them all. */
const MAX_INDEXES = 16;

/** One built cluster index: how many pins it holds and the tiles cut from it. */
export interface BuiltIndex {
  readonly count: number;
  tile(z: number, x: number, y: number): Promise<Uint8Array>;
  /** No longer current: its memory may go once the tiles being cut from it are done. */
  retire(): void;
}

/**
 * An index being built, in two steps: the pins are read and selected (their number is then known), then clustered
 * (at a million pins, seconds more). The map's first request asks only for the number; answered after the first
 * step, the browser asks for its tiles while the second runs, instead of after it.
 */
export interface IndexBuild {
  readonly count: Promise<number>;
  readonly index: Promise<BuiltIndex>;
}

/** What builds a layer's cluster index at a moment: in this thread, or in the tile worker (tile-worker-client.ts). */
export interface IndexBuilder {
  build(layer: Layer, filters: TileFilters, now: Date): IndexBuild;
  close(): Promise<void>;
}

/** The build's two promises, either of which may go unheard (a count nobody asked for): neither is unhandled. */
export function indexBuild(count: Promise<number>, index: Promise<BuiltIndex>): IndexBuild {
  count.catch(() => undefined);
  index.catch(() => undefined);
  return { count, index };
}

/**
 * Builds in the server's own thread, from the store's rows. Fine for tests and small maps; with a million pins the
 * build holds the thread for seconds, and the tile worker does it instead (index.ts).
 */
export class InThreadBuilder implements IndexBuilder {
  constructor(
    /** The layer's published points, public positions only (PointRepository.listForTiles). */
    private readonly read: (layer: Layer) => Promise<TilePoint[]>,
    private readonly limits: FreshnessLimits,
  ) {}

  build(layer: Layer, filters: TileFilters, now: Date): IndexBuild {
    const points = this.read(layer).then((rows) => selectPoints(rows, layer, filters, now, this.limits));
    // In this thread the count cannot come before the clustering, which holds the thread: tests and small maps.
    const count = points.then((selected) => selected.length);
    const index = points.then((selected): BuiltIndex => {
      const clustered = clusterPoints(selected, layer);
      return {
        count: selected.length,
        tile: async (z, x, y) => cutTile(clustered, layer, z, x, y),
        retire: () => undefined,
      };
    });
    return indexBuild(count, index);
  }

  async close(): Promise<void> {}
}

/**
 * The tiles of either engine: the published points of a layer (public positions only) clustered once per data
 * version and filter (cluster-index.ts), each tile cut from that index.
 */
export class ClusterTiles implements TileEngine {
  private version = -1;
  private readonly indexes = new Map<string, IndexBuild>();

  constructor(
    private readonly builder: IndexBuilder,
    private readonly now: () => Date,
  ) {}

  async tile(version: number, layer: Layer, filters: TileFilters, z: number, x: number, y: number) {
    const key = this.key(layer, filters);
    const built = this.index(version, key, layer, filters);
    try {
      return await (await built.index).tile(z, x, y);
    } catch (e) {
      // An index whose worker crashed (or that cannot cut tiles) is built again by the next request.
      if (this.indexes.get(key) === built) this.retire(key);
      throw e;
    }
  }

  count(version: number, layer: Layer): Promise<number> {
    // A layer counted is about to be drawn: from its tiles when big (this index), and a small one costs little. The
    // count comes before the index is clustered, so the browser's tile requests overlap the clustering.
    return this.index(version, this.key(layer, {}), layer, {}).count;
  }

  close(): Promise<void> {
    this.retireAll();
    return this.builder.close();
  }

  private key(layer: Layer, filters: TileFilters) {
    // Help offers fade and leave the map with time alone, which writes nothing: their index is rebuilt each minute.
    const minute = layer === 'help' ? Math.floor(this.now().getTime() / 60_000) : 0;
    return JSON.stringify([layer, filters.kind, filters.theme, filters.subarea, minute]);
  }

  private index(version: number, key: string, layer: Layer, filters: TileFilters) {
    if (version !== this.version) {
      this.retireAll();
      this.version = version;
    }
    let built = this.indexes.get(key);
    if (!built) {
      built = this.builder.build(layer, filters, this.now());
      this.indexes.set(key, built);
      // A failed read must not stay cached as the answer for this version.
      built.index.catch(() => this.indexes.get(key) === built && this.indexes.delete(key));
      if (this.indexes.size > MAX_INDEXES) this.retire(this.indexes.keys().next().value!);
    }
    return built;
  }

  private retire(key: string) {
    this.indexes.get(key)?.index.then(
      (b) => b.retire(),
      () => undefined,
    );
    this.indexes.delete(key);
  }

  private retireAll() {
    for (const key of [...this.indexes.keys()]) this.retire(key);
  }
}
