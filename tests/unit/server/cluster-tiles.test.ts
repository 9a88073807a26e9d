import { describe, expect, it } from 'vitest';
import {
  ClusterTiles,
  indexBuild,
  type BuiltIndex,
  type IndexBuilder,
} from '../../../src/server/tiles/cluster-tiles.ts';
import type { Layer } from '../../../src/common/points.ts';

/** One build the test finishes by hand: counted first, clustered later, or failed (both then reject). */
interface Held {
  layer: Layer;
  count: (n: number) => void;
  done: (b: BuiltIndex) => void;
  fail: (e: Error) => void;
}

/** Promise.withResolvers, which Node 20 lacks. */
function resolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** A builder whose builds wait for the test. */
class HeldBuilder implements IndexBuilder {
  readonly builds: Held[] = [];

  build(layer: Layer) {
    const count = resolvers<number>();
    const index = resolvers<BuiltIndex>();
    this.builds.push({
      layer,
      count: count.resolve,
      done: index.resolve,
      fail: (e) => {
        count.reject(e);
        index.reject(e);
      },
    });
    return indexBuild(count.promise, index.promise);
  }

  async close() {}
}

const built = (count: number, retired: string[] = []): BuiltIndex => ({
  count,
  tile: async (z) => new Uint8Array([z]),
  retire: () => void retired.push(`index of ${count}`),
});
const NOW = () => new Date('2026-06-01T10:00:00Z');
const settled = <T>(p: Promise<T>) =>
  Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 20))]);

describe('cluster tiles', () => {
  it('answers the count while the index is still being clustered, and a tile only once it is', async () => {
    const builder = new HeldBuilder();
    const tiles = new ClusterTiles(builder, NOW);
    const count = tiles.count(1, 'walk');
    const tile = tiles.tile(1, 'walk', {}, 12, 2275, 1387);
    expect(builder.builds).toHaveLength(1);
    builder.builds[0]!.count(1_000_000);
    expect(await count).toBe(1_000_000);
    expect(await settled(tile)).toBe('pending');
    builder.builds[0]!.done(built(1_000_000));
    expect(await tile).toEqual(new Uint8Array([12]));
  });

  it('builds again after a failed build, and retires the old version’s index', async () => {
    const builder = new HeldBuilder();
    const tiles = new ClusterTiles(builder, NOW);
    const failed = tiles.count(1, 'walk');
    builder.builds[0]!.fail(new Error('database gone'));
    await expect(failed).rejects.toThrow('database gone');
    const retired: string[] = [];
    const again = tiles.count(1, 'walk');
    expect(builder.builds).toHaveLength(2);
    builder.builds[1]!.count(5);
    builder.builds[1]!.done(built(5, retired));
    expect(await again).toBe(5);
    // A new data version: the next count builds anew, and the last version's index may go.
    void tiles.count(2, 'walk');
    expect(builder.builds).toHaveLength(3);
    await Promise.resolve();
    expect(retired).toEqual(['index of 5']);
  });
});
