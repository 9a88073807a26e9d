import type { SubareaCollection, SubareaId } from '../../common/subareas.ts';
import { boundsOf } from '../../common/geo/bounds.ts';
import { labelPoint } from '../../common/geo/label-point.ts';

/** Width of the picture's coordinate space; the height follows the subareas' shape. */
const WIDTH = 1000;
/** Space around the subareas, as a share of the width, like the map's own fitBounds padding. */
const MARGIN = 0.1;
/** The largest label size the component's CSS uses (a phone), in picture units: what labels must not overlap at. */
export const LABEL_SIZE = 34;

export interface PictureShape {
  id: SubareaId;
  name: string;
  /** SVG path data of the boundary, every ring closed. */
  d: string;
  /** The name in one or two lines. */
  lines: string[];
  /** Centred on the point (`on`), or with its last line just above it / its first line just below it. */
  label: { x: number; y: number; place: 'on' | 'above' | 'below' };
}
export interface Picture {
  viewBox: string;
  shapes: PictureShape[];
  /** SVG path data of the river, when one was given. */
  river: string | null;
}

/** Web Mercator's y (up to a constant scale), so the picture has the same shapes the map will draw. */
const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const round = (n: number) => Math.round(n * 10) / 10;

/** Two lines like the map's labels: after a hyphen ("Kazimierz-" / "Stradom"), else at the first space. */
export function labelLines(name: string): string[] {
  const hyphen = name.indexOf('-');
  if (hyphen > 0) return [name.slice(0, hyphen + 1), name.slice(hyphen + 1)];
  const space = name.indexOf(' ');
  return space > 0 && name.length > 10 ? [name.slice(0, space), name.slice(space + 1)] : [name];
}

type Box = { x0: number; x1: number; y0: number; y1: number };
/** The space a label takes at the phone's size, as the component lays it out (see firstLineShift). */
export const labelBox = ({ lines, label }: PictureShape): Box => {
  const w = Math.max(...lines.map((l) => l.length)) * 0.6 * LABEL_SIZE;
  const h = lines.length * 1.2 * LABEL_SIZE;
  const y0 = label.y + (firstLineShift(lines.length, label.place) - 0.6) * LABEL_SIZE;
  return { x0: label.x - w / 2, x1: label.x + w / 2, y0, y1: y0 + h };
};

/**
 * Where the first line's middle goes, in ems from the label point: lines are 1.2 em apart, so a centred label starts
 * half its extra lines up, one above a subarea ends half an em over its top, one below starts just under its bottom.
 */
export function firstLineShift(lines: number, place: 'on' | 'above' | 'below'): number {
  if (place === 'on') return -0.6 * (lines - 1);
  if (place === 'above') return -1.2 * (lines - 1) - 0.6;
  return 0.9;
}
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The subareas as a flat picture, in the same projection and framing as the map that replaces it: drawn by the
 * server renderer into the page at build time, so a phone shows where the subareas are before any script runs.
 * Two names that would overlap (neighbouring subareas) move apart: the northern one above its subarea, the other
 * below, as the map's own labels do.
 */
export function subareasPicture(subareas: SubareaCollection, river: number[][] | null = null): Picture {
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
  const line = (coords: number[][]) => 'M' + coords.map(([lng, lat]) => project(lng!, lat!).join(' ')).join('L');
  const shapes = subareas.features.map((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const [x, y] = project(...labelPoint(f.geometry));
    const lines = labelLines(f.properties.name);
    const ys = polygons.flat(2).map(([lng, lat]) => project(lng!, lat!)[1]);
    const shape: PictureShape = {
      id: f.id,
      name: f.properties.name,
      d: polygons
        .flat()
        .map((r) => line(r) + 'Z')
        .join(''),
      lines,
      label: { x, y, place: 'on' },
    };
    return {
      shape,
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    };
  });
  for (const a of shapes)
    for (const b of shapes) {
      if (a === b || a.shape.label.y > b.shape.label.y || !overlap(labelBox(a.shape), labelBox(b.shape))) continue;
      a.shape.label = { ...a.shape.label, y: a.top, place: 'above' };
      b.shape.label = { ...b.shape.label, y: b.bottom, place: 'below' };
    }
  return {
    viewBox: `0 0 ${WIDTH} ${round(height)}`,
    shapes: shapes.map((s) => s.shape),
    river: river ? line(river) : null,
  };
}
