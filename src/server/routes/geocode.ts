import { Hono, type MiddlewareHandler } from 'hono';
import type { Geocoder } from '../geocode/geocoder.ts';
import { validate } from '../middleware/validate.ts';
import { GeocodeQuery, ReverseQuery } from '../../common/geocode.ts';

/**
 * GET /api/geocode?q= and GET /api/geocode/reverse?lng=&lat=: Kraków addresses and places. Public and rate limited
 * per client (each search may cost an online call when GEOCODER_URL is set).
 */
export function geocodeRoutes(geocoder: Geocoder, limit: MiddlewareHandler) {
  return new Hono()
    .get('/', limit, validate('query', GeocodeQuery), async (c) =>
      c.json(await geocoder.search(c.req.valid('query').q)),
    )
    .get('/reverse', limit, validate('query', ReverseQuery), async (c) => {
      const { lng, lat } = c.req.valid('query');
      return c.json(await geocoder.reverse(lng, lat));
    });
}
