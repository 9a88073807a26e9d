import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthRepository } from '../store/types.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../crypto.ts';
import { ApiError } from '../http-error.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { ALL_STAFF, SESSION_COOKIE, type RequireRole, type StaffEnv } from '../middleware/roles.ts';
import { LoginBody } from '../../common/moderation.ts';
import type { Me } from '../../common/accounts.ts';

export { SESSION_COOKIE };

export interface SessionOptions {
  ttlMs: number;
  secureCookies: boolean;
  now: () => Date;
}

// Checked against when the login is unknown, so a wrong login costs as long as a wrong password (no enumeration).
const DUMMY_HASH = hashPassword('not a real password — timing equaliser');

/** /api/auth: staff sessions in an HttpOnly, SameSite=Strict cookie. */
export function authRoutes(
  store: AuthRepository,
  requireRole: RequireRole,
  opts: SessionOptions,
  loginLimit: MiddlewareHandler,
) {
  return new Hono<StaffEnv>()
    .post('/login', loginLimit, requireJson, capBody(4096), validate('json', LoginBody), async (c) => {
      const { login, password } = c.req.valid('json');
      const account = await store.findAccount(login);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await DUMMY_HASH));
      if (!account || !ok) throw new ApiError(401, 'wrong login or password');
      const token = randomToken();
      const now = opts.now();
      const expires = new Date(now.getTime() + opts.ttlMs);
      await store.createSession(sha256(token), account.id, now.toISOString(), expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: opts.secureCookies,
        path: '/api',
        expires,
      });
      return c.json({ login: account.login, role: account.role, subarea: account.subarea } satisfies Me);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await store.deleteSession(sha256(token));
      deleteCookie(c, SESSION_COOKIE, { path: '/api', secure: opts.secureCookies });
      return c.json({ ok: true as const });
    })
    .get('/me', requireRole(...ALL_STAFF), (c) => {
      const { login, role, subarea } = c.var.account;
      return c.json({ login, role, subarea } satisfies Me);
    });
}
