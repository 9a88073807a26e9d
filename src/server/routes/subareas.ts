import { Hono } from 'hono';
import type { Ambassador, SubareaCollection, SubareaCounts, SubareaId } from '../../common/subareas.ts';
import type { SiteData } from '../site-data.ts';
import type { Ambassadors } from '../ambassadors.ts';

/** Live pin counts per subarea (PointRepository.countsBySubarea); a subarea without pins counts zero. */
export type CountsBySubarea = () => Promise<Partial<Record<SubareaId, SubareaCounts>>>;

const ZERO: SubareaCounts = { help: 0, keep: 0, change: 0 };

/**
 * The subareas as GeoJSON. Also drawn at build time into the pre-rendered page (scripts/vite/prerender.ts), with the
 * file's ambassadors and zero counts, so both sides shape it in this one place.
 */
export function subareaCollection(
  site: Pick<SiteData, 'subareas'>,
  ambassadorOf: (id: SubareaId) => Ambassador,
  live: Partial<Record<SubareaId, SubareaCounts>> = {},
): SubareaCollection {
  return {
    type: 'FeatureCollection',
    features: site.subareas.map(({ geometry, ...props }) => ({
      type: 'Feature',
      id: props.id,
      properties: { ...props, ambassador: ambassadorOf(props.id), counts: live[props.id] ?? ZERO },
      geometry,
    })),
  };
}

/** The subareas with live counts; each ambassador as the file gives it, with the ambassador's own edit over it. */
export function subareaRoutes(site: SiteData, ambassadors: Ambassadors, counts: CountsBySubarea) {
  return new Hono().get('/', async (c) => c.json(subareaCollection(site, (id) => ambassadors.of(id), await counts())));
}
