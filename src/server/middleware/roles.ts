import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AuthRepository, SessionAccount } from '../store/types.ts';
import { sha256 } from '../crypto.ts';
import { ApiError } from '../http-error.ts';
import { checkCookieRequest } from './same-origin.ts';
import type { Role } from '../../common/accounts.ts';

export const SESSION_COOKIE = 'mapa_session';

/** `account`: the logged-in staff account; `moderator`: its login, the actor name the audit log records. */
export type StaffEnv = { Variables: { account: SessionAccount; moderator: string } };

/** Everyone with an account: what each may touch is then narrowed per subarea (mayActIn). */
export const ALL_STAFF: readonly Role[] = ['admin', 'moderator', 'ambassador'];

/** The account behind the request's session cookie, or undefined. */
export async function sessionOf(
  c: Context,
  store: AuthRepository,
  now: () => Date,
): Promise<SessionAccount | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? store.sessionAccount(sha256(token), now().toISOString()) : undefined;
}

/**
 * The one place roles are checked: `requireRole('admin', 'ambassador')` answers 401 without a live session and 403
 * for any other role, and puts the account in c.var. Built once per app over its account store. Being cookie-
 * authenticated, every such route also refuses changes from other origins and is never cached (checkCookieRequest);
 * `publicOrigin` is PUBLIC_URL's origin, or null.
 */
export function roleGuard(store: AuthRepository, now: () => Date, publicOrigin: string | null = null) {
  return (...roles: readonly Role[]) =>
    createMiddleware<StaffEnv>(async (c, next) => {
      checkCookieRequest(c, publicOrigin);
      const account = await sessionOf(c, store, now);
      if (!account) throw new ApiError(401, 'login required');
      if (!roles.includes(account.role)) throw new ApiError(403, `this needs one of the roles: ${roles.join(', ')}`);
      c.set('account', account);
      c.set('moderator', account.login);
      await next();
    });
}
export type RequireRole = ReturnType<typeof roleGuard>;

/** Admins and moderators work everywhere; an ambassador only in their own subarea (never outside every subarea). */
export function mayActIn(account: SessionAccount, subarea: string | null): boolean {
  return account.role !== 'ambassador' || (subarea !== null && account.subarea === subarea);
}

export function assertSubarea(account: SessionAccount, subarea: string | null): void {
  if (!mayActIn(account, subarea)) throw new ApiError(403, `your account works only in the subarea ${account.subarea}`);
}

/**
 * After requireRole and after the path parameter `param` is validated: 403 unless the account may act in the subarea
 * the resource belongs to. `subareaOf` looks the resource up (and may throw its own 404).
 */
export function requireSubarea(
  param: string,
  subareaOf: (value: string) => string | null | Promise<string | null>,
): MiddlewareHandler<StaffEnv> {
  return createMiddleware<StaffEnv>(async (c, next) => {
    const value = c.req.param(param);
    if (value === undefined) throw new Error(`requireSubarea: the route has no :${param} parameter`);
    assertSubarea(c.var.account, await subareaOf(value));
    await next();
  });
}
