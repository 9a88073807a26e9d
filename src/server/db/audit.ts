import { AuditEntry } from '../../shared/moderation.ts';
import type { Db } from './open.ts';

export interface AuditInput {
  at: string;
  actor: string;
  action: AuditEntry['action'];
  pointId: string;
  reason?: string | null;
  before?: object | null;
  after?: object | null;
}

/** Append-only: who did what to which point, when and why (issue 3 moderation). */
export class AuditStore {
  constructor(private readonly db: Db) {}

  append(e: AuditInput): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, point_id, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.pointId, e.reason ?? null,
        e.before ? JSON.stringify(e.before) : null, e.after ? JSON.stringify(e.after) : null);
  }

  forPoint(pointId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT at, actor, action, reason, before, after FROM audit_log WHERE point_id = ? ORDER BY id')
      .all(pointId) as { at: string; actor: string; action: string; reason: string | null; before: string | null; after: string | null }[];
    return rows.map((r) =>
      AuditEntry.parse({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }),
    );
  }
}
