import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { loadSiteData } from '../../src/server/site-data.ts';
import { cellBounds, coarsen } from '../../src/server/privacy.ts';
import { subareaAt } from '../../src/common/geo/index.ts';
import { createApp } from '../../src/server/app.ts';
import { approve, bearer, createPoint, fresh, helpBody, KAZIMIERZ, moderatorCookie } from './helpers.ts';

/**
 * Everything public about a private person's offer derives from their ~150 m cell alone. Two people whose doors are
 * in the same cell must therefore be indistinguishable in every public answer: the map's list and its filters, the
 * point itself, the live event, both exports, the statistics and the subarea counts. The exact points are drawn near
 * the subarea boundaries (within 300 m of every one of them), where a cell is most often cut in two and the subarea
 * of the exact point would tell on which side of the line the door is.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const NEAR_M = 300;
const M_PER_DEG = 111_320;

const site = loadSiteData('data');
const SUBAREA_IDS = site.subareas.map((s) => s.id);

/** Each subarea's boundary as segments, with their lengths in metres so points spread evenly along it. */
type Segment = { a: [number, number]; b: [number, number]; m: number };
const boundaries: Segment[][] = site.subareas.map(({ geometry }) => {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flat().flatMap((ring) =>
    ring.slice(1).map((b, i) => {
      const a = ring[i]!;
      const m = Math.hypot(
        (b[0]! - a[0]!) * M_PER_DEG * Math.cos((a[1]! * Math.PI) / 180),
        (b[1]! - a[1]!) * M_PER_DEG,
      );
      return { a: [a[0]!, a[1]!] as [number, number], b: [b[0]!, b[1]!] as [number, number], m };
    }),
  );
});

function alongBoundary(segments: Segment[], at: number): [number, number] {
  let left = at * segments.reduce((sum, s) => sum + s.m, 0);
  for (const s of segments) {
    if (left <= s.m) {
      const t = s.m === 0 ? 0 : left / s.m;
      return [s.a[0] + t * (s.b[0] - s.a[0]), s.a[1] + t * (s.b[1] - s.a[1])];
    }
    left -= s.m;
  }
  return segments.at(-1)!.b;
}

