import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';

describe('the published-points box query', () => {
  it('walks an index range on the published position instead of every row of the layer', () => {
    const db = openDb(':memory:');
    // The WHERE clause of PointStore.listPublished with a bbox (src/server/db/points.ts).
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT p.id FROM points p WHERE p.layer = ? AND p.status = 'published'
         AND p.public_lng BETWEEN ? AND ? AND p.public_lat BETWEEN ? AND ? ORDER BY p.created_at, p.id`,
      )
      .all('walk', 19.93, 19.95, 50.04, 50.06) as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(
      /USING INDEX points_public_position \(layer=\? AND status=\? AND public_lat>\? AND public_lat<\?\)/,
    );
    db.close();
  });
});
