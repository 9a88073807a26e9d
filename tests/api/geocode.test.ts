import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fresh } from './helpers.ts';
import { importAddresses } from '../../src/server/geocode/import.ts';
import { OnlineGeocoder } from '../../src/server/geocode/online.ts';
import { GeocodeAnswer, ReverseAnswer } from '../../src/common/geocode.ts';
import { distanceM } from '../../src/common/geo/index.ts';
import { FIXTURE_ADDRESSES, prgGml, type FixtureAddress } from '../support/prg-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'geocode-test-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const at = (street: string, number: string): FixtureAddress =>
  FIXTURE_ADDRESSES.find((a) => a.street === street && a.number === number)!;

async function installed() {
  const t = fresh();
  const summary = await importAddresses(t.store.addresses, file('prg.gml', prgGml()));
  return { ...t, summary };
}
type T = Awaited<ReturnType<typeof installed>>;

async function search(app: T['app'], q: string) {
  const res = await app.request(`/api/geocode?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return GeocodeAnswer.parse(await res.json());
}
async function reverse(app: T['app'], lng: number, lat: number) {
  const res = await app.request(`/api/geocode/reverse?lng=${lng}&lat=${lat}`);
  expect(res.status).toBe(200);
  return ReverseAnswer.parse(await res.json());
}

describe('address import from the official register (PRG GML)', () => {
  let t: T;
  beforeAll(async () => {
    t = await installed();
  });

  it('keeps the numbered Kraków addresses and leaves out other towns, unnamed streets and planned buildings', () => {
    const kept = FIXTURE_ADDRESSES.filter((a) => a.city === 'Kraków' && a.street && !a.status).length;
    expect(t.summary).toMatchObject({ format: 'prg-gml', read: FIXTURE_ADDRESSES.length, points: kept, streets: 5 });
  });

  it('finds "jozefa 12" without diacritics, at the building\'s position', async () => {
    const { results, addresses } = await search(t.app, 'jozefa 12');
    expect(addresses).toBe(true);
    expect(results[0]).toMatchObject({ label: 'ul. Józefa 12', kind: 'address', subarea: 'kazimierz-stradom' });
    const j12 = at('ul. Józefa', '12');
    expect(distanceM([results[0]!.lng, results[0]!.lat], [j12.lng, j12.lat])).toBeLessThan(0.5);
  });

  it('finds a number with a letter, and the building of a flat number', async () => {
    expect((await search(t.app, 'Józefa 12a')).results[0]).toMatchObject({ label: 'ul. Józefa 12a', kind: 'address' });
    expect((await search(t.app, 'ul. Józefa 12/3')).results[0]).toMatchObject({
      label: 'ul. Józefa 12',
      kind: 'address',
    });
  });

  it('gives a street without a number at the middle of its address points', async () => {
    const { results } = await search(t.app, 'ul. Miodowa');
    expect(results[0]).toMatchObject({ label: 'ul. Miodowa', kind: 'street', subarea: 'kazimierz-stradom' });
    const middle = FIXTURE_ADDRESSES.filter((a) => a.street === 'ul. Miodowa');
    const mean: [number, number] = [
      middle.reduce((s, a) => s + a.lng, 0) / middle.length,
      middle.reduce((s, a) => s + a.lat, 0) / middle.length,
    ];
    expect(distanceM([results[0]!.lng, results[0]!.lat], mean)).toBeLessThan(20);
  });

  it('forgives one typo in a long word ("Miodwa 15")', async () => {
    expect((await search(t.app, 'Miodwa 15')).results[0]).toMatchObject({ label: 'ul. Miodowa 15', kind: 'address' });
  });

  it('does not guess at a typo in a short word', async () => {
    const { results } = await search(t.app, 'Sxer 3');
    expect(results.filter((r) => r.kind !== 'place')).toEqual([]);
  });

  it('ranks the whole street name typed before a longer one it starts, and the subareas before the rest of Kraków', async () => {
    const jozefa = (await search(t.app, 'Józefa')).results.map((r) => r.label);
    expect(jozefa.indexOf('ul. Józefa')).toBeLessThan(jozefa.indexOf('ul. Józefa Dietla'));
    const miodowa = (await search(t.app, 'Miodowa 2')).results.map((r) => r.label);
    expect(miodowa[0]).toBe('ul. Miodowa 2');
    expect(miodowa.indexOf('ul. Miodowa 2')).toBeLessThan(miodowa.indexOf('ul. Miodowa Boczna 2'));
  });

  it('still finds the landmarks list', async () => {
    const { results } = await search(t.app, 'plac nowy');
    expect(results.some((r) => r.kind === 'place' && r.label.startsWith('Plac Nowy'))).toBe(true);
  });

  it('names the building within 50 m, with the distance', async () => {
    const j12 = at('ul. Józefa', '12');
    const { address } = await reverse(t.app, j12.lng, j12.lat + 0.0001); // ~11 m north
    expect(address).toMatchObject({ street: 'ul. Józefa', number: '12' });
    expect(address!.distanceM).toBeGreaterThan(5);
    expect(address!.distanceM).toBeLessThanOrEqual(50);
  });

  it('names only the street when the nearest building is further than 50 m', async () => {
    const s10 = at('ul. Szeroka', '10');
    const { address } = await reverse(t.app, s10.lng, s10.lat + 0.0007); // ~78 m north of the last number
    expect(address).toMatchObject({ street: 'ul. Szeroka', number: null });
  });

  it('names nothing far from every address', async () => {
    expect((await reverse(t.app, 19.9, 50.1)).address).toBeNull();
  });

  it('refuses a position outside Kraków or not a number, naming the field', async () => {
    const res = await t.app.request('/api/geocode/reverse?lng=21.0&lat=abc');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['lat', 'lng']);
  });

  it('refuses an empty or overlong query and unknown parameters', async () => {
    expect((await t.app.request('/api/geocode?q=')).status).toBe(400);
    expect((await t.app.request(`/api/geocode?q=${'a'.repeat(121)}`)).status).toBe(400);
    expect((await t.app.request('/api/geocode?q=jozefa&limit=99')).status).toBe(400);
  });
});

describe('a failed import', () => {
  it('refuses a broken file and leaves the installed addresses untouched', async () => {
    const t = await installed();
    const broken = prgGml().slice(0, 3000);
    await expect(importAddresses(t.store.addresses, file('broken.gml', broken))).rejects.toThrow();
    expect((await search(t.app, 'jozefa 12')).results[0]).toMatchObject({ label: 'ul. Józefa 12' });
  });

  it('refuses a file with no Kraków address, saying so', async () => {
    const t = await installed();
    const elsewhere = prgGml(FIXTURE_ADDRESSES.filter((a) => a.city !== 'Kraków'));
    await expect(importAddresses(t.store.addresses, file('wieliczka.gml', elsewhere))).rejects.toThrow(
      /no Kraków street address/,
    );
    expect((await search(t.app, 'Miodowa 15')).results[0]).toMatchObject({ label: 'ul. Miodowa 15' });
  });

  it('refuses a position that is not "northing easting"', async () => {
    const t = fresh();
    const bad = prgGml().replace(/<gml:pos>[^<]+<\/gml:pos>/, '<gml:pos>243144.03</gml:pos>');
    await expect(importAddresses(t.store.addresses, file('bad-pos.gml', bad))).rejects.toThrow(/gml:pos/);
  });

  it('refuses a file that is neither GML nor GeoJSON', async () => {
    const t = fresh();
    await expect(importAddresses(t.store.addresses, file('x.csv', 'ulica;numer\n'))).rejects.toThrow(/neither GML/);
  });
});

describe('address import from an OSM-style GeoJSON', () => {
  const feature = (street: string, number: string, city: string, lng: number, lat: number) =>
    JSON.stringify({
      type: 'Feature',
      properties: { 'addr:street': street, 'addr:housenumber': number, 'addr:city': city },
      geometry: { type: 'Point', coordinates: [lng, lat] },
    });

  it("reads ogr2ogr's one-feature-per-line output and keeps Kraków", async () => {
    const t = fresh();
    const lines = [
      '{',
      '"type": "FeatureCollection",',
      '"features": [',
      feature('Szeroka', '6', 'Kraków', 19.9484, 50.0532) + ',',
      feature('Plac Nowy', '1', 'Kraków', 19.9447, 50.0514) + ',',
      feature('Szeroka', '1', 'Wieliczka', 20.06, 49.98),
      ']',
      '}',
    ];
    const s = await importAddresses(t.store.addresses, file('osm.geojson', lines.join('\n')));
    expect(s).toMatchObject({ format: 'osm-geojson', read: 3, points: 2 });
    expect((await search(t.app, 'szeroka 6')).results[0]).toMatchObject({ label: 'ul. Szeroka 6', kind: 'address' });
    expect((await search(t.app, 'plac nowy 1')).results.map((r) => r.label)).toContain('Plac Nowy 1');
  });

  it('reads a small pretty-printed GeoJSON too', async () => {
    const t = fresh();
    const doc = {
      type: 'FeatureCollection',
      features: [JSON.parse(feature('Józefa', '3', 'Kraków', 19.944, 50.0517))],
    };
    const s = await importAddresses(t.store.addresses, file('pretty.geojson', JSON.stringify(doc, null, 2)));
    expect(s.points).toBe(1);
  });
});

describe('without an address register', () => {
  it('searches the landmarks list and says that street addresses are not installed', async () => {
    const { app } = fresh();
    const answer = await search(app, 'plac nowy');
    expect(answer.addresses).toBe(false);
    expect(answer.results[0]?.kind).toBe('place');
    expect(await reverse(app, 19.9447, 50.0514)).toEqual({ address: null, addresses: false });
  });
});

describe('the optional online geocoder', () => {
  const photon = (features: { lng: number; lat: number; street: string; housenumber?: string }[]) => ({
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.lng, f.lat] },
      properties: { street: f.street, housenumber: f.housenumber, city: 'Kraków' },
    })),
  });

  function withOnline(answer: unknown) {
    const calls: URL[] = [];
    let clock = 0;
    const online = new OnlineGeocoder({
      url: 'https://photon.example/api',
      now: () => clock,
      fetch: (async (url: URL) => {
        calls.push(url);
        return new Response(JSON.stringify(answer), { headers: { 'Content-Type': 'application/json' } });
      }) as typeof fetch,
    });
    return { ...fresh({ onlineGeocoder: online }), calls, tick: (ms: number) => (clock += ms) };
  }

  it('is asked by the server, bounded to Kraków, and its results carry its attribution', async () => {
    const t = withOnline(
      photon([
        { lng: 19.95, lat: 50.06, street: 'Długa', housenumber: '5' },
        { lng: 21.0, lat: 52.2, street: 'Długa', housenumber: '5' },
      ]),
    );
    const answer = await search(t.app, 'Długa 5');
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]!.searchParams.get('bbox')).toBe('19.79,49.96,20.22,50.13');
    expect(answer.results.filter((r) => r.kind === 'online')).toEqual([
      expect.objectContaining({ label: 'Długa 5', lng: 19.95 }),
    ]);
    expect(answer.attribution).toMatch(/OpenStreetMap/);
  });

  it('answers a repeated search from its cache and spaces out new calls', async () => {
    const t = withOnline(photon([{ lng: 19.95, lat: 50.06, street: 'Długa', housenumber: '5' }]));
    await search(t.app, 'Długa 5');
    t.tick(10_000);
    expect((await search(t.app, 'długa 5')).results.some((r) => r.kind === 'online')).toBe(true);
    expect(t.calls).toHaveLength(1);
    await search(t.app, 'Długa 7');
    t.tick(100);
    await search(t.app, 'Długa 9');
    expect(t.calls).toHaveLength(2);
  });

  it('is not asked when the offline sources found an address', async () => {
    const t = withOnline(photon([]));
    await importAddresses(t.store.addresses, file('prg-online.gml', prgGml()));
    await search(t.app, 'jozefa 12');
    expect(t.calls).toHaveLength(0);
  });
});
