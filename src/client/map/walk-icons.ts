import type { ExpressionSpecification, Map as MlMap } from 'maplibre-gl';
import { WALK_COLORS } from './colors.ts';

/**
 * Walk pin images, drawn on a canvas and added with map.addImage (no external sprite, works offline).
 * Keep and change differ in shape as well as colour (issue 4: not colour alone): keep is a circle, change a
 * square. Clusters are donuts whose blue arc is the share of "keep" pins, in tenths (11 images).
 */
const PIXEL_RATIO = 2;
export const PIN_PX = 30;
export const DONUT_PX = 46;
export const DONUT_STEPS = 10;

type Draw = (ctx: CanvasRenderingContext2D, size: number) => void;

function image(sizeCss: number, draw: Draw): ImageData {
  const size = sizeCss * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('walk icons: this browser gives no 2D canvas, so pins cannot be drawn');
  draw(ctx, size);
  return ctx.getImageData(0, 0, size, size);
}

const keepPin: Draw = (ctx, s) => {
  ctx.beginPath();
  ctx.arc(s / 2, s / 2, s / 2 - 3 * PIXEL_RATIO, 0, Math.PI * 2);
  ctx.fillStyle = WALK_COLORS.keep;
  ctx.fill();
  ctx.lineWidth = 2.5 * PIXEL_RATIO;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
};

const changePin: Draw = (ctx, s) => {
  const inset = 4 * PIXEL_RATIO;
  ctx.beginPath();
  ctx.roundRect(inset, inset, s - 2 * inset, s - 2 * inset, 2 * PIXEL_RATIO);
  ctx.fillStyle = WALK_COLORS.change;
  ctx.fill();
  ctx.lineWidth = 2.5 * PIXEL_RATIO;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
};

const donut = (keepTenths: number): Draw => (ctx, s) => {
  const r = s / 2 - PIXEL_RATIO;
  const start = -Math.PI / 2;
  const split = start + (keepTenths / DONUT_STEPS) * Math.PI * 2;
  const arc = (from: number, to: number, color: string) => {
    if (to <= from) return;
    ctx.beginPath();
    ctx.moveTo(s / 2, s / 2);
    ctx.arc(s / 2, s / 2, r, from, to);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
  };
  arc(start, split, WALK_COLORS.keep);
  arc(split, start + Math.PI * 2, WALK_COLORS.change);
  ctx.beginPath();
  ctx.arc(s / 2, s / 2, r * 0.58, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 1.5 * PIXEL_RATIO;
  ctx.strokeStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.arc(s / 2, s / 2, r, 0, Math.PI * 2);
  ctx.stroke();
};

export const PIN_IMAGE = { keep: 'walk-keep', change: 'walk-change' } as const;
const donutId = (tenths: number) => `walk-donut-${tenths}`;

/** Adds every walk image once; returns the cleanup that removes them (same file, habit 1). */
export function addWalkImages(map: MlMap): () => void {
  const ids: string[] = [];
  const add = (id: string, px: number, draw: Draw) => {
    if (!map.hasImage(id)) map.addImage(id, image(px, draw), { pixelRatio: PIXEL_RATIO });
    ids.push(id);
  };
  add(PIN_IMAGE.keep, PIN_PX, keepPin);
  add(PIN_IMAGE.change, PIN_PX, changePin);
  for (let t = 0; t <= DONUT_STEPS; t++) add(donutId(t), DONUT_PX, donut(t));
  return () => {
    for (const id of ids) if (map.hasImage(id)) map.removeImage(id);
  };
}

/** icon-image of an unclustered pin. */
export const pinImage: ExpressionSpecification = ['match', ['get', 'kind'], 'keep', PIN_IMAGE.keep, PIN_IMAGE.change];

/** icon-image of a cluster: the donut whose blue share is the rounded share of "keep" pins in it. */
export const donutImage: ExpressionSpecification = [
  'concat',
  'walk-donut-',
  ['to-string', ['round', ['*', DONUT_STEPS, ['/', ['get', 'keep'], ['max', 1, ['get', 'point_count']]]]]],
];

/** clusterProperties: how many keep and change pins each cluster holds. */
export const walkClusterProperties = {
  keep: ['+', ['case', ['==', ['get', 'kind'], 'keep'], 1, 0]],
  change: ['+', ['case', ['==', ['get', 'kind'], 'change'], 1, 0]],
} satisfies Record<string, ExpressionSpecification>;

/**
 * One letter per theme, drawn on the pin and explained in the legend. Themes are data (data/categories.json):
 * a theme added later falls back to the first letter of its id.
 */
const THEME_LETTERS: Record<string, string> = {
  zielen: 'Z',
  'przestrzen-publiczna': 'P',
  architektura: 'A',
  ruch: 'R',
  bezpieczenstwo: 'B',
  czystosc: 'C',
  'handel-uslugi': 'U',
  'kultura-historia': 'K',
  dostepnosc: 'D',
  'halas-powietrze': 'H',
  mieszkalnictwo: 'M',
  inne: 'I',
};
export const themeLetter = (id: string) => THEME_LETTERS[id] ?? id.slice(0, 1).toUpperCase();

/** text-field of a pin: its theme letter (from the table above). */
export const themeLetterExpression: ExpressionSpecification = [
  'match',
  ['get', 'theme'],
  ...Object.entries(THEME_LETTERS).flat(),
  '',
] as unknown as ExpressionSpecification;
