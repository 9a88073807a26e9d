import { Hono } from 'hono';
import type { SubareaCollection, SubareaCounts, SubareaId } from '../../shared/subareas.ts';
import type { SiteData } from '../site-data.ts';
import type { Ambassadors } from '../ambassadors.ts';

/** Live pin counts per subarea; the contributions store provides it, until then everything is zero. */
export type CountsBySubarea = () => Partial<Record<SubareaId, SubareaCounts>>;

const ZERO: SubareaCounts = { help: 0, keep: 0, change: 0 };

/** The subareas with live counts; each ambassador as the file gives it, with the ambassador's own edit over it. */
export function subareaRoutes(site: SiteData, ambassadors: Ambassadors, counts: CountsBySubarea) {
  return new Hono().get('/', (c) => {
    const live = counts();
    const body: SubareaCollection = {
      type: 'FeatureCollection',
      features: site.subareas.map(({ geometry, ...props }) => ({
        type: 'Feature',
        id: props.id,
        properties: { ...props, ambassador: ambassadors.of(props.id), counts: live[props.id] ?? ZERO },
        geometry,
      })),
    };
    return c.json(body);
  });
}
