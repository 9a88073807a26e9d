import { PlaceCollection } from '../../common/places.ts';
import { getJson } from './http.ts';

let cached: Promise<PlaceCollection> | undefined;
/** The gazetteer (GET /api/places), fetched once per page; a failure is retried on the next call. */
export function fetchPlaces(): Promise<PlaceCollection> {
  cached ??= getJson(PlaceCollection, '/api/places').catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
