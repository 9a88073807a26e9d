import { Hono } from 'hono';
import type { Contributions } from '../contributions.ts';
import type { SiteData } from '../site-data.ts';
import { validate } from '../middleware/validate.ts';
import { helpStats, StatsQuery, walkStats, type SubareaStats } from '../../shared/stats.ts';

/** GET /api/stats: per subarea, keep/change by theme and help offers by kind; published points only. */
export function statsRoutes(contributions: Contributions, site: SiteData, now: () => Date) {
  const themeIds = site.categories.walkThemes.map((t) => t.id);
  const kindIds = site.categories.helpKinds.map((k) => k.id);
  return new Hono().get('/', validate('query', StatsQuery), (c) => {
    const only = c.req.valid('query').subarea;
    // The same public lists as the map (stale help offers left out), so the figures match what people see.
    const walk = contributions.listPublic({ layer: 'walk' }).features;
    const help = contributions.listPublic({ layer: 'help' }).features;
    const entry = (id: SubareaStats['subarea']): SubareaStats => ({
      subarea: id,
      walk: walkStats(
        walk.filter((f) => f.properties.subarea === id),
        themeIds,
      ),
      help: helpStats(
        help.filter((f) => f.properties.subarea === id),
        kindIds,
      ),
    });
    const ids = only ? [only] : site.subareas.map((s) => s.id);
    const out = ids.map(entry);
    if (!only && [...walk, ...help].some((f) => f.properties.subarea === null)) out.push(entry(null));
    return c.json({ generatedAt: now().toISOString(), subareas: out });
  });
}
