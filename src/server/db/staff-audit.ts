import type { StaffAuditEntry, StaffAuditRepository } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';

/** Append-only log of staff actions that concern no single point: who did what to which subject, when. */
export class SqliteStaffAuditRepository implements StaffAuditRepository {
  readonly sql = {
    append: 'INSERT INTO staff_audit (at, actor, action, subject) VALUES (?, ?, ?, ?)',
    forSubject: 'SELECT at, actor, action, subject FROM staff_audit WHERE subject = ? ORDER BY id',
  };
  private readonly insert;
  private readonly select;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
  ) {
    this.insert = db.prepare(this.sql.append);
    this.select = db.prepare(this.sql.forSubject);
  }

  /** Synchronous: only for use inside another repository's write. */
  appendNow(e: StaffAuditEntry): void {
    this.insert.run(e.at, e.actor, e.action, e.subject);
  }

  async append(entries: readonly StaffAuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.commit.run(() => entries.forEach((e) => this.appendNow(e)));
  }

  async forSubject(subject: string): Promise<StaffAuditEntry[]> {
    return this.select.all(subject) as StaffAuditEntry[];
  }
}
