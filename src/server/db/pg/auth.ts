import type { Account, AccountInput, AuthRepository, SessionAccount } from '../../store/types.ts';
import type { PgSql } from './sql.ts';

// Quoted aliases: PostgreSQL folds unquoted names to lower case.
const COLUMNS = 'id, login, password_hash AS "passwordHash", role, subarea, email';

export const AUTH_SQL = {
  find: `SELECT ${COLUMNS} FROM moderators WHERE login = $1`,
  // COLLATE "C": byte order, as SQLite sorts text, whatever the database's locale.
  list: `SELECT ${COLUMNS} FROM moderators ORDER BY login COLLATE "C"`,
  ambassadorEmails: `SELECT email FROM moderators WHERE role = 'ambassador' AND subarea = $1 AND email IS NOT NULL
    ORDER BY login COLLATE "C"`,
  // xmax is 0 only on a row this statement inserted: the one answer that stays right when two requests create the
  // same login at once (a look before the insert would let both say "created").
  upsert: `INSERT INTO moderators (login, password_hash, role, subarea, email, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6)
    ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
      subarea = excluded.subarea, email = excluded.email, updated_at = excluded.updated_at
    RETURNING id, (xmax = 0) AS created`,
  endSessions: 'DELETE FROM sessions WHERE moderator_id = $1',
  sweep: 'DELETE FROM sessions WHERE expires_at <= $1',
  createSession: 'INSERT INTO sessions (token_hash, moderator_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
  sessionAccount: `SELECT m.login, m.role, m.subarea FROM sessions s JOIN moderators m ON m.id = s.moderator_id
    WHERE s.token_hash = $1 AND s.expires_at > $2`,
  deleteSession: 'DELETE FROM sessions WHERE token_hash = $1',
} as const;

/** Staff accounts and their sessions (the table is still called `moderators`: it predates the roles). */
export class PgAuthRepository implements AuthRepository {
  constructor(private readonly sql: PgSql) {}

  async findAccount(login: string): Promise<Account | undefined> {
    const [row] = await this.sql.rows<Account>(AUTH_SQL.find, [login]);
    return row;
  }

  async list(): Promise<Account[]> {
    return this.sql.rows<Account>(AUTH_SQL.list);
  }

  async ambassadorEmails(subarea: string): Promise<string[]> {
    return (await this.sql.rows<{ email: string }>(AUTH_SQL.ambassadorEmails, [subarea])).map((r) => r.email);
  }

  /**
   * Either way the login's open sessions end: a new password may answer a leak, a new role must not ride on an old
   * session. The upsert's row lock keeps a concurrent login from slipping a session in between.
   */
  upsertAccount(a: AccountInput, at: string): Promise<'created' | 'updated'> {
    return this.sql.tx(async (q) => {
      const [row] = await q.rows<{ id: number; created: boolean }>(AUTH_SQL.upsert, [
        a.login,
        a.passwordHash,
        a.role,
        a.subarea,
        a.email,
        at,
      ]);
      if (row!.created) return 'created';
      await q.count(AUTH_SQL.endSessions, [row!.id]);
      return 'updated';
    });
  }

  createSession(tokenHash: string, accountId: number, at: string, expiresAt: string): Promise<void> {
    // Expired sessions are swept here, on the rare write, rather than by a timer.
    return this.sql.tx(async (q) => {
      await q.count(AUTH_SQL.sweep, [at]);
      await q.count(AUTH_SQL.createSession, [tokenHash, accountId, at, expiresAt]);
    });
  }

  async sessionAccount(tokenHash: string, at: string): Promise<SessionAccount | undefined> {
    const [row] = await this.sql.rows<SessionAccount>(AUTH_SQL.sessionAccount, [tokenHash, at]);
    return row;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.count(AUTH_SQL.deleteSession, [tokenHash]);
  }
}
