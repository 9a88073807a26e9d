import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import type { Contributions } from '../contributions.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { requireModerator, type ModeratorEnv } from './auth.ts';
import { RejectBody } from '../../shared/moderation.ts';
import { PointId, type PointSchemas } from '../../shared/points.ts';

const IdParam = z.strictObject({ id: PointId });

/** /api/moderation: every endpoint needs a moderator session; every action is audited by Contributions. */
export function moderationRoutes(db: Db, contributions: Contributions, schemas: PointSchemas, now: () => Date, bodyLimitBytes: number) {
  const json = [requireJson, capBody(bodyLimitBytes)] as const;
  return new Hono<ModeratorEnv>()
    .use('*', requireModerator(db, now))
    .get('/queue', (c) => c.json({ points: contributions.queue() }))
    .get('/points/:id', validate('param', IdParam), (c) => c.json(contributions.get(c.req.valid('param').id).record))
    .post('/points/:id/approve', validate('param', IdParam), (c) =>
      c.json(contributions.approve(c.req.valid('param').id, c.var.moderator)),
    )
    .post('/points/:id/reject', ...json, validate('param', IdParam), validate('json', RejectBody), (c) =>
      c.json(contributions.reject(c.req.valid('param').id, c.var.moderator, c.req.valid('json').reason)),
    )
    .patch('/points/:id', ...json, validate('param', IdParam), validate('json', schemas.PointPatch), (c) => {
      const p = contributions.get(c.req.valid('param').id);
      return c.json(contributions.edit(p, c.req.valid('json'), c.var.moderator, true));
    })
    .get('/points/:id/history', validate('param', IdParam), (c) => c.json(contributions.history(c.req.valid('param').id)));
}
