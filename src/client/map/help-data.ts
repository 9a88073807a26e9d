import { freshness, type FreshnessLimits } from '../../common/freshness.ts';
import type { PointCollection } from '../../common/points.ts';
import { iconId } from './help-icons.ts';

/**
 * The help layer's GeoJSON: flat, primitive properties only (MapLibre's workers do not keep arrays usable in
 * expressions), computed from the public features. Stale offers are left out, fading and paused ones are faded.
 */
export function helpMapData(points: PointCollection, now: Date, limits: FreshnessLimits): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const f of points.features) {
    const p = f.properties;
    if (p.layer !== 'help') continue;
    const state = freshness(p.confirmedAt, p.paused === true, now, limits);
    if (state === 'stale') continue;
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        id: f.id,
        icon: iconId(p.kinds[0], p.approximate),
        person: p.approximate,
        // Area circle for private persons: the radius the server promises the real place lies within.
        radiusM: p.approximate ? (p.approxRadiusM ?? 150) : 0,
        opacity: state === 'fresh' ? 1 : state === 'paused' ? 0.55 : 0.4,
        state,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
