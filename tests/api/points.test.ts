import { describe, expect, it } from 'vitest';
import { PointCollection, PointCreated, PointFeature } from '../../src/common/points.ts';
import {
  approve,
  bearer,
  createPoint,
  fresh,
  helpBody,
  json,
  KAZIMIERZ,
  moderatorCookie,
  OUTSIDE_SUBAREAS,
  walkBody,
} from './helpers.ts';

const issuesOf = async (res: Response) =>
  ((await res.json()) as { issues: { path: string; message: string }[] }).issues;

describe('POST /api/points', () => {
  it('stores a walk pin as pending and returns its id and a one-time edit token', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(walkBody()));
    expect(res.status).toBe(201);
    const body = PointCreated.parse(await res.json());
    expect(body.status).toBe('pending');
    expect(Buffer.from(body.editToken, 'base64url')).toHaveLength(32);
  });

  it('keeps pending points off the public map', async () => {
    const { app } = fresh();
    await createPoint(app, walkBody());
    const list = PointCollection.parse(await (await app.request('/api/points?layer=walk')).json());
    expect(list.features).toEqual([]);
  });

  it('tags the point with the subarea that contains it', async () => {
    const { app, db } = fresh();
    const { id } = await createPoint(app, walkBody());
    const cookie = await moderatorCookie(app, db);
    await approve(app, cookie, id);
    const f = PointFeature.parse(await (await app.request(`/api/points/${id}`)).json());
    expect(f.properties.subarea).toBe('kazimierz-stradom');
  });

  it('accepts a point in Kraków outside every subarea with subarea null', async () => {
    const { app, db } = fresh();
    const { id } = await createPoint(app, walkBody(OUTSIDE_SUBAREAS));
    await approve(app, await moderatorCookie(app, db), id);
    const f = PointFeature.parse(await (await app.request(`/api/points/${id}`)).json());
    expect(f.properties.subarea).toBeNull();
  });

  it('rejects a point outside Kraków with a message naming the coordinate', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(walkBody({ lng: 21.01, lat: 52.23 })));
    expect(res.status).toBe(400);
    const issues = await issuesOf(res);
    expect(issues.map((i) => i.path).sort()).toEqual(['lat', 'lng']);
    expect(issues[0]!.message).toMatch(/Krakow|Kraków/);
  });

  it('names every missing field of a help offer', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json({ layer: 'help' }));
    expect(res.status).toBe(400);
    const paths = (await issuesOf(res)).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lng', 'lat', 'helperType', 'name', 'kinds', 'consent']));
  });

  it('rejects unknown fields by name, also inside contact', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(helpBody({ secret: 1, contact: { phone: '123456', fax: '1' } })));
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).map((i) => i.path).sort()).toEqual(['contact.fax', 'secret']);
  });

  it('requires consent to be literally true', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(walkBody({ consent: 'yes' })));
    expect((await issuesOf(res)).map((i) => i.path)).toEqual(['consent']);
  });

  it('rejects an unknown theme and an unknown kind of help', async () => {
    const { app } = fresh();
    const walk = await app.request('/api/points', json(walkBody({ theme: 'nope' })));
    expect((await issuesOf(walk)).map((i) => i.path)).toEqual(['theme']);
    const help = await app.request('/api/points', json(helpBody({ kinds: ['zakupy', 'nope'] })));
    expect((await issuesOf(help)).map((i) => i.path)).toEqual(['kinds.1']);
  });

  it('caps text sizes and trims and NFC-normalises text', async () => {
    const { app } = fresh();
    const long = await app.request('/api/points', json(walkBody({ title: 'x'.repeat(121) })));
    expect((await issuesOf(long)).map((i) => i.path)).toEqual(['title']);
    const blank = await app.request('/api/points', json(walkBody({ title: '   ' })));
    expect((await issuesOf(blank)).map((i) => i.path)).toEqual(['title']);
    const { id, editToken } = await createPoint(app, walkBody({ title: '  Zielen\u0301  ' }));
    const own = await (
      await app.request(`/api/points/${id}`, { headers: { Authorization: `Bearer ${editToken}` } })
    ).json();
    expect(own.title).toBe('Zieleń');
  });

  it('answers 400 to malformed JSON, 415 to a non-JSON body and 413 over the body cap', async () => {
    const { app } = fresh({ limits: { bodyBytes: 2048 } });
    const bad = await app.request('/api/points', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"layer":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('error');
    const form = await app.request('/api/points', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toHaveProperty('error');
    const big = await app.request('/api/points', json(walkBody({ description: 'x'.repeat(3000) })));
    expect(big.status).toBe(413);
    expect(await big.json()).toHaveProperty('error');
  });

  it('answers 429 with Retry-After past the per-address write limit, counting addresses separately', async () => {
    const { app } = fresh({ trustProxy: true, limits: { writes: { max: 2, windowMs: 60_000 } } });
    const from = (ip: string) => json(walkBody(), { 'X-Forwarded-For': ip });
    expect((await app.request('/api/points', from('10.0.0.1'))).status).toBe(201);
    expect((await app.request('/api/points', from('10.0.0.1'))).status).toBe(201);
    const third = await app.request('/api/points', from('10.0.0.1'));
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await third.json()).toHaveProperty('error');
    expect((await app.request('/api/points', from('10.0.0.2'))).status).toBe(201);
  });
});

