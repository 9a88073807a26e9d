import { z } from 'zod';
import { REQUEST_STATUSES, type RequestStatus } from '../../../common/contact-requests.ts';
import { SubareaId } from '../../../common/subareas.ts';
import type { ContactRequestRepository, MailProgress, RequestRow, StaffAuditEntry } from '../../store/types.ts';
import type { PgSql } from './sql.ts';
import type { PgStaffAuditRepository } from './staff-audit.ts';

const MAIL = z.enum(['none', 'pending', 'sent', 'failed']);
// Rows are checked on the way out like points: a hand-edited row fails loudly, not in a template.
const Row = z.object({
  id: z.string(),
  pointId: z.string(),
  subarea: SubareaId,
  status: z.enum(REQUEST_STATUSES),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  message: z.string(),
  shareDirect: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  ambassadorMail: MAIL,
  helperMail: MAIL,
  mailAttempts: z.number().int(),
  mailNextAt: z.string().nullable(),
});

const SELECT = `SELECT id, point_id AS "pointId", subarea, status, name, phone, email, message,
  share_direct AS "shareDirect", note, created_at AS "createdAt", updated_at AS "updatedAt", closed_at AS "closedAt",
  ambassador_mail AS "ambassadorMail", helper_mail AS "helperMail", mail_attempts AS "mailAttempts",
  mail_next_at AS "mailNextAt" FROM contact_requests`;

export const CONTACT_REQUEST_SQL = {
  insert: `INSERT INTO contact_requests (id, point_id, subarea, status, name, phone, email, message, share_direct,
    note, created_at, updated_at, closed_at, ambassador_mail, helper_mail, mail_attempts, mail_next_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
  get: `${SELECT} WHERE id = $1`,
  // true sorts after false: DESC puts the open ones first.
  inboxAll: `${SELECT} ORDER BY status = 'open' DESC, created_at DESC`,
  inbox: `${SELECT} WHERE subarea = $1 ORDER BY status = 'open' DESC, created_at DESC`,
  forPoint: `${SELECT} WHERE point_id = $1 ORDER BY created_at DESC`,
  setStatus: 'UPDATE contact_requests SET status = $1, note = $2, updated_at = $3, closed_at = $4 WHERE id = $5',
  setMail: `UPDATE contact_requests SET ambassador_mail = $1, helper_mail = $2, mail_attempts = $3,
    mail_next_at = $4 WHERE id = $5`,
  // The order of the partial index, as SQLite walks its own index on mail_next_at.
  mailDue: `SELECT id FROM contact_requests WHERE mail_next_at IS NOT NULL AND mail_next_at <= $1
    ORDER BY mail_next_at, id COLLATE "C"`,
  purge: 'DELETE FROM contact_requests WHERE closed_at IS NOT NULL AND closed_at < $1',
} as const;

/** Contact requests: the only place the resident's name, contact and message are kept. */
export class PgContactRequestRepository implements ContactRequestRepository {
  constructor(
    private readonly sql: PgSql,
    private readonly staffAudit: PgStaffAuditRepository,
  ) {}

  private parse = (r: unknown): RequestRow => Row.parse(r);

  async insert(r: RequestRow): Promise<void> {
    await this.sql.count(CONTACT_REQUEST_SQL.insert, [
      r.id,
      r.pointId,
      r.subarea,
      r.status,
      r.name,
      r.phone,
      r.email,
      r.message,
      r.shareDirect,
      r.note,
      r.createdAt,
      r.updatedAt,
      r.closedAt,
      r.ambassadorMail,
      r.helperMail,
      r.mailAttempts,
      r.mailNextAt,
    ]);
  }

  async get(id: string): Promise<RequestRow | undefined> {
    const [r] = await this.sql.rows(CONTACT_REQUEST_SQL.get, [id]);
    return r === undefined ? undefined : this.parse(r);
  }

  async inbox(subarea: string | null): Promise<RequestRow[]> {
    const rows =
      subarea === null
        ? await this.sql.rows(CONTACT_REQUEST_SQL.inboxAll)
        : await this.sql.rows(CONTACT_REQUEST_SQL.inbox, [subarea]);
    return rows.map(this.parse);
  }

  async forPoint(pointId: string): Promise<RequestRow[]> {
    return (await this.sql.rows(CONTACT_REQUEST_SQL.forPoint, [pointId])).map(this.parse);
  }

  setStatus(id: string, status: RequestStatus, note: string | null, audit: StaffAuditEntry): Promise<void> {
    return this.sql.tx(async (q) => {
      await q.count(CONTACT_REQUEST_SQL.setStatus, [status, note, audit.at, status === 'open' ? null : audit.at, id]);
      await this.staffAudit.append(q, [audit]);
    });
  }

  async setMail(id: string, m: MailProgress): Promise<void> {
    await this.sql.count(CONTACT_REQUEST_SQL.setMail, [
      m.ambassadorMail,
      m.helperMail,
      m.mailAttempts,
      m.mailNextAt,
      id,
    ]);
  }

  async mailDue(at: string): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(CONTACT_REQUEST_SQL.mailDue, [at])).map((r) => r.id);
  }

  purgeClosedBefore(cutoff: string): Promise<number> {
    return this.sql.count(CONTACT_REQUEST_SQL.purge, [cutoff]);
  }
}
