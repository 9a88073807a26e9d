import type { Db } from './open.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../shared/contact-requests.ts';
import { SubareaId } from '../../shared/subareas.ts';
import { z } from 'zod';

export type MailState = 'none' | 'pending' | 'sent' | 'failed';

export interface RequestRow {
  id: string;
  pointId: string;
  subarea: SubareaId;
  status: RequestStatus;
  name: string;
  phone: string | null;
  email: string | null;
  message: string;
  shareDirect: boolean;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  ambassadorMail: MailState;
  helperMail: MailState;
  mailAttempts: number;
  mailNextAt: string | null;
}

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
export class ContactRequestStore {
  constructor(private readonly db: Db) {}

  private parse = (r: unknown): RequestRow => Row.parse(r);

  insert(r: RequestRow): void {
    this.db
      .prepare(
        `INSERT INTO contact_requests (id, point_id, subarea, status, name, phone, email, message, share_direct, note,
           created_at, updated_at, closed_at, ambassador_mail, helper_mail, mail_attempts, mail_next_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
  }

  get(id: string): RequestRow | undefined {
    const r = this.db.prepare(`${SELECT} WHERE id = ?`).get(id);
    return r === undefined ? undefined : this.parse(r);
  }

  /** Newest first; open ones before closed ones. `subarea` null: every subarea (admin). */
  inbox(subarea: string | null): RequestRow[] {
    const order = `ORDER BY status = 'open' DESC, created_at DESC`;
    const rows =
      subarea === null
        ? this.db.prepare(`${SELECT} ${order}`).all()
        : this.db.prepare(`${SELECT} WHERE subarea = ? ${order}`).all(subarea);
    return rows.map(this.parse);
  }

  forPoint(pointId: string): RequestRow[] {
    return this.db.prepare(`${SELECT} WHERE point_id = ? ORDER BY created_at DESC`).all(pointId).map(this.parse);
  }

  setStatus(id: string, status: RequestStatus, note: string | null, at: string): void {
    this.db
      .prepare('UPDATE contact_requests SET status = ?, note = ?, updated_at = ?, closed_at = ? WHERE id = ?')
      .run(status, note, at, status === 'open' ? null : at, id);
  }

  setMail(id: string, m: Pick<RequestRow, 'ambassadorMail' | 'helperMail' | 'mailAttempts' | 'mailNextAt'>): void {
    this.db
      .prepare(
        'UPDATE contact_requests SET ambassador_mail = ?, helper_mail = ?, mail_attempts = ?, mail_next_at = ? WHERE id = ?',
      )
      .run(m.ambassadorMail, m.helperMail, m.mailAttempts, m.mailNextAt, id);
  }

  /** Requests whose notices are due for another attempt. */
  mailDue(now: string): string[] {
    return this.db
      .prepare('SELECT id FROM contact_requests WHERE mail_next_at IS NOT NULL AND mail_next_at <= ?')
      .pluck()
      .all(now) as string[];
  }

  /** Erases requests closed before `cutoff`; returns how many. */
  purgeClosedBefore(cutoff: string): number {
    return this.db.prepare('DELETE FROM contact_requests WHERE closed_at IS NOT NULL AND closed_at < ?').run(cutoff)
      .changes;
  }
}
