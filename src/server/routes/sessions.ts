import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/open.ts';
import type { WalkSessions } from '../walk-sessions.ts';
import type { SiteData } from '../site-data.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { requireModerator, type ModeratorEnv } from './auth.ts';
import { SessionCode, SessionCreate, SessionPatch } from '../../shared/sessions.ts';
import { walkStats } from '../../shared/stats.ts';

const CodeParam = z.strictObject({ code: SessionCode });

/**
 * /api/sessions (issue 6). Creating, listing, switching and the pending pins are for moderators (facilitators log in
 * as moderators); the join view and the summary are public: they show only what the public map shows. Codes are
 * short, so public lookups of unknown codes are rate limited per address (lookupLimit).
 */
export function sessionRoutes(db: Db, sessions: WalkSessions, site: SiteData, now: () => Date, lookupLimit: MiddlewareHandler) {
  const moderator = requireModerator(db, now);
  const json = [requireJson, capBody(4096)] as const;
  const themeIds = site.categories.walkThemes.map((t) => t.id);
  return new Hono<ModeratorEnv>()
    .post('/', moderator, ...json, validate('json', SessionCreate), (c) =>
      c.json(sessions.create(c.req.valid('json'), c.var.moderator), 201),
    )
    .get('/', moderator, (c) => c.json({ sessions: sessions.list() }))
    .get('/:code', lookupLimit, validate('param', CodeParam), (c) => c.json(sessions.public(sessions.require(c.req.valid('param').code))))
    .patch('/:code', moderator, ...json, validate('param', CodeParam), validate('json', SessionPatch), (c) =>
      c.json(sessions.patch(c.req.valid('param').code, c.req.valid('json'))),
    )
    .get('/:code/pending', moderator, validate('param', CodeParam), (c) => {
      const { code } = c.req.valid('param');
      sessions.require(code);
      return c.json({ points: sessions.pending(code) });
    })
    .get('/:code/summary', lookupLimit, validate('param', CodeParam), (c) => {
      const row = sessions.require(c.req.valid('param').code);
      const points = sessions.published(row.code);
      return c.json({ session: sessions.public(row), walk: walkStats(points.features, themeIds), points });
    });
}
