import type { Map as MlMap } from 'maplibre-gl';

import { pictogram, PICTOGRAM_SIZE } from './pictograms.ts';

/**
 * Map symbols for help kinds, drawn on a canvas and registered with map.addImage: no sprite to host,
 * works offline. Organisations are filled rounded squares (an exact place); private persons are white discs with a
 * dashed ring (an approximate area, drawn over the soft area circle) so the two read differently at a glance,
 * in greyscale too. Inside is the kind's pictogram (pictograms.ts), not a letter: letters clashed ("Z" for
 * shopping and for animals and for greenery).
 */
export const KIND_COLORS: Record<string, string> = {
  zakupy: '#1b7a5e',
  transport: '#1f6fb2',
  seniorzy: '#7b3fa0',
  rozmowa: '#a23b72',
  'prawo-urzedy': '#3d4a5c',
  posilki: '#b34a00',
  nocleg: '#5a55a3',
  'pierwsza-pomoc': '#b00020',
  dzieci: '#00798c',
  naprawy: '#6b5b00',
  cyfrowa: '#2f5d8a',
  tlumaczenia: '#8a4b08',
  zwierzeta: '#4d7a1b',
};
const OTHER_COLOR = '#555b63';
export const kindSymbol = (kind: string | undefined) => ({ color: (kind && KIND_COLORS[kind]) || OTHER_COLOR });

export const iconId = (kind: string | undefined, person: boolean) =>
  `help-${person ? 'person' : 'org'}-${kind && KIND_COLORS[kind] ? kind : 'other'}`;

const SIZE = 30;
// Drawn at 4× so the pictograms stay sharp on 3× phone screens and at the projector's 1.6× icon size.
const RATIO = 4;

function draw(kind: string | undefined, person: boolean): ImageData {
  const canvas = drawCanvas(kind, person);
  return canvas.getContext('2d')!.getImageData(0, 0, SIZE * RATIO, SIZE * RATIO);
}

/**
 * The same symbol as an image URL, for legends beside the map: the projector's legend drew a purple dot for help
 * offers while the map drew squares and dashed rings. Drawing both from one function keeps them the same.
 */
export function helpIconUrl(kind: string | undefined, person: boolean): string {
  return drawCanvas(kind, person).toDataURL();
}

function drawCanvas(kind: string | undefined, person: boolean): HTMLCanvasElement {
  const { color } = kindSymbol(kind);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE * RATIO;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('help icons: 2D canvas unavailable');
  ctx.scale(RATIO, RATIO);
  const c = SIZE / 2;
  if (person) {
    ctx.beginPath();
    ctx.arc(c, c, c - 3, 0, Math.PI * 2);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.setLineDash([4, 2.5]);
    ctx.lineWidth = 3;
    ctx.strokeStyle = color;
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.roundRect(2, 2, SIZE - 4, SIZE - 4, 6);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }
  // The pictogram, 16 px of the 30 px symbol, centred: white on the square, in the kind's colour inside the ring.
  const size = 16;
  ctx.translate(c - size / 2, c - size / 2);
  ctx.scale(size / PICTOGRAM_SIZE, size / PICTOGRAM_SIZE);
  ctx.fillStyle = person ? color : '#ffffff';
  ctx.fill(new Path2D(pictogram('help', kind)));
  return canvas;
}

/** Registers every kind's two icons; returns the cleanup that removes them. */
export function addHelpIcons(map: MlMap): () => void {
  const ids: string[] = [];
  for (const kind of [...Object.keys(KIND_COLORS), 'other']) {
    for (const person of [false, true]) {
      const id = iconId(kind, person);
      if (!map.hasImage(id)) map.addImage(id, draw(kind, person), { pixelRatio: RATIO });
      ids.push(id);
    }
  }
  return () => {
    for (const id of ids) if (map.hasImage(id)) map.removeImage(id);
  };
}
