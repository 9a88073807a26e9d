import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { writePmtiles, type PmtilesOptions, type TileInput } from './pmtiles-writer.ts';

/**
 * A tiny Protomaps-schema tileset of central Kraków for tests: a handful of real street names as
 * `roads`, the Vistula as `water`, a park in `landuse`, the city and a few districts in `places`, land in
 * `earth`. Layer names and `kind` values follow https://docs.protomaps.com/basemaps/layers so the
 * @protomaps/basemaps style draws it exactly as it would draw a real `pmtiles extract`.
 * Geometry is approximate: good enough to see, never used for anything but rendering.
 */

/** Around the three subareas with a margin, so the map's first view is covered at every zoom. */
export const TILESET_BOUNDS: [number, number, number, number] = [19.9, 50.03, 20.08, 50.1];
export const TILESET_ZOOMS = { min: 10, max: 14 } as const;

const ROOT = join(import.meta.dirname, '..', '..');

type Props = Record<string, string | number>;
const line = (properties: Props, coordinates: Position[]): Feature<LineString, Props> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});
const point = (properties: Props, coordinates: Position): Feature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates },
});
const box = (properties: Props, [w, s, e, n]: [number, number, number, number]): Feature => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
});
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** The river as a band `halfWidthM` either side of data/context/vistula.geojson's centre line (local metres). */
function riverBand(centre: Position[], halfWidthM: number): Position[] {
  const lat0 = 50.05;
  const mx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const my = 110_540;
  const pts = centre.map(([lng, lat]) => [lng! * mx, lat! * my] as const);
  const side = (sign: 1 | -1) =>
    pts.map(([x, y], i) => {
      const [ax, ay] = pts[Math.max(0, i - 1)]!;
      const [bx, by] = pts[Math.min(pts.length - 1, i + 1)]!;
      const len = Math.hypot(bx - ax, by - ay);
      const [nx, ny] = [-(by - ay) / len, (bx - ax) / len];
      return [(x + sign * nx * halfWidthM) / mx, (y + sign * ny * halfWidthM) / my];
    });
  const left = side(1);
  return [...left, ...side(-1).reverse(), left[0]!];
}

export function krakowLayers(): Record<'earth' | 'water' | 'landuse' | 'roads' | 'places', FeatureCollection> {
  const vistula = JSON.parse(
    readFileSync(join(ROOT, 'data', 'context', 'vistula.geojson'), 'utf8'),
  ) as FeatureCollection<LineString>;
  const course = vistula.features[0]!.geometry.coordinates;
  const wisla = { name: 'Wisła', 'name:pl': 'Wisła', 'name:en': 'Vistula', min_zoom: 6 };
  return {
    earth: collection([box({ kind: 'earth', min_zoom: 0 }, [19.8, 49.98, 20.2, 50.15])]),
    water: collection([
      // The name rides on the centre line only: a named polygon is labelled once per tile it crosses.
      {
        type: 'Feature',
        properties: { kind: 'water', kind_detail: 'river', min_zoom: 6 },
        geometry: { type: 'Polygon', coordinates: [riverBand(course, 70)] },
      },
      line({ kind: 'river', ...wisla }, course),
    ]),
    landuse: collection([
      box({ kind: 'park', name: 'Park im. dr. Henryka Jordana', min_zoom: 11 }, [19.911, 50.0595, 19.9215, 50.0655]),
      box({ kind: 'park', name: 'Park Lotników Polskich', min_zoom: 11 }, [19.993, 50.072, 20.006, 50.079]),
    ]),
    roads: collection([
      line({ kind: 'major_road', kind_detail: 'secondary', name: 'Starowiślna', min_zoom: 11 }, [
        [19.9418, 50.059],
        [19.9452, 50.0552],
        [19.9492, 50.0512],
      ]),
      line({ kind: 'major_road', kind_detail: 'secondary', name: 'Dietla', min_zoom: 11 }, [
        [19.935, 50.0532],
        [19.9432, 50.053],
        [19.95, 50.0546],
        [19.954, 50.0557],
      ]),
      line({ kind: 'major_road', kind_detail: 'primary', name: 'Grzegórzecka', min_zoom: 11 }, [
        [19.947, 50.0592],
        [19.956, 50.0586],
        [19.9645, 50.057],
      ]),
      line({ kind: 'major_road', kind_detail: 'primary', name: 'aleja Jana Pawła II', min_zoom: 11 }, [
        [19.965, 50.0622],
        [19.995, 50.0702],
        [20.035, 50.0742],
        [20.06, 50.076],
      ]),
      line({ kind: 'minor_road', kind_detail: 'residential', name: 'Józefa', min_zoom: 13 }, [
        [19.942, 50.0521],
        [19.9472, 50.0515],
      ]),
      line({ kind: 'minor_road', kind_detail: 'residential', name: 'Szeroka', min_zoom: 13 }, [
        [19.9482, 50.0532],
        [19.9487, 50.0507],
      ]),
      line({ kind: 'path', kind_detail: 'pedestrian', name: 'aleja Róż', min_zoom: 13 }, [
        [20.0336, 50.0722],
        [20.0336, 50.0776],
      ]),
      line({ kind: 'rail', kind_detail: 'rail', min_zoom: 11 }, [
        [19.947, 50.069],
        [19.97, 50.065],
        [20.0, 50.064],
        [20.06, 50.066],
      ]),
    ]),
    places: collection([
      point(
        {
          kind: 'locality',
          kind_detail: 'city',
          name: 'Kraków',
          'name:pl': 'Kraków',
          'name:en': 'Krakow',
          min_zoom: 4,
          population: 804_000,
          population_rank: 13,
        },
        [19.9374, 50.0616],
      ),
      point({ kind: 'neighbourhood', kind_detail: 'suburb', name: 'Grzegórzki', min_zoom: 12 }, [19.958, 50.061]),
      point({ kind: 'macrohood', kind_detail: 'borough', name: 'Nowa Huta', min_zoom: 11 }, [20.044, 50.07]),
    ]),
  };
}

