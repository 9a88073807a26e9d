import type { VoteRepository } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';

/** "Me too" votes, one per (point, hashed device id). */
export class SqliteVoteRepository implements VoteRepository {
  readonly sql = {
    add: 'INSERT OR IGNORE INTO votes (point_id, device_hash, created_at) VALUES (?, ?, ?)',
    count: 'SELECT COUNT(*) FROM votes WHERE point_id = ?',
  };
  private readonly insert;
  private readonly count;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
  ) {
    this.insert = db.prepare(this.sql.add);
    this.count = db.prepare(this.sql.count).pluck();
  }

  add(pointId: string, deviceHash: string, at: string): Promise<{ counted: boolean; votes: number }> {
    return this.commit.run(() => ({
      counted: this.insert.run(pointId, deviceHash, at).changes === 1,
      votes: this.count.get(pointId) as number,
    }));
  }
}
