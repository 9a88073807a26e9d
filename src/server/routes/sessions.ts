import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { WalkSessions } from '../walk-sessions.ts';
import type { SiteData } from '../site-data.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import {
  ALL_STAFF,
  assertSubarea,
  mayActIn,
  requireSubarea,
  type RequireRole,
  type StaffEnv,
} from '../middleware/roles.ts';
import { SessionCode, SessionCreate, SessionPatch } from '../../common/sessions.ts';
import { walkStats } from '../../common/stats.ts';

const CodeParam = z.strictObject({ code: SessionCode });

/**
 * /api/sessions. Creating, listing, switching and the pending pins are for staff (facilitators log in as
 * moderators or as the subarea's ambassador, who runs walks in their own subarea only); the join view and the
 * summary are public: they show only what the public map shows. Codes are short, so public lookups of unknown codes
 * are rate limited per address (lookupLimit).
 */
export function sessionRoutes(
  requireRole: RequireRole,
  sessions: WalkSessions,
  site: SiteData,
  lookupLimit: MiddlewareHandler,
) {
  const staff = requireRole(...ALL_STAFF);
  const json = [requireJson, capBody(4096)] as const;
  const own = [
    validate('param', CodeParam),
    requireSubarea('code', async (code) => (await sessions.require(code)).subarea),
  ] as const;
  const themeIds = site.categories.walkThemes.map((t) => t.id);
  return new Hono<StaffEnv>()
    .post('/', staff, ...json, validate('json', SessionCreate), async (c) => {
      const body = c.req.valid('json');
      assertSubarea(c.var.account, body.subarea);
      return c.json(await sessions.create(body, c.var.moderator), 201);
    })
    .get('/', staff, async (c) =>
      c.json({ sessions: (await sessions.list()).filter((s) => mayActIn(c.var.account, s.subarea)) }),
    )
    .get('/:code', lookupLimit, validate('param', CodeParam), async (c) =>
      c.json(sessions.public(await sessions.require(c.req.valid('param').code))),
    )
    .patch('/:code', staff, ...json, ...own, validate('json', SessionPatch), async (c) =>
      c.json(await sessions.patch(c.req.valid('param').code, c.req.valid('json'))),
    )
    .get('/:code/pending', staff, ...own, async (c) =>
      c.json({ points: await sessions.pending(c.req.valid('param').code) }),
    )
    .get('/:code/summary', lookupLimit, validate('param', CodeParam), async (c) => {
      const row = await sessions.require(c.req.valid('param').code);
      const points = await sessions.published(row.code);
      return c.json({ session: sessions.public(row), walk: walkStats(points.features, themeIds), points });
    });
}