describe('Idempotency-Key on POST /api/points', () => {
  const KEY = '3b241101-e2bb-4255-8caf-4136c566a962';

  it('stores one point and replays the same answer, edit token included', async () => {
    const { app, db } = fresh();
    const first = await createPoint(app, walkBody(), { 'Idempotency-Key': KEY });
    const res = await app.request('/api/points', json(walkBody(), { 'Idempotency-Key': KEY }));
    expect(res.status).toBe(201);
    expect(res.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await res.json()).toEqual(first);
    expect(await db.value('SELECT COUNT(*) FROM points')).toBe(1);
  });

  it('stores one point when the same submission arrives twice at once, and gives both the same answer', async () => {
    const { app, db } = fresh();
    const send = () => app.request('/api/points', json(walkBody(), { 'Idempotency-Key': KEY }));
    const [one, two] = await Promise.all([send(), send()]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(await two.json()).toEqual(await one.json());
    // Which of the two is stored first is up to the engine (PostgreSQL runs them truly at once): one is the replay.
    expect([one, two].map((r) => r.headers.get('Idempotent-Replayed')).sort()).toEqual([null, 'true']);
    expect(await db.value('SELECT COUNT(*) FROM points')).toBe(1);
  });

  it('never stores the edit token in clear', async () => {
    const { app, db } = fresh();
    const { editToken } = await createPoint(app, walkBody(), { 'Idempotency-Key': KEY });
    const dump = JSON.stringify([await db.all('SELECT * FROM points'), await db.all('SELECT * FROM idempotency')]);
    expect(dump).not.toContain(editToken);
    expect(dump).not.toContain(KEY);
  });

  it('refuses the same key with a different body with 422', async () => {
    const { app } = fresh();
    await createPoint(app, walkBody(), { 'Idempotency-Key': KEY });
    const res = await app.request('/api/points', json(walkBody({ title: 'Inny' }), { 'Idempotency-Key': KEY }));
    expect(res.status).toBe(422);
  });

  it('rejects a short or odd key naming the header', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(walkBody(), { 'Idempotency-Key': 'abc' }));
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).map((i) => i.path)).toEqual(['Idempotency-Key']);
  });

  it('forgets keys after 30 days, so the replay table does not grow forever, and keeps younger ones', async () => {
    let now = new Date('2026-05-01T10:00:00Z');
    const { app, db } = fresh({ now: () => now });
    await createPoint(app, walkBody(), { 'Idempotency-Key': KEY });
    now = new Date('2026-05-20T10:00:00Z');
    await createPoint(app, walkBody(), { 'Idempotency-Key': '5d0c6f7e-9a41-4a53-8a51-0c3f4a2b7e10' });
    expect(await db.value('SELECT COUNT(*) FROM idempotency')).toBe(2);
    now = new Date('2026-06-01T10:00:00Z');
    await createPoint(app, walkBody(), { 'Idempotency-Key': '8f6a1c2e-3b4d-4e5f-9a6b-7c8d9e0f1a2b' });
    expect(
      (await db.all<{ created_at: string }>('SELECT created_at FROM idempotency ORDER BY created_at')).map(
        (r) => r.created_at,
      ),
    ).toEqual(['2026-05-20T10:00:00.000Z', '2026-06-01T10:00:00.000Z']);
  });
});

