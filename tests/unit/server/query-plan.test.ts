import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';
import { POINT_SQL } from '../../../src/server/db/points.ts';

// The very statements the SQLite point repository prepares (db/points.ts POINT_SQL), not copies of them.
const db = openDb(':memory:');
afterAll(() => db.close());
const plan = (sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('the published-points box query', () => {
  it('walks an index range on the published position instead of every row of the layer', () => {
    expect(plan(POINT_SQL.publishedInBox, 'walk', 19.93, 19.95, 50.04, 50.06)).toMatch(
      /SEARCH p USING INDEX points_public_position \(layer=\? AND status=\? AND public_lat>\? AND public_lat<\?\)/,
    );
  });
});

describe("a big layer's newest pins", () => {
  it('are read backwards along the tiles index, stopping at the count, with no sort of the whole layer', () => {
    const detail = plan(POINT_SQL.newest, 'walk', 200);
    expect(detail).toMatch(/SEARCH p USING INDEX points_tiles \(layer=\? AND status=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});

describe("a walk session's pins", () => {
  it('are found through the session index, for the console and the summary, without reading every point', () => {
    const detail = plan(POINT_SQL.bySession, 'ABC234', 'pending');
    expect(detail).toMatch(/SEARCH p USING INDEX points_by_session \(<expr>=\? AND status=\?\)/);
    expect(detail).not.toMatch(/SCAN p\b/);
  });

  it('are counted per status through the same index', () => {
    const detail = plan(POINT_SQL.countsBySession, 'ABC234');
    expect(detail).toMatch(/USING (COVERING )?INDEX points_by_session \(<expr>=\?\)/);
    expect(detail).not.toMatch(/SCAN p\b/);
  });
});

describe("a layer's pins for its map tiles", () => {
  it('are read from one range of the tiles index, in its order, without touching the table', () => {
    const detail = plan(POINT_SQL.forTiles, 'walk');
    expect(detail).toMatch(/SEARCH p USING COVERING INDEX points_tiles \(layer=\? AND status=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('after a change, only the changed pins are looked up, by id, not the whole layer', () => {
    const detail = plan(POINT_SQL.forTilesByIds, '["bench000001"]', 'walk');
    expect(detail).toMatch(/SEARCH p USING INDEX sqlite_autoindex_points_1 \(id=\?\)/);
    expect(detail).not.toMatch(/points_tiles/);
  });
});

describe('the live pin counts per subarea', () => {
  it('are counted from one range of the counts index, in its order, with no sort', () => {
    const detail = plan(POINT_SQL.countsBySubarea);
    // Not called covering: SQLite reads one row's JSON per group for the output, never one per pin (the kind it
    // groups by comes from the index).
    expect(detail).toMatch(/SEARCH points USING (COVERING )?INDEX points_counts \(status=\? AND subarea>\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
