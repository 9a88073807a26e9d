import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importMsipSubareas, subareaIdFor } from '../../../src/server/subarea-import.ts';
import { SubareaFile } from '../../../src/common/subareas.ts';

const ours = JSON.parse(readFileSync('data/subareas.geojson', 'utf8')) as {
  features: { properties: { id: string }; geometry: unknown }[];
};
/** An MSIP-shaped answer built from our own geometry, with the official spelling of names. */
const NAMES: Record<string, string> = {
  'kazimierz-stradom': 'Podobszar rewitalizacji Kazimierz-Stradom',
  'grzegorzki-wesola': 'Podobszar rewitalizacji Grzegórzki-Wesoła',
  'stara-nowa-huta': 'Podobszar rewitalizacji „stara” Nowa Huta',
};
const msip = (names = NAMES) => ({
  type: 'FeatureCollection',
  features: ours.features.map((f) => ({
    type: 'Feature',
    properties: { nazwa_gpr: names[f.properties.id], objectid: 1 },
    geometry: f.geometry,
  })),
});

describe('subareaIdFor', () => {
  it.each([
    ['Kazimierz-Stradom', 'kazimierz-stradom'],
    ['GRZEGÓRZKI-WESOŁA', 'grzegorzki-wesola'],
    ['"stara" Nowa Huta', 'stara-nowa-huta'],
    ['Podgórze', null],
  ])('maps %s to %s', (name, id) => expect(subareaIdFor(name)).toBe(id));
});

describe('importMsipSubareas', () => {
  it('produces a file the server accepts, marked OFFICIAL with its source', () => {
    const { collection } = importMsipSubareas(msip(), 'MSIP 2341', '2026-11-25');
    const parsed = SubareaFile.parse(collection);
    expect(parsed.features.map((f) => f.properties.id).sort()).toEqual([
      'grzegorzki-wesola',
      'kazimierz-stradom',
      'stara-nowa-huta',
    ]);
    expect(parsed.features[0]!.properties.status).toMatch(/^OFFICIAL/);
    expect(parsed.features[0]!.properties.official_source).toBe('MSIP 2341');
  });

  it('merges several polygons of one subarea into a MultiPolygon', () => {
    const doubled = msip();
    doubled.features.push({ ...doubled.features[0]! });
    const { collection } = importMsipSubareas(doubled, 'x', '2026-11-25');
    const f = (collection.features as { properties: { id: string }; geometry: { type: string } }[]).find(
      (x) => x.properties.id === ours.features[0]!.properties.id,
    );
    expect(f!.geometry.type).toBe('MultiPolygon');
  });

  it('names the missing subarea instead of writing a file with two', () => {
    const names = { ...NAMES, 'stara-nowa-huta': 'Podgórze' };
    expect(() => importMsipSubareas(msip(names), 'x', '2026-11-25')).toThrow(
      /no feature for: stara-nowa-huta.*Podgórze/,
    );
  });

  it('rejects a file without nazwa_gpr, naming the field', () => {
    expect(() =>
      importMsipSubareas(
        {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: ours.features[0]!.geometry }],
        },
        'x',
        'd',
      ),
    ).toThrow(/nazwa_gpr/);
  });
});
