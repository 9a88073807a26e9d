import { Hono } from 'hono';
import type { SiteData } from '../site-data.ts';
import type { PublicReads } from '../public-reads.ts';
import { CachedAnswer, sendCached } from '../answer-cache.ts';
import { validate } from '../middleware/validate.ts';
import { bytesOf, nextTurn } from '../slices.ts';
import type { PointFeature } from '../../common/points.ts';
import type { SubareaId } from '../../common/subareas.ts';
import { helpStats, StatsQuery, walkStats, type SubareaStats } from '../../common/stats.ts';

/**
 * GET /api/stats: per subarea, keep/change by theme and help offers by kind; published points only. Counted once per
 * data version (and minute, for help offers that go stale), like the map's lists; `generatedAt` says when.
 */
export function statsRoutes(reads: PublicReads, site: SiteData, now: () => Date) {
  const themeIds = site.categories.walkThemes.map((t) => t.id);
  const kindIds = site.categories.helpKinds.map((k) => k.id);

  /** The features of one layer per subarea (null: outside every subarea), in one pass over the list. */
  const bySubarea = (features: readonly PointFeature[]) => {
    const out = new Map<string | null, PointFeature[]>();
    for (const f of features) {
      const list = out.get(f.properties.subarea);
      if (list) list.push(f);
      else out.set(f.properties.subarea, [f]);
    }
    return out;
  };

  async function build(only: SubareaId | undefined): Promise<CachedAnswer> {
    // The same public lists as the map (stale help offers left out), so the figures match what people see.
    const walk = bySubarea(await reads.features({ layer: 'walk', subarea: only }));
    await nextTurn();
    const help = bySubarea(await reads.features({ layer: 'help', subarea: only }));
    await nextTurn();
    const entry = (id: SubareaStats['subarea']): SubareaStats => ({
      subarea: id,
      walk: walkStats(walk.get(id) ?? [], themeIds),
      help: helpStats(help.get(id) ?? [], kindIds),
    });
    const out = (only ? [only] : site.subareas.map((s) => s.id)).map(entry);
    if (!only && (walk.has(null) || help.has(null))) out.push(entry(null));
    return new CachedAnswer(bytesOf(JSON.stringify({ generatedAt: now().toISOString(), subareas: out })));
  }

  return new Hono().get('/', validate('query', StatsQuery), async (c) => {
    const only = c.req.valid('query').subarea;
    return sendCached(c, await reads.cached(['stats', only ?? null], true, () => build(only)));
  });
}
