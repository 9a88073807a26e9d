import { z } from 'zod';
import { Lat, Lng } from './points.ts';
import { SubareaId } from './subareas.ts';
import { distanceM, type LngLat } from './geo/distance.ts';

/**
 * The small gazetteer (data/places.geojson) behind "type a landmark or address" in the location picker:
 * for residents who cannot use the map. Landmarks, squares and institutions in and around the subareas.
 */
export const Place = z.object({
  type: z.literal('Feature'),
  properties: z.strictObject({
    name: z.string().min(1),
    address: z.string().min(1).optional(),
    subarea: SubareaId.nullable().optional(),
    /** How far the real place may be from the point, as people say it ("±30 m"). */
    accuracy: z.string().optional(),
  }),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([Lng, Lat]) }),
});
export type Place = z.infer<typeof Place>;
export const PlaceCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(Place).min(1) });
export type PlaceCollection = z.infer<typeof PlaceCollection>;

/**
 * The landmark nearest to a position, with its distance in metres: a map without streets (offline, a thumbnail)
 * still tells a moderator where a pin is. Null for an empty list.
 */
export function nearestPlace(places: PlaceCollection, at: LngLat): { place: Place; distanceM: number } | null {
  let best: { place: Place; distanceM: number } | null = null;
  for (const place of places.features) {
    const d = distanceM(place.geometry.coordinates, at);
    if (!best || d < best.distanceM) best = { place, distanceM: d };
  }
  return best;
}