const inCell = fc.tuple(
  fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  fc.double({ min: 0.01, max: 0.99, noNaN: true }),
);
/** Two exact points in one cell, the cell within NEAR_M of a point on some subarea's boundary. */
const pair = fc
  .record({
    subarea: fc.integer({ min: 0, max: boundaries.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    distanceM: fc.double({ min: 0, max: NEAR_M, noNaN: true }),
    bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    first: inCell,
    second: inCell,
    consent: fc.record({ phone: fc.boolean(), email: fc.boolean(), www: fc.boolean() }),
  })
  .map((g) => {
    const [lng0, lat0] = alongBoundary(boundaries[g.subarea]!, g.at);
    const lat = lat0 + (g.distanceM * Math.sin(g.bearing)) / M_PER_DEG;
    const lng = lng0 + (g.distanceM * Math.cos(g.bearing)) / (M_PER_DEG * Math.cos((lat0 * Math.PI) / 180));
    const [w, s, e, n] = cellBounds(lng, lat);
    const at = ([fx, fy]: [number, number]) => ({ lng: w + fx * (e - w), lat: s + fy * (n - s) });
    return { a: at(g.first), b: at(g.second), consent: g.consent };
  });

/** One app with its moderator and a record of the live events, like a browser listening on /api/events. */
async function world() {
  const bus = new EventBus();
  const events: string[] = [];
  bus.subscribe((m) => events.push(JSON.stringify(m)));
  // One clock for both worlds: creation and confirmation times are then equal, and only the position differs.
  const at = new Date('2026-12-01T10:00:00.000Z');
  const { app, db } = fresh({ bus, now: () => at, limits: { writes: { max: 1e9, windowMs: 60_000 } } });
  const cookie = await moderatorCookie(app, db);
  return { app, cookie, events };
}
type World = Awaited<ReturnType<typeof world>>;

/** Every public answer that mentions the offer, with its random id replaced so two worlds can be compared. */
async function publicAnswers({ app, cookie, events }: World, where: { lng: number; lat: number }, consent: object) {
  events.length = 0;
  const body = helpBody({
    helperType: 'person',
    ...where,
    name: 'Anna Sąsiadka',
    description: 'Zrobię zakupy.',
    contact: { phone: '+48 600 700 800', email: 'anna@example.org', www: 'https://anna.example.org' },
    contactConsent: consent,
  });
  const { id, editToken } = await createPoint(app, body);
  await approve(app, cookie, id);
  const [w, s, e, n] = cellBounds(where.lng, where.lat);
  const urls = [
    '/api/points?layer=help',
    `/api/points?layer=help&bbox=${w},${s},${e},${n}`,
    `/api/points/${id}`,
    '/api/export/points.geojson?layer=help',
    '/api/export/points.csv?layer=help',
    '/api/stats',
    '/api/subareas',
    ...SUBAREA_IDS.flatMap((sub) => [
      `/api/points?layer=help&subarea=${sub}`,
      `/api/export/points.geojson?layer=help&subarea=${sub}`,
      `/api/export/points.csv?layer=help&subarea=${sub}`,
      `/api/stats?subarea=${sub}`,
    ]),
  ];
  const answers: Record<string, string> = {};
  for (const url of urls) {
    const res = await app.request(url);
    expect(res.status, url).toBe(200);
    answers[url.replace(id, 'ID')] = (await res.text()).replaceAll(id, 'ID');
  }
  answers['SSE'] = events.join('\n').replaceAll(id, 'ID');
  // Removed again, so the next run starts from an empty map in both worlds.
  const removed = await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
  expect(removed.status).toBe(200);
  return answers;
}

describe('public subarea of a private person', () => {
  it(
    'every public answer is identical for two exact points in the same ~150 m cell near any subarea boundary',
    async () => {
      const one = await world();
      const other = await world();
      await fc.assert(
        fc.asyncProperty(pair, async ({ a, b, consent }) => {
          expect(coarsen(a.lng, a.lat)).toEqual(coarsen(b.lng, b.lat));
          expect(await publicAnswers(other, b, consent)).toEqual(await publicAnswers(one, a, consent));
        }),
        { numRuns: RUNS },
      );
    },
    // Each run builds apps on a fresh database: a fraction of a second on SQLite, more on PostgreSQL under load.
    20_000 + RUNS * 1_500,
  );

  it('is the subarea containing the published cell centre, even where the exact point lies in another one', async () => {
    const { app, cookie } = await world();
    const areas = site.subareas.map((a) => ({ properties: { id: a.id }, geometry: a.geometry }));
    for (const segments of boundaries) {
      // Along this boundary, the first cell with an inside corner whose subarea differs from the cell centre's.
      const straddling = Array.from({ length: 400 }, (_, k) => alongBoundary(segments, k / 400)).flatMap(
        ([lng, lat]) => {
          const [w, s, e, n] = cellBounds(lng, lat);
          const centre = coarsen(lng, lat);
          const corners: [number, number][] = [
            [w, s],
            [e, s],
            [w, n],
            [e, n],
          ].map(([x, y]) => [x! + (x === w ? 1e-6 : -1e-6), y! + (y === s ? 1e-6 : -1e-6)]);
          const odd = corners.find((c) => subareaAt(c, areas) !== subareaAt(centre, areas));
          return odd ? [{ exact: odd, expected: subareaAt(centre, areas) }] : [];
        },
      )[0];
      // Every boundary has such a cell, so this test cannot pass without checking anything.
      expect(straddling).toBeDefined();
      const { exact, expected } = straddling!;
      const { id } = await createPoint(app, helpBody({ helperType: 'person', lng: exact[0], lat: exact[1] }));
      await approve(app, cookie, id);
      const feature = (await (await app.request(`/api/points/${id}`)).json()) as {
        properties: { subarea: string | null };
      };
      expect(feature.properties.subarea).toBe(expected);
    }
  });

  it('corrects at start-up a stored subarea that came from the exact point or from older boundaries', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id } = await createPoint(app, helpBody({ helperType: 'person', ...KAZIMIERZ }));
    await approve(app, cookie, id);
    await db.run("UPDATE points SET subarea = 'stara-nowa-huta' WHERE id = ?", id);
    const restarted = createApp(db.store, { basemapStyleUrl: null });
    const feature = await (await restarted.request(`/api/points/${id}`)).json();
    expect(feature.properties.subarea).toBe('kazimierz-stradom');
  });
});
