import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http-error.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

/**
 * Throws unless a request authenticated by the staff session cookie may act. The cookie is SameSite=Strict, but a
 * sibling subdomain (another site under krakow.pl, say) is the *same site*, so the browser sends the cookie with a
 * form it posts to us. Hence, for every method that changes something:
 *
 * - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin`;
 * - `Origin`, when sent, must be our own: the public URL (PUBLIC_URL) or the host the request was addressed to;
 * - a body must be JSON. No HTML form can send `application/json`, and a script on another origin cannot without a
 *   CORS preflight, which we never answer.
 *
 * Requests with neither header come from programs, not browsers, and carry no cookie of a victim's. Reads are not
 * checked (another origin cannot read our answers), but none of these answers may be stored by a browser or proxy:
 * they hold moderation data or a staff account.
 */
export function checkCookieRequest(c: Context, publicOrigin: string | null): void {
  c.header('Cache-Control', 'no-store');
  if (SAFE.has(c.req.method)) return;
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin') {
    throw new ApiError(403, `refused: a staff action must come from this site's own pages (Sec-Fetch-Site: ${site})`);
  }
  const origin = c.req.header('Origin');
  // c.req.url is built from the Host header the browser sent (or the test's URL).
  if (origin !== undefined && !isOwnOrigin(origin, new URL(c.req.url).host, publicOrigin)) {
    throw new ApiError(403, `refused: a staff action must come from this site's own pages, not ${origin}`);
  }
  const type = c.req.header('Content-Type');
  const hasBody = Number(c.req.header('Content-Length') ?? 0) > 0 || c.req.header('Transfer-Encoding') !== undefined;
  if ((type !== undefined || hasBody) && !JSON_TYPE.test((type ?? '').split(';')[0]!.trim().toLowerCase())) {
    throw new ApiError(415, 'send the body as JSON (Content-Type: application/json)');
  }
}

function isOwnOrigin(origin: string, host: string, publicOrigin: string | null): boolean {
  if (origin === publicOrigin) return true;
  try {
    // The scheme may differ behind a TLS-terminating proxy (https outside, http inside); the host may not.
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed frame, a file:) or junk
  }
}

/**
 * checkCookieRequest as middleware, for routes that use the session cookie without requireRole (login, logout).
 * Every route behind requireRole (middleware/roles.ts) gets the same check there. A new cookie-authenticated route
 * outside both — another prefix that reads SESSION_COOKIE itself — must use this middleware too:
 * `api.use('/that-prefix/*', cookieRequest(publicOrigin))`; tests/api/same-origin.test.ts tries every staff route.
 */
export const cookieRequest =
  (publicOrigin: string | null): MiddlewareHandler =>
  async (c, next) => {
    checkCookieRequest(c, publicOrigin);
    await next();
  };
