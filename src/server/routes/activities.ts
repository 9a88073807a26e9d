import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { ActivityId, ActivityInput, ActivityPatch, ActivityQuery } from '../../shared/activities.ts';
import type { Activities, ActivityEditor } from '../activities.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import type { ModeratorEnv } from './auth.ts';
import type { CalendarOptions } from '../ical.ts';
import { icsResponse } from './calendar.ts';
import { toICalendar } from '../ical.ts';

export type EditorEnv = { Variables: { editor: ActivityEditor } };

/**
 * Who may write activities, decided here and nowhere else: today a signed-in moderator acts for every subarea.
 * Runs after the session guard, which put the login in c.var.moderator.
 */
const moderatorAsEditor = createMiddleware<ModeratorEnv & EditorEnv>(async (c, next) => {
  c.set('editor', { login: c.var.moderator, scope: 'all' });
  await next();
});

const IdParam = z.strictObject({ id: ActivityId });

export interface ActivityRouteDeps {
  activities: Activities;
  /** The session guard (401 without a live session); the editor's scope is derived from it below. */
  session: MiddlewareHandler<ModeratorEnv>;
  calendar: (c: Context) => CalendarOptions;
}

/** /api/activities: public reading (and a single-event .ics); writing for the subarea's ambassador or an admin. */
export function activityRoutes({ activities, session, calendar }: ActivityRouteDeps) {
  const editor = [session, moderatorAsEditor] as const;
  const json = [requireJson, capBody(16_384)] as const;
  return new Hono<ModeratorEnv & EditorEnv>()
    .get('/', validate('query', ActivityQuery), async (c) => c.json({ activities: await activities.list(c.req.valid('query')) }))
    .post('/', ...editor, ...json, validate('json', ActivityInput), async (c) =>
      c.json(await activities.create(c.req.valid('json'), c.var.editor), 201),
    )
    .get('/:id', validate('param', IdParam), async (c) => c.json(await activities.require(c.req.valid('param').id)))
    .get('/:id/calendar.ics', validate('param', IdParam), async (c) => {
      const activity = await activities.require(c.req.valid('param').id);
      const opts = calendar(c);
      return icsResponse(toICalendar([activity], { ...opts, name: activity.title }), `wydarzenie-${activity.id}.ics`, true);
    })
    .get('/:id/history', ...editor, validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ entries: await activities.history(id) });
    })
    .patch('/:id', ...editor, ...json, validate('param', IdParam), validate('json', ActivityPatch), async (c) =>
      c.json(await activities.patch(c.req.valid('param').id, c.req.valid('json'), c.var.editor)),
    )
    .delete('/:id', ...editor, validate('param', IdParam), async (c) => {
      await activities.remove(c.req.valid('param').id, c.var.editor);
      return c.json({ ok: true as const });
    });
}
