import type { Map as MlMap } from 'maplibre-gl';

/**
 * Map symbols for help kinds (issue 5), drawn on a canvas and registered with map.addImage: no sprite to host,
 * works offline. Organisations are filled rounded squares (an exact place); private persons are white discs with a
 * dashed ring (an approximate area, drawn over the soft area circle) so the two read differently at a glance,
 * in greyscale too. The letter is a hint; the list view carries the full names.
 */
export const KIND_SYMBOLS: Record<string, { glyph: string; color: string }> = {
  zakupy: { glyph: 'Z', color: '#1b7a5e' },
  transport: { glyph: 'T', color: '#1f6fb2' },
  seniorzy: { glyph: 'S', color: '#7b3fa0' },
  rozmowa: { glyph: 'R', color: '#a23b72' },
  'prawo-urzedy': { glyph: '§', color: '#3d4a5c' },
  posilki: { glyph: 'P', color: '#b34a00' },
  nocleg: { glyph: 'N', color: '#5a55a3' },
  'pierwsza-pomoc': { glyph: '+', color: '#b00020' },
  dzieci: { glyph: 'D', color: '#00798c' },
  naprawy: { glyph: 'Nr', color: '#6b5b00' },
  cyfrowa: { glyph: '@', color: '#2f5d8a' },
  tlumaczenia: { glyph: 'Tł', color: '#8a4b08' },
  zwierzeta: { glyph: 'Zw', color: '#4d7a1b' },
};
const OTHER = { glyph: '•', color: '#555b63' };
export const kindSymbol = (kind: string | undefined) => (kind && KIND_SYMBOLS[kind]) || OTHER;

export const iconId = (kind: string | undefined, person: boolean) =>
  `help-${person ? 'person' : 'org'}-${kind && KIND_SYMBOLS[kind] ? kind : 'other'}`;

const SIZE = 30;
const RATIO = 2;

function draw(glyph: string, color: string, person: boolean): ImageData {
  const canvas = drawCanvas(glyph, color, person);
  return canvas.getContext('2d')!.getImageData(0, 0, SIZE * RATIO, SIZE * RATIO);
}

/**
 * The same symbol as an image URL, for legends beside the map: the projector's legend drew a purple dot for help
 * offers while the map drew squares and dashed rings. Drawing both from one function keeps them the same.
 */
export function helpIconUrl(kind: string | undefined, person: boolean): string {
  const { glyph, color } = kindSymbol(kind);
  return drawCanvas(glyph, color, person).toDataURL();
}

function drawCanvas(glyph: string, color: string, person: boolean): HTMLCanvasElement {
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
  ctx.fillStyle = person ? color : '#ffffff';
  ctx.font = `bold ${glyph.length > 1 ? 11 : 14}px "Noto Sans", system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(glyph, c, c + 1);
  return canvas;
}

/** Registers every kind's two icons; returns the cleanup that removes them. */
export function addHelpIcons(map: MlMap): () => void {
  const ids: string[] = [];
  for (const kind of [...Object.keys(KIND_SYMBOLS), 'other']) {
    const { glyph, color } = kindSymbol(kind);
    for (const person of [false, true]) {
      const id = iconId(kind, person);
      if (!map.hasImage(id)) map.addImage(id, draw(glyph, color, person), { pixelRatio: RATIO });
      ids.push(id);
    }
  }
  return () => {
    for (const id of ids) if (map.hasImage(id)) map.removeImage(id);
  };
}
