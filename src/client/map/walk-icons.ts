import type { ExpressionSpecification, Map as MlMap } from 'maplibre-gl';
import { WALK_COLORS } from './colors.ts';
import { PICTOGRAM_IDS, pictogram, PICTOGRAM_SIZE } from './pictograms.ts';

/**
 * Walk pin images, drawn on a canvas and added with map.addImage (no external sprite, works offline).
 * Keep and change differ in shape as well as colour (not colour alone): keep is a circle, change a
 * square; inside, the theme's pictogram (pictograms.ts), one image per kind and theme. Clusters are donuts whose
 * blue arc is the share of "keep" pins, in tenths (11 images).
 */
// Drawn at 4× so the pictograms stay sharp on 3× phone screens and at the projector's 1.6× icon size.
const PIXEL_RATIO = 4;
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

const donut =
  (keepTenths: number): Draw =>
  (ctx, s) => {
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

/** A theme's pictogram in white, 15 px of the 30 px pin, on top of the pin's shape. */
const withPictogram =
  (pin: Draw, theme: string): Draw =>
  (ctx, s) => {
    pin(ctx, s);
    const size = 15 * PIXEL_RATIO;
    ctx.save();
    ctx.translate((s - size) / 2, (s - size) / 2);
    ctx.scale(size / PICTOGRAM_SIZE, size / PICTOGRAM_SIZE);
    ctx.fillStyle = '#ffffff';
    ctx.fill(new Path2D(pictogram('walk', theme)));
    ctx.restore();
  };

/** Themes with their own pictogram; any other (a theme added to the data later, `inne`) shares the plain one. */
const THEMES = [...PICTOGRAM_IDS.walk, 'inne'];
const pinId = (kind: 'keep' | 'change', theme: string) => `walk-${kind}-${theme}`;
const donutId = (tenths: number) => `walk-donut-${tenths}`;

/** Adds every walk image once; returns the cleanup that removes them (same file, habit 1). */
export function addWalkImages(map: MlMap): () => void {
  const ids: string[] = [];
  const add = (id: string, px: number, draw: Draw) => {
    if (!map.hasImage(id)) map.addImage(id, image(px, draw), { pixelRatio: PIXEL_RATIO });
    ids.push(id);
  };
  for (const theme of THEMES) {
    add(pinId('keep', theme), PIN_PX, withPictogram(keepPin, theme));
    add(pinId('change', theme), PIN_PX, withPictogram(changePin, theme));
  }
  for (let t = 0; t <= DONUT_STEPS; t++) add(donutId(t), DONUT_PX, donut(t));
  return () => {
    for (const id of ids) if (map.hasImage(id)) map.removeImage(id);
  };
}

/** icon-image of an unclustered pin: its kind's shape with its theme's pictogram. */
export const pinImage: ExpressionSpecification = [
  'concat',
  'walk-',
  ['get', 'kind'],
  '-',
  ['match', ['get', 'theme'], PICTOGRAM_IDS.walk, ['get', 'theme'], 'inne'],
];

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
