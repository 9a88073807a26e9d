import { z } from 'zod';
import { REQUEST_STATUSES, type RequestStatus } from '../../common/contact-requests.ts';
import { SubareaId } from '../../common/subareas.ts';
import type { ContactRequestRepository, MailProgress, RequestRow, StaffAuditEntry } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';
import type { SqliteStaffAuditRepository } from './staff-audit.ts';

const MAIL = z.enum(['none', 'pending', 'sent', 'failed']);
// Rows are checked on the way out like points (db/points.ts): a hand-edited row fails loudly, not in a template.
const Row = z.object({
  id: z.string(),
  pointId: z.string(),
  subarea: SubareaId,
  status: z.enum(REQUEST_STATUSES),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string(),
  shareDirect: z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  ambassadorMail: MAIL,
  helperMail: MAIL,
  mailAttempts: z.number().int(),
  mailNextAt: z.string().nullable(),
});

const SELECT = `SELECT id, point_id AS pointId, subarea, status, name, phone, email, message, share_direct AS shareDirect,
  note, created_at AS createdAt, updated_at AS updatedAt, closed_at AS closedAt, ambassador_mail AS ambassadorMail,
  helper_mail AS helperMail, mail_attempts AS mailAttempts, mail_next_at AS mailNextAt FROM contact_requests`;

/** Contact requests: the only place the resident's name, contact and message are kept. */
export class SqliteContactRequestRepository implements ContactRequestRepository {
  readonly sql = {
    insert: `INSERT INTO contact_requests (id, point_id, subarea, status, name, phone, email, message, share_direct,
      note, created_at, updated_at, closed_at, ambassador_mail, helper_mail, mail_attempts, mail_next_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    get: `${SELECT} WHERE id = ?`,
    inboxAll: `${SELECT} ORDER BY status = 'open' DESC, created_at DESC`,
    inbox: `${SELECT} WHERE subarea = ? ORDER BY status = 'open' DESC, created_at DESC`,
    forPoint: `${SELECT} WHERE point_id = ? ORDER BY created_at DESC`,
    setStatus: 'UPDATE contact_requests SET status = ?, note = ?, updated_at = ?, closed_at = ? WHERE id = ?',
    setMail: `UPDATE contact_requests SET ambassador_mail = ?, helper_mail = ?, mail_attempts = ?, mail_next_at = ?
      WHERE id = ?`,
    mailDue: 'SELECT id FROM contact_requests WHERE mail_next_at IS NOT NULL AND mail_next_at <= ?',
    purge: 'DELETE FROM contact_requests WHERE closed_at IS NOT NULL AND closed_at < ?',
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
    private readonly staffAudit: SqliteStaffAuditRepository,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(this.sql.insert),
      get: p(this.sql.get),
      inboxAll: p(this.sql.inboxAll),
      inbox: p(this.sql.inbox),
      forPoint: p(this.sql.forPoint),
      setStatus: p(this.sql.setStatus),
      setMail: p(this.sql.setMail),
      mailDue: p(this.sql.mailDue).pluck(),
      purge: p(this.sql.purge),
    };
  }

  private parse = (r: unknown): RequestRow => Row.parse(r);

  insert(r: RequestRow): Promise<void> {
    return this.commit.run(() => {
      this.s.insert.run(
        r.id,
        r.pointId,
        r.subarea,
        r.status,
        r.name,
        r.phone,
        r.email,
        r.message,
        r.shareDirect ? 1 : 0,
        r.note,
        r.createdAt,
        r.updatedAt,
        r.closedAt,
        r.ambassadorMail,
        r.helperMail,
        r.mailAttempts,
        r.mailNextAt,
      );
    });
  }

  async get(id: string): Promise<RequestRow | undefined> {
    const r = this.s.get.get(id);
    return r === undefined ? undefined : this.parse(r);
  }

  async inbox(subarea: string | null): Promise<RequestRow[]> {
    return (subarea === null ? this.s.inboxAll.all() : this.s.inbox.all(subarea)).map(this.parse);
  }

  async forPoint(pointId: string): Promise<RequestRow[]> {
    return this.s.forPoint.all(pointId).map(this.parse);
  }

  setStatus(id: string, status: RequestStatus, note: string | null, audit: StaffAuditEntry): Promise<void> {
    return this.commit.run(() => {
      this.s.setStatus.run(status, note, audit.at, status === 'open' ? null : audit.at, id);
      this.staffAudit.appendNow(audit);
    });
  }

  async setMail(id: string, m: MailProgress): Promise<void> {
    await this.commit.run(() => this.s.setMail.run(m.ambassadorMail, m.helperMail, m.mailAttempts, m.mailNextAt, id));
  }

  async mailDue(at: string): Promise<string[]> {
    return this.s.mailDue.all(at) as string[];
  }

  purgeClosedBefore(cutoff: string): Promise<number> {
    return this.commit.run(() => this.s.purge.run(cutoff).changes);
  }
}
