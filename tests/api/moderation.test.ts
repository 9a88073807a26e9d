import { describe, expect, it } from 'vitest';
import { ModerationQueue, PointHistory } from '../../src/common/moderation.ts';
import { addModerator, approve, createPoint, fresh, helpBody, json, moderatorCookie, walkBody } from './helpers.ts';

describe('moderator login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and answers /me', async () => {
    const { app, db } = fresh();
    const creds = await addModerator(db);
    const res = await app.request('/api/auth/login', json(creds));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ login: 'ola', role: 'moderator', subarea: null });
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await app.request('/api/auth/me', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toEqual({ login: 'ola', role: 'moderator', subarea: null });
  });

  it('marks the cookie Secure when configured for https', async () => {
    const { app, db } = fresh({ secureCookies: true });
    const res = await app.request('/api/auth/login', json(await addModerator(db)));
    expect(res.headers.get('Set-Cookie')).toMatch(/Secure/);
  });

  it('answers 401 with the same message for a wrong password and an unknown login', async () => {
    const { app, db } = fresh();
    await addModerator(db);
    const wrong = await app.request('/api/auth/login', json({ login: 'ola', password: 'nope nope nope' }));
    const unknown = await app.request('/api/auth/login', json({ login: 'kto', password: 'nope nope nope' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('names missing login fields with 400', async () => {
    const { app } = fresh();
    const res = await app.request('/api/auth/login', json({ login: 'ola' }));
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(['password']);
  });

  it('rate-limits login attempts', async () => {
    const { app } = fresh({ limits: { logins: { max: 2, windowMs: 60_000 } } });
    const attempt = () => app.request('/api/auth/login', json({ login: 'a', password: 'b' }));
    await attempt();
    await attempt();
    expect((await attempt()).status).toBe(429);
  });

  it('ends the session on logout and when it expires', async () => {
    let t = Date.parse('2026-04-01T10:00:00Z');
    const { app, db } = fresh({ now: () => new Date(t), limits: { sessionTtlMs: 3_600_000 } });
    const cookie = await moderatorCookie(app, db);
    const me = () => app.request('/api/auth/me', { headers: { Cookie: cookie } });
    expect((await me()).status).toBe(200);
    t += 3_600_001;
    expect((await me()).status).toBe(401);
    t = Date.parse('2026-04-01T10:00:00Z');
    const second = await moderatorCookie(app, db);
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: second } });
    expect(out.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect((await app.request('/api/auth/me', { headers: { Cookie: second } })).status).toBe(401);
  });
});

describe('moderation endpoints', () => {
  it('all answer 401 JSON without a valid session', async () => {
    const { app } = fresh();
    const { id } = await createPoint(app, walkBody());
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/moderation/queue'],
      ['GET', `/api/moderation/points/${id}`],
      ['POST', `/api/moderation/points/${id}/approve`],
      ['POST', `/api/moderation/points/${id}/reject`, { reason: 'x' }],
      ['PATCH', `/api/moderation/points/${id}`, { layer: 'walk', title: 'x' }],
      ['GET', `/api/moderation/points/${id}/history`],
    ];
    for (const [method, path, body] of calls) {
      for (const cookie of [undefined, 'mapa_session=forged']) {
        const res = await app.request(path, {
          method,
          headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toHaveProperty('error');
      }
    }
  });

  it('lists pending points oldest first with exact position and subarea', async () => {
    let t = Date.parse('2026-04-01T10:00:00Z');
    const { app, db } = fresh({ now: () => new Date((t += 1000)) });
    const cookie = await moderatorCookie(app, db);
    const a = await createPoint(app, helpBody({ helperType: 'person' }));
    const b = await createPoint(app, walkBody());
    const queue = ModerationQueue.parse(
      await (await app.request('/api/moderation/queue', { headers: { Cookie: cookie } })).json(),
    );
    expect(queue.points.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(queue.points[0]).toMatchObject({ lng: 19.9447, lat: 50.0514, subarea: 'kazimierz-stradom' });
  });

  it('approves, rejects with a reason, edits, and records each action in the history', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id } = await createPoint(app, walkBody());
    const h = { Cookie: cookie };
    const noReason = await app.request(`/api/moderation/points/${id}/reject`, json({}, h));
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).issues[0].path).toBe('reason');
    const edited = await app.request(
      `/api/moderation/points/${id}`,
      json({ layer: 'walk', title: 'Poprawiony' }, h, 'PATCH'),
    );
    expect(await edited.json()).toMatchObject({ title: 'Poprawiony', status: 'pending' });
    await approve(app, cookie, id);
    expect((await app.request(`/api/moderation/points/${id}/approve`, { method: 'POST', headers: h })).status).toBe(
      409,
    );
    const rejected = await app.request(`/api/moderation/points/${id}/reject`, json({ reason: 'spam' }, h));
    expect(await rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'spam' });
    expect((await app.request(`/api/points/${id}`)).status).toBe(404);
    const history = PointHistory.parse(
      await (await app.request(`/api/moderation/points/${id}/history`, { headers: h })).json(),
    );
    expect(history.entries.map((e) => [e.action, e.actor])).toEqual([
      ['create', 'author'],
      ['moderator-edit', 'ola'],
      ['approve', 'ola'],
      ['reject', 'ola'],
    ]);
    expect(history.entries[3]).toMatchObject({ reason: 'spam' });
    // Which fields an edit changed, never their values (the history must not outlive an erased point's content).
    expect(history.entries[1]!.changed).toEqual(['title']);
    expect(JSON.stringify(history)).not.toContain('Poprawiony');
  });

  it('answers 404 for an unknown point', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const res = await app.request('/api/moderation/points/AAAAAAAAAAAAAAAA/approve', {
      method: 'POST',
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(404);
  });
});
