import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceM } from '../../src/common/geo/distance.ts';
import { PointCollection, type PointFeature } from '../../src/common/points.ts';
import { approve, createPoint, fresh, helpBody, KAZIMIERZ, moderatorCookie, type TestApp } from './helpers.ts';

/**
 * GET /api/points/nearest: "find help" on a help map too big to send whole. The server ranks every offer the public
 * list shows, not just the ones a phone holds, by the published position (a private person's cell).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const DAY = 86_400_000;
const START = Date.parse('2026-03-02T09:00:00Z');
const KINDS = ['zakupy', 'transport', 'rozmowa', 'seniorzy'];

async function nearest(app: TestApp, query: string): Promise<PointFeature[]> {
  const res = await app.request(`/api/points/nearest?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return PointCollection.parse(await res.json()).features;
}
const at = (f: PointFeature) => f.geometry.coordinates as [number, number];
const near = ({ lng, lat }: { lng: number; lat: number }) => `near=${lng},${lat}`;

describe('the help offers nearest a place', () => {
  const clock = { t: START };
  let app: TestApp;
  let cookie: string;
  const publish = async (over: Record<string, unknown>) => {
    const { id } = await createPoint(app, helpBody(over));
    await approve(app, cookie, id);
    return id;
  };

  beforeAll(async () => {
    const made = fresh({ now: () => new Date(clock.t), limits: { writes: { max: 1e9, windowMs: 60_000 } } });
    app = made.app;
    cookie = await moderatorCookie(app, made.db);
  });
  afterAll(() => {
    clock.t = START;
  });

  it('lists them nearest first, only of the chosen kinds, at most `limit`, and leaves out unapproved ones', async () => {
    const plac = await publish({ name: 'Przy placu', lng: 19.9448, lat: 50.0515, kinds: ['zakupy'] });
    const szeroka = await publish({ name: 'Szeroka', lng: 19.9479, lat: 50.0527, kinds: ['zakupy', 'transport'] });
    const talk = await publish({ name: 'Tylko rozmowa', lng: 19.9447, lat: 50.0514, kinds: ['rozmowa'] });
    // Nowa Huta, about 9 km away: past the first rounds of the search, still found when nothing nearer is.
    const huta = await publish({ name: 'Huta', lng: 20.0366, lat: 50.0717, kinds: ['zakupy'] });
    await createPoint(app, helpBody({ name: 'Czeka', lng: 19.9447, lat: 50.0514, kinds: ['zakupy'] }));

    const shopping = await nearest(app, `${near(KAZIMIERZ)}&kinds=zakupy`);
    expect(shopping.map((f) => f.id)).toEqual([plac, szeroka, huta]);
    expect((await nearest(app, `${near(KAZIMIERZ)}&kinds=zakupy&limit=2`)).map((f) => f.id)).toEqual([plac, szeroka]);
    expect((await nearest(app, `${near(KAZIMIERZ)}&kinds=rozmowa,transport`)).map((f) => f.id)).toEqual([
      talk,
      szeroka,
    ]);
    expect((await nearest(app, `${near({ lng: 20.03, lat: 50.07 })}&limit=1`)).map((f) => f.id)).toEqual([huta]);
    // Without kinds: every kind.
    expect((await nearest(app, near(KAZIMIERZ))).map((f) => f.id)).toEqual([talk, plac, szeroka, huta]);
  });

  it('ranks a private person by their published cell and never answers their exact point or withheld contacts', async () => {
    const door = { lng: 19.9431234, lat: 50.0496789 };
    const id = await publish({
      helperType: 'person',
      name: 'Pani Ewa',
      ...door,
      kinds: ['seniorzy'],
      contact: { phone: '+48 600 999 111', email: 'ewa.prywatna@example.org' },
      contactConsent: { phone: false, email: false },
    });
    const res = await app.request(`/api/points/nearest?${near(door)}&kinds=seniorzy`);
    const text = await res.text();
    for (const secret of ['19.9431234', '50.0496789', '600 999 111', 'ewa.prywatna'])
      expect(text).not.toContain(secret);
    const [found] = PointCollection.parse(JSON.parse(text)).features;
    const listed = PointCollection.parse(await (await app.request('/api/points?layer=help')).json()).features;
    expect(found!.id).toBe(id);
    expect(found).toEqual(listed.find((f) => f.id === id));
  });

  it('leaves out offers past the hide limit, as the public list does', async () => {
    const old = await publish({ name: 'Dawno niepotwierdzona', lng: 19.9452, lat: 50.0512, kinds: ['zakupy'] });
    expect((await nearest(app, `${near(KAZIMIERZ)}&kinds=zakupy`)).map((f) => f.id)).toContain(old);
    clock.t = START + 200 * DAY;
    expect(await nearest(app, `${near(KAZIMIERZ)}&kinds=zakupy`)).toEqual([]);
    clock.t = START;
  });

  it('names the field for a missing place, a place outside Kraków, an unknown kind, a bad limit or an unknown field', async () => {
    const cases: [string, string][] = [
      ['kinds=zakupy', 'near'],
      ['near=21.01,52.23', 'near'],
      ['near=abc', 'near'],
      [`${near(KAZIMIERZ)}&kinds=zakupy,latanie`, 'kinds'],
      [`${near(KAZIMIERZ)}&kinds=zakupy,zakupy`, 'kinds'],
      [`${near(KAZIMIERZ)}&limit=0`, 'limit'],
      [`${near(KAZIMIERZ)}&limit=201`, 'limit'],
      [`${near(KAZIMIERZ)}&radius=5`, 'radius'],
    ];
    for (const [query, field] of cases) {
      const res = await app.request(`/api/points/nearest?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { issues: { path: string }[] };
      expect(body.issues.map((i) => i.path).join(' '), query).toContain(field);
    }
  });
});

describe('the nearest offers, for any layout, place, kinds and limit', () => {
  it('are exactly the nearest matching offers of the whole public list, nearest first', async () => {
    const { app, db } = fresh({ limits: { writes: { max: 1e9, windowMs: 60_000 } } });
    const cookie = await moderatorCookie(app, db);
    // Dense in Kazimierz, sparse across the city: some answers come from the first round, some from the last.
    const random = mulberry32(11);
    for (let i = 0; i < 60; i++) {
      const dense = i < 40;
      const lng = dense ? 19.94 + random() * 0.012 : 19.8 + random() * 0.35;
      const lat = dense ? 50.046 + random() * 0.01 : 49.98 + random() * 0.12;
      const kinds = KINDS.filter(() => random() < 0.4);
      const { id } = await createPoint(
        app,
        helpBody({
          name: `Oferta ${i}`,
          lng: round(lng),
          lat: round(lat),
          kinds: kinds.length ? kinds : ['seniorzy'],
          helperType: random() < 0.3 ? 'person' : 'organisation',
        }),
      );
      await approve(app, cookie, id);
    }
    const all = PointCollection.parse(await (await app.request('/api/points?layer=help')).json()).features;
    const query = fc.record({
      lng: fc.double({ min: 19.8, max: 20.15, noNaN: true }),
      lat: fc.double({ min: 49.98, max: 50.1, noNaN: true }),
      kinds: fc.subarray(KINDS),
      limit: fc.integer({ min: 1, max: 70 }),
    });
    await fc.assert(
      fc.asyncProperty(query, async ({ lng, lat, kinds, limit }) => {
        const origin: [number, number] = [round(lng), round(lat)];
        const found = await nearest(
          app,
          `near=${origin.join(',')}&limit=${limit}${kinds.length ? `&kinds=${kinds.join(',')}` : ''}`,
        );
        const matching = all.filter(
          (f) => f.properties.layer === 'help' && (!kinds.length || f.properties.kinds.some((k) => kinds.includes(k))),
        );
        const d = (f: PointFeature) => distanceM(origin, at(f));
        expect(found.length).toBe(Math.min(limit, matching.length));
        for (let i = 1; i < found.length; i++) expect(d(found[i]!)).toBeGreaterThanOrEqual(d(found[i - 1]!));
        const ids = new Set(found.map((f) => f.id));
        for (const f of found) expect(matching.map((m) => m.id)).toContain(f.id);
        // Ties (two persons in one cell) may come in either order; nothing left out may be nearer than the last one.
        const farthest = found.length ? d(found.at(-1)!) : 0;
        for (const f of matching) if (!ids.has(f.id)) expect(d(f)).toBeGreaterThanOrEqual(farthest);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
