import { Hono } from 'hono';
import { z } from 'zod';
import { ActivityId, ActivityInput, ActivityPatch, ActivityQuery } from '../../common/activities.ts';
import type { Activities } from '../activities.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import type { RequireRole, StaffEnv } from '../middleware/roles.ts';
import type { CalendarOptions } from '../ical.ts';
import { icsResponse } from './calendar.ts';
import { toICalendar } from '../ical.ts';

const IdParam = z.strictObject({ id: ActivityId });

export interface ActivityRouteDeps {
  activities: Activities;
  requireRole: RequireRole;
  calendar: CalendarOptions;
}

/** /api/activities: public reading (and a single-event .ics); writing for the subarea's ambassador or an admin. */
export function activityRoutes({ activities, requireRole, calendar }: ActivityRouteDeps) {
  // The subarea's ambassador and admins; moderators review residents' pins, not the ambassadors' programme.
  const editor = requireRole('admin', 'ambassador');
  const json = [requireJson, capBody(16_384)] as const;
  return new Hono<StaffEnv>()
    .get('/', validate('query', ActivityQuery), async (c) =>
      c.json({ activities: await activities.list(c.req.valid('query')) }),
    )
    .post('/', editor, ...json, validate('json', ActivityInput), async (c) =>
      c.json(await activities.create(c.req.valid('json'), c.var.account), 201),
    )
    .get('/:id', validate('param', IdParam), async (c) => c.json(await activities.require(c.req.valid('param').id)))
    .get('/:id/calendar.ics', validate('param', IdParam), async (c) => {
      const activity = await activities.require(c.req.valid('param').id);
      return icsResponse(
        toICalendar([activity], { ...calendar, name: activity.title }),
        `wydarzenie-${activity.id}.ics`,
        true,
      );
    })
    .get('/:id/history', editor, validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ entries: await activities.history(id, c.var.account) });
    })
    .patch('/:id', editor, ...json, validate('param', IdParam), validate('json', ActivityPatch), async (c) =>
      c.json(await activities.patch(c.req.valid('param').id, c.req.valid('json'), c.var.account)),
    )
    .delete('/:id', editor, validate('param', IdParam), async (c) => {
      await activities.remove(c.req.valid('param').id, c.var.account);
      return c.json({ ok: true as const });
    });
}
