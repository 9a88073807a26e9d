import type { Db } from './open.ts';
import type { Role } from '../../shared/accounts.ts';
import type { SubareaId } from '../../shared/subareas.ts';

/** A staff account as stored (the table is still called `moderators`: it predates the roles). */
export interface Account {
  id: number;
  login: string;
  passwordHash: string;
  role: Role;
  subarea: SubareaId | null;
  email: string | null;
}

/** What a live session grants: who, in which role, where. */
export type SessionAccount = Pick<Account, 'login' | 'role' | 'subarea'>;

export interface AccountInput {
  login: string;
  passwordHash: string;
  role: Role;
  subarea: SubareaId | null;
  email: string | null;
}

const COLUMNS = 'id, login, password_hash AS passwordHash, role, subarea, email';

/** Staff accounts and their sessions; session tokens are stored only as sha256 hashes. */
export class AuthStore {
  constructor(private readonly db: Db) {}

  findAccount(login: string): Account | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM moderators WHERE login = ?`).get(login) as Account | undefined;
  }

  list(): Account[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM moderators ORDER BY login`).all() as Account[];
  }

  /** E-mail addresses of the ambassadors of one subarea (where new contact requests are announced). */
  ambassadorEmails(subarea: string): string[] {
    return this.db
      .prepare(
        `SELECT email FROM moderators WHERE role = 'ambassador' AND subarea = ? AND email IS NOT NULL ORDER BY login`,
      )
      .pluck()
      .all(subarea) as string[];
  }

  /**
   * Creates the login, or replaces its password, role, subarea and e-mail when it exists; says which. Either way the
   * login's open sessions end: a new password may answer a leak, a new role must not ride on an old session.
   */
  upsertAccount(a: AccountInput, now: string): 'created' | 'updated' {
    const existed = this.findAccount(a.login) !== undefined;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO moderators (login, password_hash, role, subarea, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
             subarea = excluded.subarea, email = excluded.email, updated_at = excluded.updated_at`,
        )
        .run(a.login, a.passwordHash, a.role, a.subarea, a.email, now, now);
      if (existed) {
        this.db
          .prepare('DELETE FROM sessions WHERE moderator_id = (SELECT id FROM moderators WHERE login = ?)')
          .run(a.login);
      }
    })();
    return existed ? 'updated' : 'created';
  }

  createSession(tokenHash: string, accountId: number, now: string, expiresAt: string): void {
    // Expired sessions are swept here, on the rare write, rather than by a timer.
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    this.db
      .prepare('INSERT INTO sessions (token_hash, moderator_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, accountId, now, expiresAt);
  }

  /** The account behind a live session, or undefined when unknown or expired. */
  sessionAccount(tokenHash: string, now: string): SessionAccount | undefined {
    return this.db
      .prepare(
        `SELECT m.login, m.role, m.subarea FROM sessions s JOIN moderators m ON m.id = s.moderator_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(tokenHash, now) as SessionAccount | undefined;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }
}
