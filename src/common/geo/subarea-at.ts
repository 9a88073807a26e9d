import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { AreaGeometry, LngLat } from '../geojson.ts';

export interface AreaFeature<Id extends string = string> {
  id?: Id | number;
  properties: { id: Id };
  geometry: AreaGeometry;
}

/**
 * The id of the first area containing the point, or null. Points exactly on a shared edge count as
 * inside (turf's default), so a pin on the railway between Kazimierz and Grzegórzki is never "nowhere".
 */
export function subareaAt<Id extends string>(point: LngLat, areas: readonly AreaFeature<Id>[]): Id | null {
  if (!Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
    throw new TypeError(`subareaAt: expected [lng, lat] numbers, got ${JSON.stringify(point)}`);
  }
  const found = areas.find((f) => booleanPointInPolygon([point[0], point[1]], f.geometry));
  return found ? found.properties.id : null;
}
