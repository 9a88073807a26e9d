import turfArea from '@turf/area';
import type { AreaGeometry } from '../geojson.ts';

/** Hectares, rounded to 0.1 ha: the precision a hand-drawn or surveyed boundary can honestly claim. */
export function areaHa(geometry: AreaGeometry): number {
  return Math.round(turfArea(geometry) / 1000) / 10;
}