describe('GET /api/points', () => {
  async function seeded() {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const a = await createPoint(app, walkBody());
    const b = await createPoint(app, walkBody({ ...OUTSIDE_SUBAREAS, kind: 'change' }));
    const h = await createPoint(app, helpBody());
    for (const p of [a, b, h]) await approve(app, cookie, p.id);
    return { app, a, b, h };
  }

  it('returns published points of the asked layer only, with public fields', async () => {
    const { app, a, b } = await seeded();
    const list = PointCollection.parse(await (await app.request('/api/points?layer=walk')).json());
    expect(list.features.map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
    const f = list.features.find((x) => x.id === a.id)!;
    expect(f.geometry.coordinates).toEqual([KAZIMIERZ.lng, KAZIMIERZ.lat]);
    expect(f.properties).toMatchObject({ layer: 'walk', status: 'published', votes: 0, kind: 'keep' });
    expect(f.properties).not.toHaveProperty('consent');
  });

  it('filters by subarea and by bbox', async () => {
    const { app, a, b } = await seeded();
    const inSub = PointCollection.parse(
      await (await app.request('/api/points?layer=walk&subarea=kazimierz-stradom')).json(),
    );
    expect(inSub.features.map((f) => f.id)).toEqual([a.id]);
    const box = `${OUTSIDE_SUBAREAS.lng - 0.01},${OUTSIDE_SUBAREAS.lat - 0.01},${OUTSIDE_SUBAREAS.lng + 0.01},${OUTSIDE_SUBAREAS.lat + 0.01}`;
    const inBox = PointCollection.parse(await (await app.request(`/api/points?layer=walk&bbox=${box}`)).json());
    expect(inBox.features.map((f) => f.id)).toEqual([b.id]);
  });

  it('lists only the newest pins, newest first, when asked for newest (with or without a subarea)', async () => {
    // A clock a second further at every reading: pins created one after another never share a created_at.
    let t = Date.parse('2026-05-16T09:00:00Z');
    const { app, db } = fresh({ now: () => new Date((t += 1000)) });
    const cookie = await moderatorCookie(app, db);
    const a = await createPoint(app, walkBody());
    const b = await createPoint(app, walkBody({ ...OUTSIDE_SUBAREAS, kind: 'change' }));
    for (const p of [a, b]) await approve(app, cookie, p.id);
    const newest = async (q: string) =>
      PointCollection.parse(await (await app.request(`/api/points?layer=walk&${q}`)).json()).features.map((f) => f.id);
    expect(await newest('newest=1')).toEqual([b.id]);
    expect(await newest('newest=500')).toEqual([b.id, a.id]);
    expect(await newest('newest=5&subarea=kazimierz-stradom')).toEqual([a.id]);
  });

  it('names the bad query parameter', async () => {
    const { app } = fresh();
    for (const [q, path] of [
      ['', 'layer'],
      ['layer=x', 'layer'],
      ['layer=walk&bbox=1,2', 'bbox'],
      ['layer=walk&subarea=mars', 'subarea'],
      ['layer=walk&foo=1', 'foo'],
      ['layer=walk&newest=0', 'newest'],
      ['layer=walk&newest=501', 'newest'],
      ['layer=walk&newest=ten', 'newest'],
      ['layer=walk&newest=10&bbox=19.9,50.0,20.0,50.1', 'newest'],
    ]) {
      const res = await app.request(`/api/points?${q}`);
      expect(res.status, q).toBe(400);
      expect(
        (await issuesOf(res)).map((i) => i.path),
        q,
      ).toContain(path);
    }
  });

  it('feeds the subarea counts of published points by kind', async () => {
    const { app } = await seeded();
    const body = await (await app.request('/api/subareas')).json();
    const k = body.features.find((f: { id: string }) => f.id === 'kazimierz-stradom');
    expect(k.properties.counts).toEqual({ help: 1, keep: 1, change: 0 });
  });

  it('counts again after an approval and after a removal, not from an earlier answer', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const countsOfKazimierz = async () => {
      const body = await (await app.request('/api/subareas')).json();
      return body.features.find((f: { id: string }) => f.id === 'kazimierz-stradom').properties.counts;
    };
    const keep = await createPoint(app, walkBody());
    await approve(app, cookie, keep.id);
    expect(await countsOfKazimierz()).toEqual({ help: 0, keep: 1, change: 0 });
    const change = await createPoint(app, walkBody({ kind: 'change' }));
    expect(await countsOfKazimierz(), 'a pending pin is not counted').toEqual({ help: 0, keep: 1, change: 0 });
    await approve(app, cookie, change.id);
    expect(await countsOfKazimierz()).toEqual({ help: 0, keep: 1, change: 1 });
    const removed = await app.request(`/api/points/${keep.id}`, { method: 'DELETE', headers: bearer(keep.editToken) });
    expect(removed.status).toBeLessThan(300);
    expect(await countsOfKazimierz()).toEqual({ help: 0, keep: 0, change: 1 });
  });
});
