import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataFile } from '../site-data.ts';
import { PlaceCollection } from '../../shared/places.ts';

/**
 * GET /api/places: the gazetteer for typing a place instead of tapping the map (issue 4). Read and validated once,
 * when the app is created, so a broken data/places.geojson stops start-up with a message naming the feature.
 * Small (tens of places): the client downloads it whole and searches locally, so typing works offline once loaded.
 */
export function placeRoutes(dataDir: string) {
  const places = parseDataFile(PlaceCollection, 'data/places.geojson', readFileSync(join(dataDir, 'places.geojson'), 'utf8'));
  return new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(places);
  });
}
