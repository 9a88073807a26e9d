import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from '../http-error.ts';

export interface RateLimit {
  /** Requests allowed per window per client address. */
  max: number;
  windowMs: number;
}

/**
 * The client's address. X-Forwarded-For is trusted only behind a proxy we control (config.trustProxy), or anyone
 * could dodge the limit by inventing a header. app.request() in tests has no socket: those share "local".
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/**
 * Fixed-window counter per address, in memory: one process serves everything (architecture.md), and a restart
 * forgetting the counts is harmless. 429 JSON with Retry-After when exceeded.
 */
export function rateLimit(name: string, limit: RateLimit, trustProxy: boolean, now: () => number = Date.now): MiddlewareHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const t = now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    const key = clientIp(c, trustProxy);
    let w = windows.get(key);
    if (!w || w.resetAt <= t) windows.set(key, (w = { count: 0, resetAt: t + limit.windowMs }));
    w.count += 1;
    if (w.count > limit.max) {
      c.header('Retry-After', String(Math.ceil((w.resetAt - t) / 1000)));
      throw new ApiError(429, `too many ${name} requests; try again in a minute`);
    }
    await next();
  };
}
