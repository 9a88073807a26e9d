import type { Db } from './open.ts';

export interface Moderator {
  id: number;
  login: string;
  passwordHash: string;
}

/** Moderator accounts and their sessions; session tokens are stored only as sha256 hashes. */
export class AuthStore {
  constructor(private readonly db: Db) {}

  findModerator(login: string): Moderator | undefined {
    return this.db
      .prepare('SELECT id, login, password_hash AS passwordHash FROM moderators WHERE login = ?')
      .get(login) as Moderator | undefined;
  }

  /** Creates the login, or replaces its password when it exists; says which. */
  upsertModerator(login: string, passwordHash: string, now: string): 'created' | 'updated' {
    const existed = this.findModerator(login) !== undefined;
    this.db
      .prepare(
        `INSERT INTO moderators (login, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      )
      .run(login, passwordHash, now, now);
    if (existed) {
      // A new password ends every open session of that login (the old password may have leaked).
      this.db.prepare('DELETE FROM sessions WHERE moderator_id = (SELECT id FROM moderators WHERE login = ?)').run(login);
    }
    return existed ? 'updated' : 'created';
  }

  createSession(tokenHash: string, moderatorId: number, now: string, expiresAt: string): void {
    // Expired sessions are swept here, on the rare write, rather than by a timer.
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    this.db
      .prepare('INSERT INTO sessions (token_hash, moderator_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, moderatorId, now, expiresAt);
  }

  /** The moderator's login for a live session, or undefined when unknown or expired. */
  sessionLogin(tokenHash: string, now: string): string | undefined {
    return this.db
      .prepare(
        `SELECT m.login FROM sessions s JOIN moderators m ON m.id = s.moderator_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .pluck()
      .get(tokenHash, now) as string | undefined;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }
}
