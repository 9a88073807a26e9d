import type { Db } from './db/open.ts';
import { AuthStore } from './db/auth.ts';
import { hashPassword } from './crypto.ts';

export const MIN_PASSWORD_LENGTH = 10;
const LOGIN = /^[A-Za-z0-9._-]{2,64}$/;

export class AccountError extends Error {
  override name = 'AccountError';
}

/**
 * Creates a moderator, or sets a new password for an existing login (and ends its sessions): the same command
 * serves "add a colleague" and "I forgot my password".
 */
export async function setModeratorPassword(db: Db, login: string, password: string, now = new Date()) {
  if (!LOGIN.test(login)) throw new AccountError(`login must be 2–64 characters: letters, digits, . _ - (got "${login}")`);
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AccountError(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 256) throw new AccountError('password must have at most 256 characters');
  return new AuthStore(db).upsertModerator(login, await hashPassword(password), now.toISOString());
}
