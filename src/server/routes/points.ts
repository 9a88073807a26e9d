import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Contributions } from '../contributions.ts';
import type { WalkSessions } from '../walk-sessions.ts';
import { ApiError } from '../http-error.ts';
import { validate } from '../middleware/validate.ts';
import { bearer, capBody, noStore, requireJson } from '../middleware/guards.ts';
import { PointChangesQuery, PointId, PointsQuery, type PointSchemas } from '../../common/points.ts';
import type { PublicReads } from '../public-reads.ts';
import { sendCached } from '../answer-cache.ts';

const IdParam = z.strictObject({ id: PointId });
// Long and random (a UUID or better): the key also seals the replayed edit token (db/idempotency.ts).
const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{16,200}$/, 'Idempotency-Key: 16–200 characters [A-Za-z0-9_.:-], e.g. a UUID');
const DeviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'X-Device-Id: 16–128 characters [A-Za-z0-9_-], a random id kept by the device');

function headerValue(schema: z.ZodString, name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const r = schema.safeParse(value);
  if (!r.success)
    throw new ApiError(400, `invalid ${name} header`, [{ path: name, message: r.error.issues[0]!.message }]);
  return r.data;
}

export interface PointRouteDeps {
  contributions: Contributions;
  /** Pins sent with a walk session code go through it: unknown codes refused, immediate ones published. */
  sessions: WalkSessions;
  schemas: PointSchemas;
  /** Published lists cached per data version (ETag, 304) and the changes after a version. */
  reads: PublicReads;
  bodyLimitBytes: number;
  writeLimit: MiddlewareHandler;
  voteLimit: MiddlewareHandler;
  /** Per address and point: a device id is free to invent, an address is not. */
  votePerPointLimit: MiddlewareHandler;
}

/** /api/points: residents' contributions without an account. */
export function pointRoutes({
  contributions,
  sessions,
  schemas,
  reads,
  bodyLimitBytes,
  writeLimit,
  voteLimit,
  votePerPointLimit,
}: PointRouteDeps) {
  // Every write answers its author (the token on creation, the full record after an edit): never cached.
  const body = [noStore, writeLimit, requireJson, capBody(bodyLimitBytes)] as const;
  return (
    new Hono()
      .get('/', validate('query', PointsQuery), async (c) => {
        const q = c.req.valid('query');
        reads.fast.remember(c.req.url, q);
        return sendCached(c, await reads.points(q));
      })
      // Before /:id, which would take "changes" for an id. A reconnecting map asks for this instead of both lists.
      .get('/changes', validate('query', PointChangesQuery), async (c) => {
        const { since, layer } = c.req.valid('query');
        c.header('Cache-Control', 'no-store');
        return c.json(await reads.changesSince(since, layer));
      })
      .post('/', ...body, validate('json', schemas.PointCreate), async (c) => {
        const key = headerValue(IdempotencyKey, 'Idempotency-Key', c.req.header('Idempotency-Key'));
        const { answer, replayed } = await sessions.createPoint(c.req.valid('json'), key);
        if (replayed) c.header('Idempotent-Replayed', 'true');
        return c.json(answer, 201);
      })
      .get('/:id', validate('param', IdParam), async (c) => {
        const id = c.req.valid('param').id;
        const token = bearer(c);
        // With a token: the author's full point in any status. Without: the public projection, if published.
        if (token === undefined) return c.json(await contributions.publicOne(id));
        c.header('Cache-Control', 'no-store');
        return c.json((await contributions.own(id, token)).record);
      })
      .patch('/:id', ...body, validate('param', IdParam), validate('json', schemas.PointPatch), async (c) => {
        const p = await contributions.own(c.req.valid('param').id, bearer(c));
        return c.json(await contributions.edit(p, c.req.valid('json')));
      })
      .delete('/:id', noStore, writeLimit, validate('param', IdParam), async (c) => {
        const p = await contributions.own(c.req.valid('param').id, bearer(c));
        const after = await contributions.remove(p);
        return c.json({ id: after.id, status: after.status });
      })
      .post('/:id/votes', voteLimit, votePerPointLimit, validate('param', IdParam), async (c) => {
        const device = headerValue(DeviceId, 'X-Device-Id', c.req.header('X-Device-Id'));
        if (!device)
          throw new ApiError(400, 'X-Device-Id header required', [{ path: 'X-Device-Id', message: 'required' }]);
        // 200 both times: a repeated vote is not an error, `counted` says whether it added one.
        return c.json(await contributions.vote(c.req.valid('param').id, device));
      })
  );
}
