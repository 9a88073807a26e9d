import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from '../http-error.ts';

export interface RateLimit {
  /** Requests allowed per window per client address. */
  max: number;
  windowMs: number;
}

/**
 * The client's address. `proxyHops` is how many reverse proxies of our own stand in front of the app (TRUST_PROXY).
 * Each proxy appends the address it was connected from to X-Forwarded-For, so only the last `proxyHops` entries were
 * written by someone we trust; everything to their left is whatever the client sent. The client is therefore the
 * entry `proxyHops` from the right — never the leftmost, which anyone can set to dodge every limit. With fewer entries
 * than hops (a proxy that was skipped) the leftmost is still one a proxy wrote. 0 hops: the socket's address.
 * app.request() in tests has no socket: those share "local".
 */
export function clientIp(c: Context, proxyHops: number): string {
  if (proxyHops > 0) {
    const entries = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const picked = entries[Math.max(0, entries.length - proxyHops)];
    if (picked) return picked;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** "5 seconds", "3 minutes", "2 hours": the wait a 429 names, rounded up so it is never shorter than Retry-After. */
export function waitText(seconds: number): string {
  const [n, unit] =
    seconds < 120
      ? [seconds, 'second']
      : seconds < 7200
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export interface RateLimitOptions {
  /** Proxies in front of the app (see clientIp). */
  proxyHops: number;
  now?: () => number;
  /** What is counted per address; a route parameter here limits per address *and* per thing (e.g. per point). */
  key?: (c: Context) => string;
  /** Count only answers with these statuses (e.g. misses, so guessing is slowed and ordinary use is not). */
  counts?: (status: number) => boolean;
}

/**
 * Fixed-window counter per address, in memory: one process serves everything (docs/architecture.md), and a restart
 * forgetting the counts is harmless. 429 JSON with Retry-After when exceeded; the message names the same wait.
 */
export function rateLimit(
  name: string,
  limit: RateLimit,
  { proxyHops, now = Date.now, key, counts }: RateLimitOptions,
): MiddlewareHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const t = now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    const id = clientIp(c, proxyHops) + (key ? `|${key(c)}` : '');
    let w = windows.get(id);
    if (!w || w.resetAt <= t) windows.set(id, (w = { count: 0, resetAt: t + limit.windowMs }));
    if (w.count >= limit.max) {
      const seconds = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      c.header('Retry-After', String(seconds));
      throw new ApiError(429, `too many ${name} requests from your address; try again in ${waitText(seconds)}`);
    }
    if (!counts) w.count += 1;
    await next();
    if (counts?.(c.res.status)) w.count += 1;
  };
}
