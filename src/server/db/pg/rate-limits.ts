import type { RateCounter, RateWindow } from '../../middleware/rate-limit.ts';
import type { Queryable } from './sql.ts';

/**
 * Rate-limit windows in PostgreSQL (migration 005), shared by every app instance on the database. One statement
 * counts and reads: two instances hitting the same key at once each see a distinct count, never the same one.
 * Times are the app's clock (tests move it), not the database's.
 */
export class PgRateCounter implements RateCounter {
  #lastSweep = 0;

  constructor(private readonly sql: Queryable) {}

  async hit(key: string, windowMs: number, now: number): Promise<RateWindow> {
    const at = new Date(now).toISOString();
    const rows = await this.sql.rows<{ count: number; reset_at: string }>(
      `INSERT INTO rate_limits AS r (key, count, reset_at) VALUES ($1, 1, $3)
       ON CONFLICT (key) DO UPDATE SET
         count    = CASE WHEN r.reset_at <= $2 THEN 1 ELSE r.count + 1 END,
         reset_at = CASE WHEN r.reset_at <= $2 THEN $3 ELSE r.reset_at END
       RETURNING count, reset_at`,
      [key, at, new Date(now + windowMs).toISOString()],
    );
    // Expired windows of clients long gone: swept once a minute per instance, not on every request.
    if (now - this.#lastSweep > 60_000) {
      this.#lastSweep = now;
      await this.sql.count('DELETE FROM rate_limits WHERE reset_at <= $1', [at]);
    }
    return { count: rows[0]!.count, resetAt: Date.parse(rows[0]!.reset_at) };
  }

  async peek(key: string, now: number): Promise<RateWindow | undefined> {
    const rows = await this.sql.rows<{ count: number; reset_at: string }>(
      'SELECT count, reset_at FROM rate_limits WHERE key = $1 AND reset_at > $2',
      [key, new Date(now).toISOString()],
    );
    return rows[0] && { count: rows[0].count, resetAt: Date.parse(rows[0].reset_at) };
  }
}
