import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { areaHa, boundsOf, labelPoint, subareaAt } from '../../../src/common/geo/index.ts';
import { SubareaFile } from '../../../src/common/subareas.ts';

const subareas = SubareaFile.parse(JSON.parse(readFileSync('data/subareas.geojson', 'utf8'))).features;
const places = JSON.parse(readFileSync('tests/fixtures/places.geojson', 'utf8')) as {
  features: { properties: { name: string; subarea: string }; geometry: { coordinates: [number, number] } }[];
};

describe('subareaAt', () => {
  it.each([
    ['Plac Nowy', [19.9447, 50.0514], 'kazimierz-stradom'],
    ['Plac Centralny', [20.0375, 50.0719], 'stara-nowa-huta'],
    ['Hala Targowa on Grzegórzecka', [19.9515, 50.0587], 'grzegorzki-wesola'],
    ['Rynek Główny', [19.9373, 50.0617], null],
    ['Wawel', [19.9355, 50.054], null],
  ] as const)('puts %s in %s', (_name, point, expected) => {
    expect(subareaAt(point, subareas)).toBe(expected);
  });

  it('puts each of the 41 named places in its own subarea', () => {
    expect(places.features).toHaveLength(41);
    for (const place of places.features) {
      expect(subareaAt(place.geometry.coordinates, subareas), place.properties.name).toBe(place.properties.subarea);
    }
  });

  it('rejects a point that is not a pair of numbers, naming what it got', () => {
    expect(() => subareaAt([Number.NaN, 50], subareas)).toThrow(/expected \[lng, lat\]/);
  });
});

describe('areaHa', () => {
  it('computes areas close to the estimates recorded with the boundaries', () => {
    for (const f of subareas) {
      const recorded = Number(f.properties['area_ha_estimate']);
      expect(Math.abs(areaHa(f.geometry) - recorded) / recorded, f.properties.id).toBeLessThan(0.02);
    }
  });
});

describe('boundsOf', () => {
  it('covers all three subareas from Kazimierz in the west to Nowa Huta in the east', () => {
    const [w, s, e, n] = boundsOf(subareas.map((f) => f.geometry));
    expect(w).toBeCloseTo(19.9359, 4);
    expect(e).toBeCloseTo(20.0531, 4);
    expect(s).toBeLessThan(50.046);
    expect(n).toBeGreaterThan(50.084);
  });

  it('refuses an empty list instead of returning Infinity', () => {
    expect(() => boundsOf([])).toThrow(/no geometries/);
  });
});

describe('labelPoint', () => {
  it('puts each subarea name inside its own subarea', () => {
    for (const f of subareas) {
      expect(subareaAt(labelPoint(f.geometry), subareas), f.properties.id).toBe(f.properties.id);
    }
  });

  it('labels the largest part of a multipolygon', () => {
    const small = [
      [
        [20.1, 50.1],
        [20.101, 50.1],
        [20.101, 50.101],
        [20.1, 50.1],
      ],
    ];
    const big = subareas[0]!.geometry.type === 'Polygon' ? subareas[0]!.geometry.coordinates : [];
    const point = labelPoint({ type: 'MultiPolygon', coordinates: [small, big] });
    expect(subareaAt(point, subareas)).toBe(subareas[0]!.properties.id);
  });
});
