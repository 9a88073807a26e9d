import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { ContactRequests } from '../contact-requests.ts';
import { validate } from '../middleware/validate.ts';
import { bearer, capBody, noStore, requireJson } from '../middleware/guards.ts';
import { ContactRequestCreate } from '../../common/contact-requests.ts';
import { PointId } from '../../common/points.ts';

const IdParam = z.strictObject({ id: PointId });

/**
 * /api/points/:id/contact-requests. POST (public, rate limited): a resident asks the subarea's ambassador to connect
 * them with the offer's helper; the answer echoes nothing the resident typed. GET (edit token): the helper sees that
 * people asked, when, and the status — never who.
 */
export function contactRequestRoutes(requests: ContactRequests, limit: MiddlewareHandler) {
  return new Hono()
    .post(
      '/:id/contact-requests',
      limit,
      requireJson,
      capBody(8192),
      validate('param', IdParam),
      validate('json', ContactRequestCreate),
      async (c) => c.json(await requests.create(c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .get('/:id/contact-requests', noStore, validate('param', IdParam), async (c) =>
      c.json(await requests.forHelper(c.req.valid('param').id, bearer(c))),
    );
}
