import type { Layer } from '../../shared/points.ts';
import type { Db } from './open.ts';

/** How many changes the log keeps; a client further behind than this reloads the whole lists instead. */
const KEEP = 10_000;

/**
 * The public data's version: the number of the last change to a published point (migration 011, written by
 * triggers). Read per request, so it must stay cheap: one row of sqlite_sequence.
 */
export class ChangeLog {
  // Prepared once: every map read asks for the version, and preparing costs more than the read itself.
  private readonly currentSeq;

  constructor(private readonly db: Db) {
    this.currentSeq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'point_changes'`).pluck();
  }

  current(): number {
    const v = this.currentSeq.get();
    return typeof v === 'number' ? v : 0;
  }

  /**
   * Points changed after `since`, each once, or null when the log no longer reaches back that far (pruned, or a
   * version from another database) and the caller must start from the whole lists.
   */
  since(since: number, layer?: Layer): { id: string; layer: Layer }[] | null {
    const current = this.current();
    if (since > current) return null;
    if (since === current) return [];
    const oldest = this.db.prepare('SELECT MIN(version) FROM point_changes').pluck().get() as number | null;
    // Versions are consecutive (AUTOINCREMENT, rows only ever pruned from the bottom), so the log is complete after
    // `since` exactly when its oldest kept row is at most the next one.
    if (oldest === null || oldest > since + 1) return null;
    const rows = this.db
      .prepare(
        `SELECT point_id AS id, layer FROM point_changes WHERE version > ? ${layer ? 'AND layer = ?' : ''}
       GROUP BY point_id ORDER BY MAX(version)`,
      )
      .all(...(layer ? [since, layer] : [since]));
    return rows as { id: string; layer: Layer }[];
  }

  /** Drops all but the newest KEEP changes; called at start-up. */
  prune(): void {
    this.db.prepare('DELETE FROM point_changes WHERE version <= ?').run(this.current() - KEEP);
  }
}
