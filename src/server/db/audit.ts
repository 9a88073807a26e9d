import { AuditEntry } from '../../common/moderation.ts';
import type { AuditInput, AuditRepository } from '../store/types.ts';
import type { Db } from './open.ts';

/**
 * Append-only: who did what to which point, when and why. Never the content: a removed point is erased, and a copy
 * of its name or phone here would outlive it (migration 007 scrubbed the copies older versions kept). Entries are
 * written by the point writes (db/points.ts), inside their transactions, through `append`.
 */
export class SqliteAuditRepository implements AuditRepository {
  readonly sql = {
    append: 'INSERT INTO audit_log (at, actor, action, point_id, reason, changed) VALUES (?, ?, ?, ?, ?, ?)',
    forPoint: 'SELECT at, actor, action, reason, changed FROM audit_log WHERE point_id = ? ORDER BY id',
  };
  private readonly insert;
  private readonly select;

  constructor(db: Db) {
    this.insert = db.prepare(this.sql.append);
    this.select = db.prepare<
      [string],
      { at: string; actor: string; action: string; reason: string | null; changed: string | null }
    >(this.sql.forPoint);
  }

  /** Synchronous: only for use inside another repository's write. */
  append(e: AuditInput): void {
    this.insert.run(e.at, e.actor, e.action, e.pointId, e.reason ?? null, e.changed ? JSON.stringify(e.changed) : null);
  }

  async forPoint(pointId: string): Promise<AuditEntry[]> {
    return this.select
      .all(pointId)
      .map((r) => AuditEntry.parse({ ...r, changed: r.changed ? JSON.parse(r.changed) : [] }));
  }
}
