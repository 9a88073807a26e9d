import type { VoteRepository } from '../../store/types.ts';
import { lockPublicChanges, type PgSql } from './sql.ts';

/** "Me too" votes, one per (point, hashed device id). */
export class PgVoteRepository implements VoteRepository {
  readonly sql = {
    // The primary key (point_id, device_hash) decides: a double tap, or two instances at once, count once.
    add: `INSERT INTO votes (point_id, device_hash, created_at) VALUES ($1, $2, $3)
      ON CONFLICT (point_id, device_hash) DO NOTHING`,
    count: 'SELECT COUNT(*) AS n FROM votes WHERE point_id = $1',
  };

  constructor(private readonly db: PgSql) {}

  add(pointId: string, deviceHash: string, at: string): Promise<{ counted: boolean; votes: number }> {
    return this.db.tx(async (q) => {
      // A published pin's count is public data (the vote trigger numbers a change): the lock comes before any row.
      await lockPublicChanges(q);
      const counted = (await q.count(this.sql.add, [pointId, deviceHash, at])) === 1;
      const [{ n }] = (await q.rows<{ n: number }>(this.sql.count, [pointId])) as [{ n: number }];
      return { counted, votes: n };
    });
  }
}
