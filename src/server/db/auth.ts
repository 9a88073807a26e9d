import type { Account, AccountInput, AuthRepository, SessionAccount } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';

const COLUMNS = 'id, login, password_hash AS passwordHash, role, subarea, email';

/** Staff accounts and their sessions (the table is still called `moderators`: it predates the roles). */
export class SqliteAuthRepository implements AuthRepository {
  readonly sql = {
    find: `SELECT ${COLUMNS} FROM moderators WHERE login = ?`,
    list: `SELECT ${COLUMNS} FROM moderators ORDER BY login`,
    ambassadorEmails: `SELECT email FROM moderators WHERE role = 'ambassador' AND subarea = ? AND email IS NOT NULL
      ORDER BY login`,
    upsert: `INSERT INTO moderators (login, password_hash, role, subarea, email, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
        subarea = excluded.subarea, email = excluded.email, updated_at = excluded.updated_at`,
    endSessions: 'DELETE FROM sessions WHERE moderator_id = (SELECT id FROM moderators WHERE login = ?)',
    sweep: 'DELETE FROM sessions WHERE expires_at <= ?',
    createSession: 'INSERT INTO sessions (token_hash, moderator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    sessionAccount: `SELECT m.login, m.role, m.subarea FROM sessions s JOIN moderators m ON m.id = s.moderator_id
      WHERE s.token_hash = ? AND s.expires_at > ?`,
    deleteSession: 'DELETE FROM sessions WHERE token_hash = ?',
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      find: p(this.sql.find),
      list: p(this.sql.list),
      ambassadorEmails: p(this.sql.ambassadorEmails).pluck(),
      upsert: p(this.sql.upsert),
      endSessions: p(this.sql.endSessions),
      sweep: p(this.sql.sweep),
      createSession: p(this.sql.createSession),
      sessionAccount: p(this.sql.sessionAccount),
      deleteSession: p(this.sql.deleteSession),
    };
  }

  async findAccount(login: string): Promise<Account | undefined> {
    return this.s.find.get(login) as Account | undefined;
  }

  async list(): Promise<Account[]> {
    return this.s.list.all() as Account[];
  }

  async ambassadorEmails(subarea: string): Promise<string[]> {
    return this.s.ambassadorEmails.all(subarea) as string[];
  }

  /**
   * Either way the login's open sessions end: a new password may answer a leak, a new role must not ride on an old
   * session.
   */
  upsertAccount(a: AccountInput, at: string): Promise<'created' | 'updated'> {
    return this.commit.run(() => {
      const existed = this.s.find.get(a.login) !== undefined;
      this.s.upsert.run(a.login, a.passwordHash, a.role, a.subarea, a.email, at, at);
      if (existed) this.s.endSessions.run(a.login);
      return existed ? 'updated' : 'created';
    });
  }

  createSession(tokenHash: string, accountId: number, at: string, expiresAt: string): Promise<void> {
    // Expired sessions are swept here, on the rare write, rather than by a timer.
    return this.commit.run(() => {
      this.s.sweep.run(at);
      this.s.createSession.run(tokenHash, accountId, at, expiresAt);
    });
  }

  async sessionAccount(tokenHash: string, at: string): Promise<SessionAccount | undefined> {
    return this.s.sessionAccount.get(tokenHash, at) as SessionAccount | undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.commit.run(() => this.s.deleteSession.run(tokenHash));
  }
}
