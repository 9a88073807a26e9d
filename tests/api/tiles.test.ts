import { describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import fc from 'fast-check';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { TileInfo } from '../../src/common/tiles.ts';
import { KRAKOW_BBOX } from '../../src/common/geo/bounds.ts';
import { InThreadBuilder } from '../../src/server/tiles/cluster-tiles.ts';
import {
  approve,
  createPoint,
  fresh,
  helpBody,
  KAZIMIERZ,
  moderatorCookie,
  walkBody,
  type TestApp,
} from './helpers.ts';

/** The tile holding a position at zoom z (Web Mercator, as MapLibre asks for them). */
function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

interface Decoded {
  properties: Record<string, unknown>;
  lng: number;
  lat: number;
}

async function tile(app: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(`/api/tiles/${path}`, { headers });
  return res;
}

/** Fetches and decodes one tile's features, with their positions back in degrees. */
async function features(app: TestApp, layer: string, z: number, x: number, y: number, query = ''): Promise<Decoded[]> {
  const res = await tile(app, `${layer}/${z}/${x}/${y}.mvt${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
  const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const l = vt.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i).toGeoJSON(x, y, z);
    const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    return { properties: f.properties ?? {}, lng, lat };
  });
}

async function publish(app: TestApp, cookie: string, body: object) {
  const created = await createPoint(app, body);
  await approve(app, cookie, created.id);
  return created.id;
}

// Every pin here comes from the test's one address: the per-address write limit would refuse the 13th.
const open = () => fresh({ limits: { writes: { max: 1e6, windowMs: 60_000 } } });
const near = (i: number) => ({ lng: KAZIMIERZ.lng + i * 0.0004, lat: KAZIMIERZ.lat + i * 0.0003 });

describe('GET /api/tiles/<layer>/<z>/<x>/<y>.mvt', () => {
  it('clusters walk pins below the clustering zoom, with how many keep and change pins each cluster holds', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    for (let i = 0; i < 5; i++) await publish(app, cookie, walkBody({ ...near(i), kind: i < 3 ? 'keep' : 'change' }));
    // A pending pin is not published: it must count nowhere.
    await createPoint(app, walkBody({ ...near(9), kind: 'change' }));

    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 10);
    const clustered = await features(app, 'walk', 10, x, y);
    expect(clustered).toHaveLength(1);
    expect(clustered[0]!.properties).toMatchObject({ cluster: true, point_count: 5, keep: 3, change: 2 });
    expect(clustered[0]!.properties['expansion_zoom']).toBeGreaterThan(10);

    // Past the clustering zoom every pin is its own feature, carrying the id a click fetches.
    const [x17, y17] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 17);
    const single = await features(app, 'walk', 17, x17, y17);
    expect(single.length).toBeGreaterThan(0);
    for (const f of single) {
      expect(f.properties).not.toHaveProperty('cluster');
      expect(f.properties['id']).toEqual(expect.any(String));
      expect(['keep', 'change']).toContain(f.properties['kind']);
      expect(f.properties['theme']).toBe('zielen');
    }
  });

  it('counts only the pins the walk filters keep', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    for (let i = 0; i < 4; i++) await publish(app, cookie, walkBody({ ...near(i), kind: i < 3 ? 'keep' : 'change' }));
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 10);
    const keepOnly = await features(app, 'walk', 10, x, y, '?kind=keep');
    expect(keepOnly[0]!.properties).toMatchObject({ point_count: 3, keep: 3, change: 0 });
    expect(await features(app, 'walk', 10, x, y, '?subarea=none')).toHaveLength(0);
  });

  it('a published change empties the tile cache: the next tile holds the new pin', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    await publish(app, cookie, walkBody());
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 17);
    const before = await tile(app, `walk/17/${x}/${y}.mvt`);
    const etag = before.headers.get('ETag')!;
    expect((await tile(app, `walk/17/${x}/${y}.mvt`, { 'If-None-Match': etag })).status).toBe(304);

    await publish(app, cookie, walkBody({ ...near(1), kind: 'change' }));
    const after = await tile(app, `walk/17/${x}/${y}.mvt`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect((await features(app, 'walk', 17, x, y)).map((f) => f.properties['kind']).sort()).toEqual(['change', 'keep']);
  });

  it('help tiles carry each offer as the map draws it, and clusters count persons and organisations', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    await publish(app, cookie, helpBody());
    await publish(app, cookie, helpBody({ ...near(2), helperType: 'person', kinds: ['rozmowa'] }));
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 8);
    const [cluster] = await features(app, 'help', 8, x, y);
    expect(cluster!.properties).toMatchObject({ point_count: 2, persons: 1, organisations: 1 });
    const [x17, y17] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 17);
    const org = (await features(app, 'help', 17, x17, y17)).find((f) => f.properties['person'] === false);
    expect(org?.properties).toMatchObject({ kind: 'zakupy', radiusM: 0, state: 'fresh', opacity: 1 });
  });

  it('help tiles fade an unconfirmed offer, show a paused one as paused and drop one past the hide limit', async () => {
    const clock = { t: Date.parse('2026-01-10T09:00:00Z') };
    const { app, db } = fresh({ now: () => new Date(clock.t), limits: { writes: { max: 1e6, windowMs: 60_000 } } });
    const cookie = await moderatorCookie(app, db);
    // A few metres apart: one tile holds them all.
    const close = (i: number) => ({ lng: KAZIMIERZ.lng + i * 0.00005, lat: KAZIMIERZ.lat + i * 0.00004 });
    const old = await createPoint(app, helpBody({ name: 'Stara oferta' }));
    await approve(app, cookie, old.id);
    const pausedOld = await createPoint(app, helpBody({ ...close(1), name: 'Wstrzymana i stara' }));
    await approve(app, cookie, pausedOld.id);
    await app.request(`/api/points/${pausedOld.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${pausedOld.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ layer: 'help', paused: true }),
    });
    clock.t += 70 * 86_400_000;
    const recent = await createPoint(app, helpBody({ ...close(2), name: 'Nowa oferta' }));
    await approve(app, await moderatorCookie(app, db), recent.id);
    const paused = await createPoint(app, helpBody({ ...close(3), name: 'Wstrzymana' }));
    await approve(app, await moderatorCookie(app, db), paused.id);
    const patched = await app.request(`/api/points/${paused.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${paused.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ layer: 'help', paused: true }),
    });
    expect(patched.status).toBe(200);
    // Past the last clustered zoom (15), each offer is drawn on its own.
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 16);
    const drawn = async () =>
      Object.fromEntries((await features(app, 'help', 16, x, y)).map((f) => [f.properties['id'], f.properties]));
    expect(await drawn()).toMatchObject({
      [old.id]: { state: 'fading', opacity: 0.4 },
      [pausedOld.id]: { state: 'paused', opacity: 0.55 },
      [recent.id]: { state: 'fresh', opacity: 1 },
      [paused.id]: { state: 'paused', opacity: 0.55 },
    });
    // Past the hide limit an offer leaves the public list, paused or not, and its tiles with it.
    clock.t += 25 * 86_400_000;
    const left = await drawn();
    expect(Object.keys(left).sort()).toEqual([recent.id, paused.id].sort());
  });

  it('compresses a tile over 1 KB for a browser that accepts it', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    // 60 single pins in one tile past the clustering zoom: each carries its own id, kind and theme.
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 17);
    const west = (x / 2 ** 17) * 360 - 180;
    const lngStep = 360 / 2 ** 17 / 10;
    const north = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** 17))) * 180) / Math.PI;
    for (let i = 0; i < 60; i++) {
      const at = { lng: west + lngStep * (1 + (i % 8)), lat: north - lngStep * 0.6 * (1 + Math.floor(i / 8)) };
      await publish(app, cookie, walkBody({ ...at, title: `Punkt numer ${i}` }));
    }
    const plain = await tile(app, `walk/17/${x}/${y}.mvt`);
    const raw = new Uint8Array(await plain.arrayBuffer());
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(raw.length).toBeGreaterThan(1024);
    const br = await tile(app, `walk/17/${x}/${y}.mvt`, { 'Accept-Encoding': 'br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(new Uint8Array(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())))).toEqual(raw);
  });

  it.each([
    ['walk/abc/0/0.mvt', 'z'],
    ['walk/19/0/0.mvt', 'z'],
    ['walk/2/4/0.mvt', 'x'],
    ['walk/2/0/4.mvt', 'y'],
    ['walk/2/0/1.png', 'y'],
    ['walk/2/-1/1.mvt', 'x'],
    ['roads/2/1/1.mvt', 'layer'],
    ['walk/2/1/1.mvt?zoom=3', 'zoom'],
    ['help/2/1/1.mvt?kind=keep', 'kind'],
    ['walk/2/1/1.mvt?theme=%3Cb%3E', 'theme'],
  ])('refuses %s with 400 naming %s', async (path, field) => {
    const { app } = open();
    const res = await tile(app, path);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toContain(field);
  });
});

describe('GET /api/tiles/<layer>.json', () => {
  it('describes the tiles and says how many pins the layer shows now', async () => {
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    await publish(app, cookie, walkBody());
    await createPoint(app, walkBody());
    const res = await app.request('/api/tiles/walk.json');
    expect(res.status).toBe(200);
    const info = TileInfo.parse(await res.json());
    expect(info).toMatchObject({ count: 1, tiles: ['/api/tiles/walk/{z}/{x}/{y}.mvt'], maxzoom: 17 });
    expect((await app.request('/api/tiles/roads.json')).status).toBe(400);
  });

  it('warming up reads and clusters both layers before any map asks, and the first map uses those', async () => {
    const built: string[] = [];
    const { app, db, store } = fresh({
      tileIndexes: (limits) => {
        const inThread = new InThreadBuilder((layer) => store.points.listForTiles(layer), limits);
        return {
          build: (layer, filters, now) => {
            built.push(`${layer} ${JSON.stringify(filters)}`);
            return inThread.build(layer, filters, now);
          },
          close: () => inThread.close(),
        };
      },
    });
    const cookie = await moderatorCookie(app, db);
    await publish(app, cookie, walkBody());
    await app.warmTiles();
    expect(built.sort()).toEqual(['help {}', 'walk {}']);
    const info = TileInfo.parse(await (await app.request('/api/tiles/walk.json')).json());
    expect(info.count).toBe(1);
    const [x, y] = tileOf(KAZIMIERZ.lng, KAZIMIERZ.lat, 12);
    expect(await features(app, 'walk', 12, x, y)).toHaveLength(1);
    expect(built).toHaveLength(2);
  });
});

describe('tiles and privacy', () => {
  it("a private person's exact position appears in no tile at any zoom, only their cell's centre", async () => {
    const [w, s, e, n] = KRAKOW_BBOX;
    const { app, db } = open();
    const cookie = await moderatorCookie(app, db);
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: w + 0.01, max: e - 0.01, noNaN: true }),
        fc.double({ min: s + 0.01, max: n - 0.01, noNaN: true }),
        async (lng, lat) => {
          const name = `Osoba ${lng.toFixed(6)}`;
          const id = await publish(app, cookie, helpBody({ lng, lat, helperType: 'person', name, contact: {} }));
          for (let z = 0; z <= 18; z++) {
            const [x, y] = tileOf(lng, lat, z);
            for (const f of await features(app, 'help', z, x, y)) {
              // Tile coordinates round to 1/4096 of a tile: at zoom 18 that is under 4 cm, far below the ~50 m
              // a cell centre lies from a random door on average.
              const metres = Math.hypot((f.lng - lng) * 71_500, (f.lat - lat) * 111_200);
              expect(metres).toBeGreaterThan(1);
            }
          }
          // And the one place it does appear is the public position the list publishes.
          const pub = (await (await app.request(`/api/points/${id}`)).json()) as GeoJSON.Feature<GeoJSON.Point>;
          const [px, py] = pub.geometry.coordinates as [number, number];
          const [x18, y18] = tileOf(px, py, 18);
          const mine = (await features(app, 'help', 18, x18, y18)).find((f) => f.properties['id'] === id);
          expect(mine, 'drawn at its cell centre').toBeDefined();
          expect(Math.hypot((mine!.lng - px) * 71_500, (mine!.lat - py) * 111_200)).toBeLessThan(0.1);
        },
      ),
      { numRuns: 12 },
    );
  });
});
