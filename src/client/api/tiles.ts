import { PointCollection, PointFeature, type Layer } from '../../common/points.ts';
import { TileInfo } from '../../common/tiles.ts';
import { getJson } from './http.ts';

/** How many pins the layer shows now (and its tiles' description): the client picks tiles or one list by it. */
export const fetchTileInfo = (layer: Layer) => getJson(TileInfo, `/api/tiles/${layer}.json`);

export interface TileFilters {
  kind?: 'keep' | 'change';
  theme?: string;
  subarea?: string;
}

/**
 * The layer's tile URL template (absolute: MapLibre requests tiles from its worker). The data version is part of
 * it, so a change heard of makes new URLs and the browser never shows a tile from before it.
 */
export function pointTilesUrl(layer: Layer, version: number, filters: TileFilters = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  q.set('v', String(version));
  return `${location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt?${q}`;
}

/** A layer's published pins inside a bbox: a tiled layer's list, for the part of the map in view. */
export function fetchPointsInView(layer: Layer, bbox: readonly [number, number, number, number]) {
  const q = new URLSearchParams({ layer, bbox: bbox.map((c) => c.toFixed(5)).join(',') });
  return getJson(PointCollection, `/api/points?${q}`);
}

/** A layer's newest published pins, newest first: a tiled layer's list when no map view narrows it. */
export function fetchNewestPoints(layer: Layer, newest: number) {
  return getJson(PointCollection, `/api/points?${new URLSearchParams({ layer, newest: String(newest) })}`);
}

/**
 * The help offers nearest a place, nearest first, of any of `kinds` (all when empty): "find help" on a help map
 * drawn from tiles, where the device holds only some of the offers.
 */
export function fetchNearestHelp(
  origin: readonly [number, number],
  kinds: readonly string[],
  limit: number,
  signal?: AbortSignal,
) {
  const q = new URLSearchParams({ near: origin.map((c) => c.toFixed(6)).join(','), limit: String(limit) });
  if (kinds.length) q.set('kinds', kinds.join(','));
  return getJson(PointCollection, `/api/points/nearest?${q}`, signal);
}

/** One published pin's public projection: a pin tapped on the tiles that the list does not hold. */
export const fetchPublicPoint = (id: string) => getJson(PointFeature, `/api/points/${encodeURIComponent(id)}`);
