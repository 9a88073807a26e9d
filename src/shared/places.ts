import { z } from 'zod';
import { Lat, Lng } from './points.ts';
import { SubareaId } from './subareas.ts';

/**
 * The small gazetteer (data/places.geojson) behind "type a landmark or address" in the location picker (issue 4):
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
