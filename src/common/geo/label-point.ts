import polylabel from 'polylabel';
import turfArea from '@turf/area';
import type { AreaGeometry, LngLat } from '../geojson.ts';

/** ~1 m at Kraków's latitude: finer than any label needs, coarse enough to be instant. */
const PRECISION_DEGREES = 0.00001;

/**
 * Where a polygon's name goes: the pole of inaccessibility of its largest part, the point farthest from every
 * edge — always inside, even for concave shapes where the centroid falls outside. One point per area also stops
 * MapLibre from repeating a polygon's label in every tile at street zoom.
 */
export function labelPoint(geometry: AreaGeometry): LngLat {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, p) =>
    turfArea({ type: 'Polygon', coordinates: p }) > turfArea({ type: 'Polygon', coordinates: best }) ? p : best,
  );
  const [lng, lat] = polylabel(largest, PRECISION_DEGREES);
  return [lng, lat];
}
