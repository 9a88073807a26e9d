import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { layers, LIGHT, type Flavor } from '@protomaps/basemaps';
import { OSM_ATTRIBUTION } from './basemap.ts';

/**
 * The real offline basemap: the operator's PMTiles extract of Kraków, read over HTTP range requests from
 * our own server through the `pmtiles://` protocol, drawn with Protomaps' maintained style (@protomaps/basemaps),
 * which follows the tiles' schema. Only this module knows about PMTiles; basemap.ts decides when to use it.
 */

const SOURCE = 'protomaps';

/**
 * Protomaps' font stacks → the ones we ship (public/glyphs, scripts/make-glyphs.mjs). Without Medium and Italic we
 * use Bold for the city names and Regular for water names; Devanagari names do not occur in a Kraków extract.
 * Every stack a layer asks for must be in this table's values, or MapLibre fetches a glyph file that is not there.
 */
export const FONT_STACKS: Record<string, string> = {
  'Noto Sans Regular': 'Noto Sans Regular',
  'Noto Sans Medium': 'Noto Sans Bold',
  'Noto Sans Italic': 'Noto Sans Regular',
  'Noto Sans Devanagari Regular v1': 'Noto Sans Regular',
};

/** Road casings: a shade darker than Protomaps' light grey, so white streets still read on the paper-coloured land. */
const CASING = '#d9d5cd';

/**
 * Protomaps' light flavour, calmer and warmer: paper-coloured land (also where the extract ends), the offline style's
 * Vistula blue, parks a quiet green, so the three coloured subareas and the pins stay what one sees.
 * No POIs (their icons need a sprite, and our pins are the points of interest here), no low-zoom landcover.
 */
const FLAVOR: Flavor = {
  ...LIGHT,
  background: '#ece9e3',
  earth: '#ece9e3',
  minor_service_casing: CASING,
  minor_casing: CASING,
  link_casing: CASING,
  major_casing_late: CASING,
  major_casing_early: CASING,
  highway_casing_late: CASING,
  highway_casing_early: CASING,
  bridges_minor_casing: CASING,
  bridges_link_casing: CASING,
  bridges_major_casing: CASING,
  bridges_highway_casing: CASING,
  water: '#a9cbe6',
  ocean_label: '#3d6f99',
  park_a: '#dfe8d6',
  park_b: '#cfe0c4',
  wood_a: '#dfe8d6',
  wood_b: '#cfe0c4',
  scrub_a: '#dfe8d6',
  scrub_b: '#cfe0c4',
  regular: FONT_STACKS['Noto Sans Regular'],
  bold: FONT_STACKS['Noto Sans Medium'],
  italic: FONT_STACKS['Noto Sans Italic'],
  pois: undefined,
  landcover: undefined,
};

/** Symbol layers whose text we keep without their icon (a dot beside a town name at low zoom). */
const TEXT_WITHOUT_ICON = new Set(['places_locality']);

const dropIconKeys = <T extends object | undefined>(props: T): T =>
  (props && Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith('icon-')))) as T;

/**
 * We have no sprite: a layer drawing icons (one-way arrows, road shields, POIs) would only log "image could not be
 * loaded" for every feature. Those layers go; a few keep their text and lose the icon.
 */
function withoutSprite(layer: LayerSpecification): LayerSpecification | null {
  if (layer.type !== 'symbol' || !layer.layout || !('icon-image' in layer.layout)) return layer;
  if (!TEXT_WITHOUT_ICON.has(layer.id)) return null;
  return { ...layer, layout: dropIconKeys(layer.layout), paint: dropIconKeys(layer.paint) };
}

/** Replaces Protomaps' font names anywhere in a layout (text-font, and `format` sections inside text-field). */
function withOurFonts<T>(value: T): T {
  if (typeof value === 'string') return (FONT_STACKS[value] ?? value) as T;
  if (Array.isArray(value)) return value.map(withOurFonts) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withOurFonts(v)])) as T;
  return value;
}

/** The MapLibre style for a PMTiles archive at `path` on `origin` (e.g. /api/basemap/krakow.pmtiles). */
export function pmtilesStyle(path: string, origin: string): StyleSpecification {
  const basemapLayers = layers(SOURCE, FLAVOR, { lang: 'pl' })
    .map(withoutSprite)
    .filter((l): l is LayerSpecification => l !== null)
    .map((l) => (l.type === 'symbol' ? { ...l, layout: withOurFonts(l.layout) } : l));
  return {
    version: 8,
    name: 'Mapa Rewitalizacji — Protomaps (local PMTiles)',
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      [SOURCE]: {
        type: 'vector',
        url: `pmtiles://${origin}${path}`,
        attribution: `<a href="https://protomaps.com" target="_blank" rel="noopener">Protomaps</a> ${OSM_ATTRIBUTION}`,
      },
    },
    layers: basemapLayers,
  };
}
