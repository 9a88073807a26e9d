import { z } from 'zod';
import type { AuthRepository } from './store/types.ts';
import { hashPassword } from './crypto.ts';
import type { Role } from '../common/accounts.ts';
import { SubareaId } from '../common/subareas.ts';

export const MIN_PASSWORD_LENGTH = 10;
const LOGIN = /^[A-Za-z0-9._-]{2,64}$/;

export class AccountError extends Error {
  override name = 'AccountError';
}

export interface AccountSettings {
  login: string;
  password: string;
  role: Role;
  /** Required for an ambassador, refused for the others (they work everywhere). */
  subarea?: string;
  email?: string;
}

/**
 * Creates an account, or replaces an existing login's password, role, subarea and e-mail (and ends its sessions):
 * the same command serves "add a colleague", "she now moderates everywhere" and "I forgot my password".
 */
export async function setAccount(auth: AuthRepository, s: AccountSettings, now = new Date()) {
  if (!LOGIN.test(s.login))
    throw new AccountError(`login must be 2–64 characters: letters, digits, . _ - (got "${s.login}")`);
  if ([...s.password].length < MIN_PASSWORD_LENGTH) {
    throw new AccountError(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (s.password.length > 256) throw new AccountError('password must have at most 256 characters');
  let subarea: SubareaId | null = null;
  if (s.role === 'ambassador') {
    const parsed = SubareaId.safeParse(s.subarea);
    if (!parsed.success)
      throw new AccountError(`an ambassador needs --subarea, one of: ${SubareaId.options.join(', ')}`);
    subarea = parsed.data;
  } else if (s.subarea !== undefined) {
    throw new AccountError(`--subarea is only for ambassadors: a ${s.role} works in every subarea`);
  }
  if (s.email !== undefined && !z.email().safeParse(s.email).success)
    throw new AccountError(`not an e-mail address: "${s.email}"`);
  return auth.upsertAccount(
    { login: s.login, passwordHash: await hashPassword(s.password), role: s.role, subarea, email: s.email ?? null },
    now.toISOString(),
  );
}

/** `npm run moderator:add` (kept as a shortcut): a moderator without an e-mail. */
export const setModeratorPassword = (auth: AuthRepository, login: string, password: string, now = new Date()) =>
  setAccount(auth, { login, password, role: 'moderator' }, now);
