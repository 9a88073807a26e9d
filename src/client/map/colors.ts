import type { ExpressionSpecification } from 'maplibre-gl';
import type { SubareaId } from '../../common/subareas.ts';

/** ColorBrewer Dark2: distinct for the common colour-vision deficiencies and dark enough for white labels. */
export const SUBAREA_COLORS: Record<SubareaId, string> = {
  'grzegorzki-wesola': '#1b7a5e',
  'stara-nowa-huta': '#b34a00',
  'kazimierz-stradom': '#5a55a3',
};

/** ['match', ['get','id'], id1, colour1, …, fallback] from the table above. */
export function colorBySubarea(fallback = '#555555'): ExpressionSpecification {
  const pairs = Object.entries(SUBAREA_COLORS).flat();
  return ['match', ['get', 'id'], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Keep (zasób) and change (potrzeba): blue/orange stay apart for every common colour-vision deficiency. */
export const WALK_COLORS = { keep: '#1f6fb2', change: '#c2410c' } as const;

/** The "Wydarzenia" layer: a raspberry none of the subarea or pin colours uses; greys for cancelled and past. */
export const ACTIVITY_COLORS = { upcoming: '#a3195b', cancelled: '#5c5c5c', past: '#767676' } as const;
