import type { SubareaCollection, SubareaId } from '../../shared/subareas.ts';
import { boundsOf } from '../../shared/geo/bounds.ts';
import { labelPoint } from '../../shared/geo/label-point.ts';

/** Width of the picture's coordinate space; the height follows the subareas' shape. */
const WIDTH = 1000;
/** Space around the subareas, as a share of the width, like the map's own fitBounds padding. */
const MARGIN = 0.06;

export interface PictureShape {
  id: SubareaId;
  name: string;
  /** SVG path data of the boundary, every ring closed. */
  d: string;
  label: { x: number; y: number };
}
export interface Picture {
  viewBox: string;
  shapes: PictureShape[];
}

/** Web Mercator's y (up to a constant scale), so the picture has the same shapes the map will draw. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The subareas as a flat picture, in the same projection and framing as the map that replaces it: drawn by the
 * server renderer into the page at build time, so a phone shows where the subareas are before any script runs.
 */
export function subareasPicture(subareas: SubareaCollection): Picture {
  const [w, s, e, n] = boundsOf(subareas.features.map((f) => f.geometry));
  const x0 = (w * Math.PI) / 180;
  const spanX = ((e - w) * Math.PI) / 180;
  const yTop = mercatorY(n);
  const scale = (WIDTH * (1 - 2 * MARGIN)) / spanX;
  const pad = WIDTH * MARGIN;
  const height = (yTop - mercatorY(s)) * scale + 2 * pad;
  const project = (lng: number, lat: number): [number, number] => [
    round(pad + ((lng * Math.PI) / 180 - x0) * scale),
    round(pad + (yTop - mercatorY(lat)) * scale),
  ];
  const ring = (coords: number[][]) => 'M' + coords.map(([lng, lat]) => project(lng!, lat!).join(' ')).join('L') + 'Z';
  return {
    viewBox: `0 0 ${WIDTH} ${round(height)}`,
    shapes: subareas.features.map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const [x, y] = project(...labelPoint(f.geometry));
      return { id: f.id, name: f.properties.name, d: polygons.flat().map(ring).join(''), label: { x, y } };
    }),
  };
}
