import type { Layer } from '../../../common/points.ts';
import type { ChangeLogRepository } from '../../store/types.ts';
import type { Queryable } from './sql.ts';

/**
 * The public data's version: the number of the last change to a published point (migration 004, written by
 * triggers). The version is the highest committed row, not the identity sequence: a transaction may have drawn a
 * number it has not committed yet, and a reader told that number would never be told about that change.
 */
export class PgChangeLog implements ChangeLogRepository {
  readonly sql = {
    current: 'SELECT COALESCE(MAX(version), 0) AS v FROM point_changes',
    oldest: 'SELECT MIN(version) AS v FROM point_changes',
    // A point's layer never changes; the newest row's is taken all the same, as SQLite's bare column does.
    since: `SELECT point_id AS id, (array_agg(layer ORDER BY version DESC))[1] AS layer FROM point_changes
      WHERE version > $1 GROUP BY point_id ORDER BY MAX(version)`,
    sinceInLayer: `SELECT point_id AS id, layer FROM point_changes WHERE version > $1 AND layer = $2
      GROUP BY point_id, layer ORDER BY MAX(version)`,
    // The newest row always stays (keep at least 1), so the version, read from the rows, never goes back.
    prune: `DELETE FROM point_changes
      WHERE version <= (SELECT COALESCE(MAX(version), 0) FROM point_changes) - GREATEST($1::bigint, 1)`,
  };

  /** The pool, or one transaction's connection (db/tile-reader.ts reads it in one snapshot with the points). */
  constructor(private readonly db: Queryable) {}

  private async value(text: string): Promise<number | null> {
    return (await this.db.rows<{ v: number | null }>(text))[0]!.v;
  }

  async current(): Promise<number> {
    return (await this.value(this.sql.current)) ?? 0;
  }

  async since(since: number, layer?: Layer): Promise<{ id: string; layer: Layer }[] | null> {
    const current = await this.current();
    if (since > current) return null;
    if (since === current) return [];
    const oldest = await this.value(this.sql.oldest);
    // The log is complete after `since` exactly when its oldest kept row is at most the next one. A rolled-back
    // transaction leaves a gap in the numbers; one just above `since` once the rows below are pruned answers null,
    // which only makes the client reload everything.
    if (oldest === null || oldest > since + 1) return null;
    return layer
      ? this.db.rows<{ id: string; layer: Layer }>(this.sql.sinceInLayer, [since, layer])
      : this.db.rows<{ id: string; layer: Layer }>(this.sql.since, [since]);
  }

  async prune(keep: number): Promise<void> {
    await this.db.count(this.sql.prune, [keep]);
  }
}
