import { Hono } from 'hono';
import { z } from 'zod';
import type { Contributions } from '../contributions.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { ALL_STAFF, mayActIn, requireSubarea, type RequireRole, type StaffEnv } from '../middleware/roles.ts';
import { MoveBody, RejectBody, RemoveBody } from '../../shared/moderation.ts';
import { PointId, type PointSchemas } from '../../shared/points.ts';

const IdParam = z.strictObject({ id: PointId });

/**
 * /api/moderation: every endpoint needs a staff session; ambassadors see and act on their own subarea's points only.
 * Every action is audited by Contributions.
 */
export function moderationRoutes(
  requireRole: RequireRole,
  contributions: Contributions,
  schemas: PointSchemas,
  bodyLimitBytes: number,
) {
  const json = [requireJson, capBody(bodyLimitBytes)] as const;
  const point = [
    validate('param', IdParam),
    requireSubarea('id', (id) => contributions.get(id).record.subarea),
  ] as const;
  return (
    new Hono<StaffEnv>()
      .use('*', requireRole(...ALL_STAFF))
      .get('/queue', (c) => c.json({ points: contributions.queue().filter((p) => mayActIn(c.var.account, p.subarea)) }))
      .get('/points/:id', ...point, (c) => c.json(contributions.get(c.req.valid('param').id).record))
      .post('/points/:id/approve', ...point, (c) =>
        c.json(contributions.approve(c.req.valid('param').id, c.var.moderator)),
      )
      .post('/points/:id/reject', ...json, ...point, validate('json', RejectBody), (c) =>
        c.json(contributions.reject(c.req.valid('param').id, c.var.moderator, c.req.valid('json').reason)),
      )
      // Erases the point at once (a person asking to be removed, content that must go); reject keeps it 30 days.
      .post('/points/:id/remove', ...json, ...point, validate('json', RemoveBody), (c) =>
        c.json(contributions.moderatorRemove(c.req.valid('param').id, c.var.moderator, c.req.valid('json').reason)),
      )
      // ModeratorPatch, not PointPatch: who offers help, consent and position are the author's (shared/points.ts).
      .patch('/points/:id', ...json, ...point, validate('json', schemas.ModeratorPatch), (c) => {
        const p = contributions.get(c.req.valid('param').id);
        return c.json(contributions.moderatorEdit(p, c.req.valid('json'), c.var.moderator));
      })
      .post('/points/:id/move', ...json, ...point, validate('json', MoveBody), (c) => {
        const p = contributions.get(c.req.valid('param').id);
        return c.json(contributions.moderatorMove(p, c.req.valid('json'), c.var.moderator));
      })
      .get('/points/:id/history', ...point, (c) => c.json(contributions.history(c.req.valid('param').id)))
  );
}
