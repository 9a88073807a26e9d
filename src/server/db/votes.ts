import type { Db } from './open.ts';

/** "Me too" votes, one per (point, hashed device id). */
export class VoteStore {
  constructor(private readonly db: Db) {}

  /** True when this device had not voted for this point before. */
  add(pointId: string, deviceHash: string, now: string): boolean {
    const res = this.db
      .prepare('INSERT OR IGNORE INTO votes (point_id, device_hash, created_at) VALUES (?, ?, ?)')
      .run(pointId, deviceHash, now);
    return res.changes === 1;
  }

  count(pointId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM votes WHERE point_id = ?').pluck().get(pointId) as number;
  }
}
