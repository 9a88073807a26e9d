import { AuditEntry } from '../../../common/moderation.ts';
import type { AuditInput, AuditRepository } from '../../store/types.ts';
import type { PgSql, Queryable } from './sql.ts';

/** An audit entry's insert, its values from `values` (a VALUES list, or a SELECT naming the point just inserted). */
export const auditSql = (values: string) =>
  `INSERT INTO audit_log (at, actor, action, point_id, reason, changed)
      ${values}`;

/** An entry's values in the order append's statement takes them, the point's id left out (a statement may insert
 * the point in the same breath, pg/points.ts): at, actor, action, reason, changed. */
export const auditParams = (e: Omit<AuditInput, 'pointId'>): unknown[] => [
  e.at,
  e.actor,
  e.action,
  e.reason ?? null,
  e.changed ? JSON.stringify(e.changed) : null,
];

/**
 * Append-only: who did what to which point, when and why — never the content (see db/audit.ts). Entries are
 * written by the point writes (pg/points.ts, pg/photos.ts) inside their transactions, through `append`.
 */
export class PgAuditRepository implements AuditRepository {
  readonly sql = {
    append: auditSql('VALUES ($1, $2, $3, $4, $5, $6::jsonb)'),
    forPoint: 'SELECT at, actor, action, reason, changed FROM audit_log WHERE point_id = $1 ORDER BY id',
  };

  constructor(private readonly db: PgSql) {}

  /** Only for use inside another repository's transaction: `q` is that transaction's connection. */
  async append(q: Queryable, e: AuditInput): Promise<void> {
    const [at, actor, action, reason, changed] = auditParams(e);
    await q.count(this.sql.append, [at, actor, action, e.pointId, reason, changed]);
  }

  async forPoint(pointId: string): Promise<AuditEntry[]> {
    const rows = await this.db.rows<{
      at: string;
      actor: string;
      action: string;
      reason: string | null;
      changed: string[] | null;
    }>(this.sql.forPoint, [pointId]);
    // jsonb arrives parsed; SQLite's text column is parsed by hand, with the same null-means-empty rule.
    return rows.map((r) => AuditEntry.parse({ ...r, changed: r.changed ?? [] }));
  }
}
