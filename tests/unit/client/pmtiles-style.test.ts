import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { FONT_STACKS, pmtilesStyle } from '../../../src/client/map/pmtiles-style.ts';

const ORIGIN = 'http://127.0.0.1:4173';
const style = pmtilesStyle('/api/basemap/krakow.pmtiles', ORIGIN);
const SHIPPED_FONTS = readdirSync(join(import.meta.dirname, '..', '..', '..', 'public', 'glyphs'));

/** Every font stack named anywhere in the style: in text-font, and in `format` sections of text-field. */
function fontStacks(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^Noto Sans/.test(value)) found.add(value);
  else if (Array.isArray(value)) value.forEach((v) => fontStacks(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => fontStacks(v, found));
  return found;
}

describe('the PMTiles basemap style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('reads the local archive through the pmtiles protocol and credits Protomaps and OpenStreetMap', () => {
    const source = style.sources['protomaps'];
    expect(source).toMatchObject({ type: 'vector', url: `pmtiles://${ORIGIN}/api/basemap/krakow.pmtiles` });
    expect(JSON.stringify(source)).toMatch(/Protomaps.*OpenStreetMap/);
    expect(style.glyphs).toBe(`${ORIGIN}/glyphs/{fontstack}/{range}.pbf`);
  });

  it('draws streets, water and place names from the Protomaps layers', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'earth',
        'water',
        'water_river',
        'roads_major',
        'roads_minor',
        'roads_labels_major',
        'places_locality',
        'places_subplace',
      ]),
    );
  });

  it('asks only for font stacks we ship in public/glyphs', () => {
    const used = fontStacks(style.layers);
    expect(used.size).toBeGreaterThan(0);
    for (const font of used) expect(SHIPPED_FONTS, `font stack "${font}"`).toContain(font);
    for (const font of Object.values(FONT_STACKS)) expect(SHIPPED_FONTS).toContain(font);
  });

  it('needs no sprite: no icons or patterns anywhere, yet town names keep their text', () => {
    expect(style.sprite).toBeUndefined();
    const needsSprite = style.layers.filter((l) =>
      /"(icon-image|fill-pattern|line-pattern|fill-extrusion-pattern|background-pattern)"/.test(JSON.stringify(l)),
    );
    expect(needsSprite.map((l) => l.id)).toEqual([]);
    const locality = style.layers.find((l) => l.id === 'places_locality');
    expect(locality?.layout).toHaveProperty('text-field');
    expect(style.layers.map((l) => l.id)).not.toContain('roads_shields');
  });

  it('reaches nothing outside this origin', () => {
    const urls = [...JSON.stringify(style).matchAll(/(?:https?|pmtiles):\/\/[^"\s]+/g)].map((m) => m[0]);
    const fetched = urls.filter(
      (u) => !u.startsWith('https://protomaps.com') && !u.startsWith('https://www.openstreetmap.org'),
    );
    for (const url of fetched) expect(url.replace(/^pmtiles:\/\//, '')).toMatch(new RegExp(`^${ORIGIN}/`));
  });
});
