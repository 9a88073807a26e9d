import type { Db } from './open.ts';

export const STAFF_ACTIONS = [
  'card-edit',
  'view-helper-contact',
  'request-handed-over',
  'request-failed',
  'request-reopened',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export interface StaffAuditEntry {
  at: string;
  actor: string;
  action: StaffAction;
  /** What it concerned: `subarea:<id>` or `contact-request:<id>`; never its content. */
  subject: string;
}

/** Append-only log of staff actions that concern no single point: who did what to which subject, when. */
export class StaffAuditStore {
  constructor(private readonly db: Db) {}

  append(e: StaffAuditEntry): void {
    this.db
      .prepare('INSERT INTO staff_audit (at, actor, action, subject) VALUES (?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.subject);
  }

  forSubject(subject: string): StaffAuditEntry[] {
    return this.db
      .prepare('SELECT at, actor, action, subject FROM staff_audit WHERE subject = ? ORDER BY id')
      .all(subject) as StaffAuditEntry[];
  }
}
