import { Hono } from 'hono';
import { isHealthy, type Db } from '../db/open.ts';

export function healthRoutes(db: Db) {
  return new Hono().get('/', (c) => {
    try {
      if (isHealthy(db)) return c.json({ ok: true as const });
    } catch (e) {
      console.error('health check: database did not answer', e);
    }
    return c.json({ ok: false as const, error: 'database unavailable' }, 503);
  });
}
