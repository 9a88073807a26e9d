import { Hono, type MiddlewareHandler } from 'hono';
import type { makeNearestHelpQuery, NearestHelpQuery } from '../../common/nearest-help.ts';
import type { PointCollection } from '../../common/points.ts';
import { validate } from '../middleware/validate.ts';

/**
 * GET /api/points/nearest: the help offers nearest a place (server/nearest-help.ts). Mounted before the point routes,
 * whose /:id would take "nearest" for an id. Not cached: every resident asks from their own place, and each answer is
 * a few small reads. Rate-limited with the address search: one is asked on a resident's pause, like the other.
 */
export function nearestHelpRoutes(
  schema: ReturnType<typeof makeNearestHelpQuery>,
  answer: (q: NearestHelpQuery) => Promise<PointCollection>,
  searchLimit: MiddlewareHandler,
) {
  return new Hono().get('/nearest', searchLimit, validate('query', schema), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await answer(c.req.valid('query')));
  });
}
