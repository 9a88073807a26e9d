import type { Layer } from '../../common/points.ts';
import type { ChangeLogRepository } from '../store/types.ts';
import type { Db } from './open.ts';

/**
 * The public data's version: the number of the last change to a published point (migration 011, written by
 * triggers). Read per request, so it must stay cheap: one row of sqlite_sequence.
 */
export class SqliteChangeLog implements ChangeLogRepository {
  readonly sql = {
    current: `SELECT seq FROM sqlite_sequence WHERE name = 'point_changes'`,
    oldest: 'SELECT MIN(version) FROM point_changes',
    since: `SELECT point_id AS id, layer FROM point_changes WHERE version > ? GROUP BY point_id ORDER BY MAX(version)`,
    sinceInLayer: `SELECT point_id AS id, layer FROM point_changes WHERE version > ? AND layer = ?
      GROUP BY point_id ORDER BY MAX(version)`,
    prune: 'DELETE FROM point_changes WHERE version <= ?',
  };
  private readonly s;

  constructor(db: Db) {
    this.s = {
      current: db.prepare(this.sql.current).pluck(),
      oldest: db.prepare(this.sql.oldest).pluck(),
      since: db.prepare(this.sql.since),
      sinceInLayer: db.prepare(this.sql.sinceInLayer),
      prune: db.prepare(this.sql.prune),
    };
  }

  /** Synchronous: a version is one small read, and the answer cache asks for it on every request. */
  currentNow(): number {
    const v = this.s.current.get();
    return typeof v === 'number' ? v : 0;
  }

  async current(): Promise<number> {
    return this.currentNow();
  }

  async since(since: number, layer?: Layer): Promise<{ id: string; layer: Layer }[] | null> {
    return this.sinceNow(since, layer);
  }

  /** Synchronous, so it can run inside a read transaction with other statements (db/tile-reader.ts). */
  sinceNow(since: number, layer?: Layer): { id: string; layer: Layer }[] | null {
    const current = this.currentNow();
    if (since > current) return null;
    if (since === current) return [];
    const oldest = this.s.oldest.get() as number | null;
    // Versions are consecutive (AUTOINCREMENT, rows only ever pruned from the bottom), so the log is complete after
    // `since` exactly when its oldest kept row is at most the next one.
    if (oldest === null || oldest > since + 1) return null;
    const rows = layer ? this.s.sinceInLayer.all(since, layer) : this.s.since.all(since);
    return rows as { id: string; layer: Layer }[];
  }

  async prune(keep: number): Promise<void> {
    this.s.prune.run(this.currentNow() - keep);
  }
}
