import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Layer } from '../../../src/common/points.ts';
import type { TilePoint } from '../../../src/server/store/point-rows.ts';
import {
  applyDelta,
  KeptTileRows,
  tileOrder,
  type TileDelta,
  type TileRowSource,
} from '../../../src/server/tiles/tile-rows.ts';

const pin = (id: string, second: number, kind = 'keep'): TilePoint => ({
  id,
  lng: 19.94,
  lat: 50.05,
  subarea: null,
  kind,
  theme: 'zielen',
  person: false,
  confirmedAt: new Date(Date.UTC(2026, 4, 1, 8, 0, second)).toISOString(),
  paused: false,
  createdAt: new Date(Date.UTC(2026, 4, 1, 8, 0, second)).toISOString(),
});
const ids = (rows: readonly TilePoint[]) => rows.map((r) => r.id);

describe("a layer's pins brought up to date from the change log", () => {
  it('puts a changed pin in its place, drops one no longer published and adds a new one in creation order', () => {
    const rows = [pin('a', 1), pin('b', 2), pin('c', 3), pin('d', 5)];
    const changed = new Map([
      ['b', pin('b', 2, 'change')],
      ['c', null],
      ['e', pin('e', 4)],
      ['f', pin('f', 9)],
    ]);
    const now = applyDelta(rows, changed);
    expect(ids(now)).toEqual(['a', 'b', 'e', 'd', 'f']);
    expect(now[1]!.kind).toBe('change');
    // The rows it was given are left as they were: an index being cut from them still holds them.
    expect(ids(rows)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders pins created in the same millisecond by id, byte by byte, as the database does', () => {
    expect([pin('b', 1), pin('B', 1), pin('a', 1)].sort(tileOrder).map((r) => r.id)).toEqual(['B', 'a', 'b']);
  });

  it('always gives the rows a fresh read would give, whatever changed (property)', () => {
    const table = (prefix: string) =>
      fc.uniqueArray(
        fc.record({
          id: fc.stringMatching(/^[A-Za-z0-9_-]{1,3}$/).map((id) => prefix + id),
          second: fc.nat(59),
          // What became of it: still there as it was, gone, or there again with other fields (a move, an edit).
          fate: fc.constantFrom('kept', 'gone', 'edited'),
        }),
        { selector: (r) => r.id, maxLength: 40 },
      );
    fc.assert(
      fc.property(table('a'), table('b'), (before, added) => {
        const old = before.map((r) => pin(r.id, r.second)).sort(tileOrder);
        const changed = new Map<string, TilePoint | null>();
        for (const r of before)
          if (r.fate !== 'kept') changed.set(r.id, r.fate === 'gone' ? null : pin(r.id, r.second, 'change'));
        for (const r of added) changed.set(r.id, pin(r.id, r.second));
        const fresh = [...before.filter((r) => r.fate !== 'gone'), ...added]
          .map((r) => changed.get(r.id) ?? pin(r.id, r.second))
          .sort(tileOrder);
        expect(applyDelta(old, changed)).toEqual(fresh);
      }),
    );
  });

  it('reads the whole layer once, then only what changed, and the whole layer again when the log does not reach back', async () => {
    const calls: string[] = [];
    let delta: TileDelta | null = { version: 2, changed: new Map([['n', pin('n', 9)]]) };
    const source: TileRowSource = {
      all: async (layer: Layer) => {
        calls.push(`all ${layer}`);
        return { version: 1, rows: [pin('a', 1)] };
      },
      since: async (layer: Layer, since: number) => {
        calls.push(`since ${layer} ${since}`);
        return delta;
      },
    };
    const kept = new KeptTileRows(source);
    expect(ids(await kept.read('walk'))).toEqual(['a']);
    expect(ids(await kept.read('walk'))).toEqual(['a', 'n']);
    delta = null;
    expect(ids(await kept.read('walk'))).toEqual(['a']);
    expect(calls).toEqual(['all walk', 'since walk 1', 'since walk 2', 'all walk']);
  });
});
