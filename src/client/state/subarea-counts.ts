import type { PointCollection } from '../../common/points.ts';
import type { SubareaCollection, SubareaCounts } from '../../common/subareas.ts';

/**
 * The subareas with counts recomputed from the live point lists, so the panel's figures change the moment a pin
 * is published or removed (SSE), without asking the server again. Same rule as the server: published points only.
 */
export function withLiveCounts(
  subareas: SubareaCollection,
  walk: PointCollection,
  help: PointCollection,
): SubareaCollection {
  const counts = new Map<string, SubareaCounts>(subareas.features.map((f) => [f.id, { help: 0, keep: 0, change: 0 }]));
  for (const { properties: p } of [...walk.features, ...help.features]) {
    const c = p.subarea ? counts.get(p.subarea) : undefined;
    if (!c || p.status !== 'published') continue;
    if (p.layer === 'help') c.help += 1;
    else c[p.kind] += 1;
  }
  return {
    ...subareas,
    features: subareas.features.map((f) => ({ ...f, properties: { ...f.properties, counts: counts.get(f.id)! } })),
  };
}
