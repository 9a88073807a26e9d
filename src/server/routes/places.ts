import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataFile } from '../site-data.ts';
import { PlaceCollection } from '../../common/places.ts';

/**
 * The landmarks list (data/places.geojson), read and validated once when the app is created, so a broken file stops
 * start-up with a message naming the feature. Used by GET /api/places and by the address search.
 */
export function loadPlaces(dataDir: string): PlaceCollection {
  return parseDataFile(PlaceCollection, 'data/places.geojson', readFileSync(join(dataDir, 'places.geojson'), 'utf8'));
}

/**
 * GET /api/places: small (tens of places), so the client downloads it whole and searches locally: typing a landmark
 * works offline once loaded.
 */
export function placeRoutes(places: PlaceCollection) {
  return new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(places);
  });
}
