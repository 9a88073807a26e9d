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

/** One fixed window of a counter: how many requests it has seen, and when (ms since the epoch) it starts again. */
export interface RateWindow {
  count: number;
  resetAt: number;
}

/**
 * Where the counters live. In memory for one process (SQLite); in the database when several instances share one
 * address (db/pg/rate-limits.ts), so a client cannot multiply its allowance by the number of instances.
 */
export interface RateCounter {
  /** Counts one request under `key` and returns its window, this request included (a new window when expired). */
  hit(key: string, windowMs: number, now: number): Promise<RateWindow>;
  /** The window so far without counting; undefined when there is none or it has expired. */
  peek(key: string, now: number): Promise<RateWindow | undefined>;
}

/** A counter in this process's memory: a restart forgetting the counts is harmless. */
export class MemoryRateCounter implements RateCounter {
  readonly #windows = new Map<string, RateWindow>();

  async hit(key: string, windowMs: number, now: number): Promise<RateWindow> {
    if (this.#windows.size > 10_000) for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) this.#windows.set(key, (w = { count: 0, resetAt: now + windowMs }));
    w.count += 1;
    return { ...w };
  }

  async peek(key: string, now: number): Promise<RateWindow | undefined> {
    const w = this.#windows.get(key);
    return w && w.resetAt > now ? { ...w } : undefined;
  }
}

export interface RateLimitOptions {
  /** Proxies in front of the app (see clientIp). */
  proxyHops: number;
  now?: () => number;
  /** What is counted per address; a route parameter here limits per address *and* per thing (e.g. per point). */
  key?: (c: Context) => string;
  /** Count only answers with these statuses (e.g. misses, so guessing is slowed and ordinary use is not). */
  counts?: (status: number) => boolean;
  /** Where the counts are kept; a fresh in-memory counter by default. Shared ones are keyed by the limit's name. */
  counter?: RateCounter;
}

/**
 * Fixed-window counter per address. 429 JSON with Retry-After when exceeded; the message names the same wait.
 * A request refused still counts: with a shared counter, checking and counting must be one step, or two instances
 * could each let the last allowed request through.
 */
export function rateLimit(
  name: string,
  limit: RateLimit,
  { proxyHops, now = Date.now, key, counts, counter = new MemoryRateCounter() }: RateLimitOptions,
): MiddlewareHandler {
  return async (c, next) => {
    const t = now();
    const id = `${name}|${clientIp(c, proxyHops)}${key ? `|${key(c)}` : ''}`;
    const w = counts ? await counter.peek(id, t) : await counter.hit(id, limit.windowMs, t);
    // Counting first (hit) sees this request in the count; looking first (peek) does not.
    if (w && w.count > (counts ? limit.max - 1 : limit.max)) {
      const seconds = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      c.header('Retry-After', String(seconds));
      throw new ApiError(429, `too many ${name} requests from your address; try again in ${waitText(seconds)}`);
    }
    await next();
    if (counts?.(c.res.status)) await counter.hit(id, limit.windowMs, t);
  };
}
