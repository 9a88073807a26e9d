import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/open.ts';
import { AuthStore } from '../db/auth.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../crypto.ts';
import { ApiError } from '../http-error.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { LoginBody } from '../../shared/moderation.ts';

export const SESSION_COOKIE = 'mapa_session';

export interface SessionOptions {
  ttlMs: number;
  secureCookies: boolean;
  now: () => Date;
}

export type ModeratorEnv = { Variables: { moderator: string } };

/** 401 unless the request carries a live moderator session; puts the login in c.var.moderator. */
export function requireModerator(db: Db, now: () => Date) {
  const store = new AuthStore(db);
  return createMiddleware<ModeratorEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const login = token ? store.sessionLogin(sha256(token), now().toISOString()) : undefined;
    if (!login) throw new ApiError(401, 'moderator login required');
    c.set('moderator', login);
    await next();
  });
}

// Checked against when the login is unknown, so a wrong login costs as long as a wrong password (no enumeration).
const DUMMY_HASH = hashPassword('not a real password — timing equaliser');

/** /api/auth: moderator sessions in an HttpOnly, SameSite=Strict cookie (issue 3). */
export function authRoutes(db: Db, opts: SessionOptions, loginLimit: MiddlewareHandler) {
  const store = new AuthStore(db);
  return new Hono<ModeratorEnv>()
    .post('/login', loginLimit, requireJson, capBody(4096), validate('json', LoginBody), async (c) => {
      const { login, password } = c.req.valid('json');
      const moderator = store.findModerator(login);
      const ok = await verifyPassword(password, moderator?.passwordHash ?? (await DUMMY_HASH));
      if (!moderator || !ok) throw new ApiError(401, 'wrong login or password');
      const token = randomToken();
      const now = opts.now();
      const expires = new Date(now.getTime() + opts.ttlMs);
      store.createSession(sha256(token), moderator.id, now.toISOString(), expires.toISOString());
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true, sameSite: 'Strict', secure: opts.secureCookies, path: '/api', expires,
      });
      return c.json({ login: moderator.login });
    })
    .post('/logout', (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) store.deleteSession(sha256(token));
      deleteCookie(c, SESSION_COOKIE, { path: '/api', secure: opts.secureCookies });
      return c.json({ ok: true as const });
    })
    .get('/me', requireModerator(db, opts.now), (c) => c.json({ login: c.var.moderator }));
}
