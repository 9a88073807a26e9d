import { Hono } from 'hono';
import type { Contributions } from '../contributions.ts';
import { staleHelp } from '../freshness.ts';
import { ALL_STAFF, mayActIn, type RequireRole, type StaffEnv } from '../middleware/roles.ts';

/**
 * GET /api/moderation/help/stale: published help offers that left the public list because nobody confirmed
 * them for `hideDays`. Full records (contacts included) so staff can ask the helper whether the offer stands; an
 * ambassador sees those of their own subarea.
 */
export function helpStaleRoutes(requireRole: RequireRole, contributions: Contributions, now: () => Date) {
  return new Hono<StaffEnv>().use('*', requireRole(...ALL_STAFF)).get('/stale', async (c) => {
    const published = (await contributions.points.listPublished('help'))
      .map((p) => p.record)
      .filter((r) => mayActIn(c.var.account, r.subarea));
    return c.json({
      limits: contributions.helpFreshness,
      points: staleHelp(published, now(), contributions.helpFreshness),
    });
  });
}