/** The tile holding a point at zoom z (slippy-map numbering, y from the north). */
export function tileAt(lng: number, lat: number, z: number): { x: number; y: number } {
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lng + 180) / 360) * 2 ** z),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z),
  };
}

/** [x, y] ranges of the tiles at zoom z that cover the bounds. */
function tileRange(z: number, [w, s, e, n]: [number, number, number, number]) {
  const nw = tileAt(w, n, z);
  const se = tileAt(e, s, z);
  return { x0: nw.x, x1: se.x, y0: nw.y, y1: se.y };
}

/** Every non-empty MVT tile (uncompressed) of the layers at zooms min..max inside the bounds. */
export function buildTiles(layers = krakowLayers(), bounds = TILESET_BOUNDS, zooms = TILESET_ZOOMS): TileInput[] {
  const indexes = Object.entries(layers).map(
    ([name, fc]) => [name, new GeoJSONVT(fc, { maxZoom: zooms.max, indexMaxZoom: zooms.max, buffer: 64 })] as const,
  );
  const tiles: TileInput[] = [];
  for (let z = zooms.min; z <= zooms.max; z++) {
    const { x0, x1, y0, y1 } = tileRange(z, bounds);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const present: Record<string, { features: unknown[] }> = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) present[name] = tile;
        }
        if (Object.keys(present).length > 0)
          tiles.push({ z, x, y, data: vtpbf.fromGeojsonVt(present, { version: 2, extent: 4096 }) });
      }
    }
  }
  return tiles;
}

/** Field lists for TileJSON `vector_layers` (what `pmtiles show` prints and inspectors read). */
function vectorLayers(layers: Record<string, FeatureCollection>, zooms = TILESET_ZOOMS) {
  return Object.entries(layers).map(([id, fc]) => {
    const fields: Record<string, string> = {};
    for (const f of fc.features)
      for (const [k, v] of Object.entries(f.properties ?? {})) fields[k] = typeof v === 'number' ? 'Number' : 'String';
    return { id, fields, minzoom: zooms.min, maxzoom: zooms.max };
  });
}

/** The whole test archive, as `pmtiles extract` would have written it for these few features. */
export function buildKrakowPmtiles(compression: PmtilesOptions['compression'] = 'gzip'): Uint8Array {
  const layers = krakowLayers();
  return writePmtiles(buildTiles(layers), {
    compression,
    bounds: TILESET_BOUNDS,
    center: [19.945, 50.056, 12],
    metadata: {
      name: 'Kraków test basemap',
      description: 'A few Kraków streets, the Vistula and place names in the Protomaps basemap schema, for tests only',
      attribution: '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap</a>',
      type: 'baselayer',
      vector_layers: vectorLayers(layers),
    },
  });
}
