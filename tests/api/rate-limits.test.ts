import { describe, expect, it } from 'vitest';
import { approve, createPoint, fresh, json, moderatorCookie, walkBody } from './helpers.ts';

const ONE = { max: 1, windowMs: 600_000 };

/** POST /api/points "from" a chain of X-Forwarded-For entries, as our proxies would have passed it on. */
const post = (app: ReturnType<typeof fresh>['app'], forwardedFor?: string) =>
  app.request('/api/points', json(walkBody(), forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor }));

describe('the client address behind TRUST_PROXY', () => {
  it('with one proxy, is the rightmost X-Forwarded-For entry, whatever the client wrote to its left', async () => {
    const { app } = fresh({ trustProxy: 1, limits: { writes: ONE } });
    expect((await post(app, '203.0.113.7')).status).toBe(201);
    // The same client inventing a new leftmost entry for each request stays one client.
    expect((await post(app, '1.1.1.1, 203.0.113.7')).status).toBe(429);
    expect((await post(app, '2.2.2.2,3.3.3.3, 203.0.113.7')).status).toBe(429);
    // Another client, as the proxy saw it, has its own allowance.
    expect((await post(app, '1.1.1.1, 198.51.100.9')).status).toBe(201);
  });

  it('with N proxies, is the entry N hops from the right', async () => {
    const { app } = fresh({ trustProxy: 2, limits: { writes: ONE } });
    expect((await post(app, 'forged, 203.0.113.7, 10.0.0.2')).status).toBe(201);
    expect((await post(app, 'other-forgery, 203.0.113.7, 10.0.0.2')).status).toBe(429);
    // Same inner proxy, different client in front of it.
    expect((await post(app, 'forged, 198.51.100.9, 10.0.0.2')).status).toBe(201);
  });

  it('with no trusted proxy, ignores X-Forwarded-For altogether', async () => {
    const { app } = fresh({ limits: { writes: ONE } });
    expect((await post(app, '203.0.113.7')).status).toBe(201);
    expect((await post(app, '198.51.100.9')).status).toBe(429);
  });
});

describe('a 429 answer', () => {
  it('names the same wait as its Retry-After header', async () => {
    let t = Date.parse('2026-05-16T09:00:00Z');
    const { app } = fresh({ now: () => new Date(t), limits: { writes: ONE } });
    await post(app);
    const cases: [number, number, RegExp][] = [
      [0, 600, /try again in 10 minutes$/],
      [9.5 * 60_000, 30, /try again in 30 seconds$/],
      [29_000, 1, /try again in 1 second$/],
    ];
    for (const [advance, seconds, message] of cases) {
      t += advance;
      const res = await post(app);
      expect(res.status).toBe(429);
      expect(res.headers.get('Retry-After')).toBe(String(seconds));
      expect((await res.json()).error).toMatch(message);
    }
  });
});

describe('walk-session code lookups', () => {
  const codeLike = (i: number) => `ZZZZ${'23456789'[i % 8]}${'ABCDEFGH'[Math.floor(i / 8) % 8]}`;

  it('refuse an address that keeps trying unknown codes, on every lookup route', async () => {
    const { app, db } = fresh({ limits: { sessionLookups: { max: 3, windowMs: 600_000 } } });
    const cookie = await moderatorCookie(app, db);
    const body = { name: 'Spacer', subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'moderated' };
    const { code } = await (await app.request('/api/sessions', json(body, { Cookie: cookie }))).json();
    // Looking up the real code costs nothing, however often a room full of phones does it.
    for (let i = 0; i < 10; i++) expect((await app.request(`/api/sessions/${code}`)).status).toBe(200);
    expect((await app.request(`/api/sessions/${codeLike(0)}`)).status).toBe(404);
    expect((await app.request(`/api/sessions/${codeLike(1)}/summary`)).status).toBe(404);
    expect((await app.request(`/api/export/points.csv?layer=walk&session=${codeLike(2)}`)).status).toBe(404);
    const blocked = await app.request(`/api/sessions/${codeLike(3)}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('600');
    // Once blocked, a correct guess is no oracle either.
    expect((await app.request(`/api/sessions/${code}`)).status).toBe(429);
    expect((await app.request(`/api/export/points.geojson?layer=walk&session=${code}`)).status).toBe(429);
  });
});

describe('"me too" votes', () => {
  it('are limited per address and point, however many device ids the address invents', async () => {
    const { app, db } = fresh({ limits: { votesPerPoint: { max: 2, windowMs: 3_600_000 } } });
    const cookie = await moderatorCookie(app, db);
    const [a, b] = [await createPoint(app, walkBody()), await createPoint(app, walkBody())];
    await approve(app, cookie, a.id);
    await approve(app, cookie, b.id);
    const vote = (id: string, device: string) =>
      app.request(`/api/points/${id}/votes`, { method: 'POST', headers: { 'X-Device-Id': device.repeat(16) } });
    expect((await vote(a.id, 'a')).status).toBe(200);
    expect((await vote(a.id, 'b')).status).toBe(200);
    const third = await vote(a.id, 'c');
    expect(third.status).toBe(429);
    expect((await third.json()).error).toMatch(/try again in 60 minutes$/);
    expect((await vote(b.id, 'c')).status).toBe(200);
    const f = await (await app.request(`/api/points/${a.id}`)).json();
    expect(f.properties.votes).toBe(2);
  });
});
