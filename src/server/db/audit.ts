import { AuditEntry } from '../../shared/moderation.ts';
import type { Db } from './open.ts';

export interface AuditInput {
  at: string;
  actor: string;
  action: AuditEntry['action'];
  pointId: string;
  reason?: string | null;
  /** Names of the fields an edit changed; never their values. */
  changed?: readonly string[] | null;
}

/**
 * Append-only: who did what to which point, when and why. Never the content: a removed point is erased, and a copy
 * of its name or phone here would outlive it (migration 007 scrubbed the copies older versions kept).
 */
export class AuditStore {
  constructor(private readonly db: Db) {}

  append(e: AuditInput): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, point_id, reason, changed) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.pointId, e.reason ?? null, e.changed ? JSON.stringify(e.changed) : null);
  }

  forPoint(pointId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT at, actor, action, reason, changed FROM audit_log WHERE point_id = ? ORDER BY id')
      .all(pointId) as { at: string; actor: string; action: string; reason: string | null; changed: string | null }[];
    return rows.map((r) => AuditEntry.parse({ ...r, changed: r.changed ? JSON.parse(r.changed) : [] }));
  }
}
