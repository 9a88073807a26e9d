import type { StaffAuditEntry, StaffAuditRepository } from '../../store/types.ts';
import type { PgSql, Queryable } from './sql.ts';

export const STAFF_AUDIT_SQL = {
  // All entries in one statement: the arrays are unnested in order, so ids follow the order given.
  append: `INSERT INTO staff_audit (at, actor, action, subject)
    SELECT at, actor, action, subject FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[])
      WITH ORDINALITY AS e (at, actor, action, subject, i)
    ORDER BY i`,
  forSubject: 'SELECT at, actor, action, subject FROM staff_audit WHERE subject = $1 ORDER BY id',
} as const;

/** Append-only log of staff actions that concern no single point: who did what to which subject, when. */
export class PgStaffAuditRepository implements StaffAuditRepository {
  constructor(private readonly sql: PgSql) {}

  /** With a transaction's connection first: the entries are written inside that transaction (another write's). */
  append(entries: readonly StaffAuditEntry[]): Promise<void>;
  append(q: Queryable, entries: readonly StaffAuditEntry[]): Promise<void>;
  async append(first: Queryable | readonly StaffAuditEntry[], more?: readonly StaffAuditEntry[]): Promise<void> {
    const [q, entries] = Array.isArray(first)
      ? [this.sql, first as readonly StaffAuditEntry[]]
      : [first as Queryable, more ?? []];
    if (!entries.length) return;
    await q.count(STAFF_AUDIT_SQL.append, [
      entries.map((e) => e.at),
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.subject),
    ]);
  }

  async forSubject(subject: string): Promise<StaffAuditEntry[]> {
    return this.sql.rows<StaffAuditEntry>(STAFF_AUDIT_SQL.forSubject, [subject]);
  }
}
