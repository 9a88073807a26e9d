import { Hono } from 'hono';
import type { Db } from '../db/open.ts';
import type { Contributions } from '../contributions.ts';
import { staleHelp } from '../freshness.ts';
import { requireModerator, type ModeratorEnv } from './auth.ts';

/**
 * GET /api/moderation/help/stale (issue 5): published help offers that left the public list because nobody confirmed
 * them for `hideDays`. Full records (contacts included) so a moderator can ask the helper whether the offer stands.
 */
export function helpStaleRoutes(db: Db, contributions: Contributions, now: () => Date) {
  return new Hono<ModeratorEnv>()
    .use('*', requireModerator(db, now))
    .get('/stale', (c) => {
      const published = contributions.points.listPublished('help').map((p) => p.record);
      return c.json({ limits: contributions.helpFreshness, points: staleHelp(published, now(), contributions.helpFreshness) });
    });
}
