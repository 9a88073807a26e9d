import turfBbox from '@turf/bbox';
import type { AreaGeometry, BBox } from '../geojson.ts';

/** Bounding box around all the given geometries (for fitBounds). Throws on an empty list: nothing to fit. */
export function boundsOf(geometries: readonly AreaGeometry[]): BBox {
  if (geometries.length === 0) throw new RangeError('boundsOf: no geometries to bound');
  const boxes = geometries.map((g) => turfBbox(g));
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Kraków's administrative extent with a small margin; points outside it are rejected as typos. */
export const KRAKOW_BBOX: BBox = [19.79, 49.96, 20.22, 50.13];

export function inBBox([lng, lat]: readonly [number, number], [w, s, e, n]: BBox): boolean {
  return lng >= w && lng <= e && lat >= s && lat <= n;
}
