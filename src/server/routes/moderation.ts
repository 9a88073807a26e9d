import { Hono } from 'hono';
import { z } from 'zod';
import type { Contributions } from '../contributions.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { ALL_STAFF, mayActIn, requireSubarea, type RequireRole, type StaffEnv } from '../middleware/roles.ts';
import { MoveBody, RejectBody, RemoveBody } from '../../common/moderation.ts';
import { PointId, type PointSchemas } from '../../common/points.ts';

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
    requireSubarea('id', async (id) => (await contributions.get(id)).record.subarea),
  ] as const;
  return (
    new Hono<StaffEnv>()
      .use('*', requireRole(...ALL_STAFF))
      .get('/queue', async (c) =>
        c.json({ points: (await contributions.queue()).filter((p) => mayActIn(c.var.account, p.subarea)) }),
      )
      .get('/points/:id', ...point, async (c) => c.json((await contributions.get(c.req.valid('param').id)).record))
      .post('/points/:id/approve', ...point, async (c) =>
        c.json(await contributions.approve(c.req.valid('param').id, c.var.moderator)),
      )
      .post('/points/:id/reject', ...json, ...point, validate('json', RejectBody), async (c) =>
        c.json(await contributions.reject(c.req.valid('param').id, c.var.moderator, c.req.valid('json').reason)),
      )
      // Erases the point at once (a person asking to be removed, content that must go); reject keeps it 30 days.
      .post('/points/:id/remove', ...json, ...point, validate('json', RemoveBody), async (c) =>
        c.json(
          await contributions.moderatorRemove(c.req.valid('param').id, c.var.moderator, c.req.valid('json').reason),
        ),
      )
      // ModeratorPatch, not PointPatch: who offers help, consent and position are the author's (common/points.ts).
      .patch('/points/:id', ...json, ...point, validate('json', schemas.ModeratorPatch), async (c) => {
        const p = await contributions.get(c.req.valid('param').id);
        return c.json(await contributions.moderatorEdit(p, c.req.valid('json'), c.var.moderator));
      })
      .post('/points/:id/move', ...json, ...point, validate('json', MoveBody), async (c) => {
        const p = await contributions.get(c.req.valid('param').id);
        return c.json(await contributions.moderatorMove(p, c.req.valid('json'), c.var.moderator));
      })
      .get('/points/:id/history', ...point, async (c) => c.json(await contributions.history(c.req.valid('param').id)))
  );
}
