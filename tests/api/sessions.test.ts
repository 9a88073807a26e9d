import { describe, expect, it } from 'vitest';
import { EventBus, type BusMessage } from '../../src/server/events.ts';
import { PublicSession, SESSION_CODE_ALPHABET, SessionList, WalkSession } from '../../src/common/sessions.ts';
import { ModerationQueue, PointHistory } from '../../src/common/moderation.ts';
import { approve, bearer, createPoint, fresh, json, moderatorCookie, walkBody, type TestApp } from './helpers.ts';

// A fixed clock on the session's day: immediate publishing depends on the date (common/sessions.ts publishesNow).
const DAY = '2026-05-16';
const at = (iso: string) => () => new Date(iso);

async function newSession(app: TestApp, cookie: string, over: Record<string, unknown> = {}) {
  const res = await app.request(
    '/api/sessions',
    json(
      {
        name: 'Kazimierz pod lupą — spacer 1',
        subarea: 'kazimierz-stradom',
        date: DAY,
        publishMode: 'immediate',
        ...over,
      },
      { Cookie: cookie },
    ),
  );
  if (res.status !== 201) throw new Error(`session create failed ${res.status}: ${await res.text()}`);
  return WalkSession.parse(await res.json());
}

describe('walk sessions', () => {
  it('a moderator creates a session and gets a 6-character code from the unambiguous alphabet', async () => {
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`) });
    const s = await newSession(app, await moderatorCookie(app, db));
    expect(s.code).toMatch(new RegExp(`^[${SESSION_CODE_ALPHABET}]{6}$`));
    expect(s.code).not.toMatch(/[01OIL]/);
    expect(s).toMatchObject({
      name: 'Kazimierz pod lupą — spacer 1',
      subarea: 'kazimierz-stradom',
      date: DAY,
      publishMode: 'immediate',
      closed: false,
      publishesNow: true,
      createdBy: 'ola',
      counts: { pending: 0, published: 0, rejected: 0 },
    });
  });

  it('refuses creating, listing, switching and the pending list without a moderator session (401)', async () => {
    const { app } = fresh();
    const body = { name: 'x', subarea: 'kazimierz-stradom', date: DAY, publishMode: 'moderated' };
    expect((await app.request('/api/sessions', json(body))).status).toBe(401);
    expect((await app.request('/api/sessions')).status).toBe(401);
    expect((await app.request('/api/sessions/ABCDEF', json({ closed: true }, {}, 'PATCH'))).status).toBe(401);
    expect((await app.request('/api/sessions/ABCDEF/pending')).status).toBe(401);
  });

  it('names each bad field when creating', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const res = await app.request(
      '/api/sessions',
      json({ name: '', subarea: 'bronowice', date: '16.05.2026', publishMode: 'fast', extra: 1 }, { Cookie: cookie }),
    );
    expect(res.status).toBe(400);
    const paths = (await res.json()).issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['date', 'extra', 'name', 'publishMode', 'subarea']);
  });

  it('shows the public join view to anyone, case-insensitively, without who created it', async () => {
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`) });
    const s = await newSession(app, await moderatorCookie(app, db));
    const res = await app.request(`/api/sessions/${s.code.toLowerCase()}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(PublicSession.parse(body).code).toBe(s.code);
    expect(body).not.toHaveProperty('createdBy');
    expect((await app.request('/api/sessions/ZZZZZZ')).status).toBe(404);
    expect((await app.request('/api/sessions/0OIL1x')).status).toBe(400);
  });

  it('publishes a pin sent through an immediate session at once and announces it on the event bus', async () => {
    const bus = new EventBus();
    const heard: BusMessage[] = [];
    bus.subscribe((m) => heard.push(m));
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`), bus });
    const cookie = await moderatorCookie(app, db);
    const s = await newSession(app, cookie);
    const created = await createPoint(app, walkBody({ session: s.code.toLowerCase() }));
    expect(created.status).toBe('published');
    expect(heard.map((m) => [m.name, m.data.id])).toEqual([['published', created.id]]);
    // Public, but the session code (which lets people post) is not part of the public point.
    const pub = await (await app.request(`/api/points/${created.id}`)).json();
    expect(pub.properties.status).toBe('published');
    expect(JSON.stringify(pub)).not.toContain(s.code);
    // The author still sees which session it belongs to; the audit log says the session approved it.
    const own = await (await app.request(`/api/points/${created.id}`, { headers: bearer(created.editToken) })).json();
    expect(own.session).toBe(s.code);
    const history = PointHistory.parse(
      await (await app.request(`/api/moderation/points/${created.id}/history`, { headers: { Cookie: cookie } })).json(),
    );
    expect(history.entries.map((e) => [e.action, e.actor])).toEqual([
      ['create', 'author'],
      ['approve', `session:${s.code}`],
    ]);
  });

  it('keeps pins of a moderated session pending and lists them in the session console, oldest first', async () => {
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`) });
    const cookie = await moderatorCookie(app, db);
    const s = await newSession(app, cookie, { publishMode: 'moderated' });
    const a = await createPoint(app, walkBody({ session: s.code, title: 'Pierwszy' }));
    const b = await createPoint(app, walkBody({ session: s.code, title: 'Drugi' }));
    await createPoint(app, walkBody({ title: 'Poza sesją' }));
    expect(a.status).toBe('pending');
    const pending = ModerationQueue.parse(
      await (await app.request(`/api/sessions/${s.code}/pending`, { headers: { Cookie: cookie } })).json(),
    );
    expect(pending.points.map((p) => p.id)).toEqual([a.id, b.id]);
    await approve(app, cookie, a.id);
    const after = ModerationQueue.parse(
      await (await app.request(`/api/sessions/${s.code}/pending`, { headers: { Cookie: cookie } })).json(),
    );
    expect(after.points.map((p) => p.id)).toEqual([b.id]);
    const list = SessionList.parse(await (await app.request('/api/sessions', { headers: { Cookie: cookie } })).json());
    expect(list.sessions[0]!.counts).toEqual({ pending: 1, published: 1, rejected: 0 });
  });

  it('sends pins to moderation once the session is closed or outside its day', async () => {
    const clock = { now: new Date(`${DAY}T10:00:00Z`) };
    const { app, db } = fresh({ now: () => clock.now });
    const cookie = await moderatorCookie(app, db);
    const s = await newSession(app, cookie);
    clock.now = new Date('2026-05-20T10:00:00Z');
    expect((await createPoint(app, walkBody({ session: s.code }))).status).toBe('pending');
    clock.now = new Date(`${DAY}T18:00:00Z`);
    const closed = await app.request(`/api/sessions/${s.code}`, json({ closed: true }, { Cookie: cookie }, 'PATCH'));
    expect(WalkSession.parse(await closed.json())).toMatchObject({ closed: true, publishesNow: false });
    expect((await createPoint(app, walkBody({ session: s.code }))).status).toBe('pending');
    const reopened = await app.request(
      `/api/sessions/${s.code}`,
      json({ closed: false, publishMode: 'immediate' }, { Cookie: cookie }, 'PATCH'),
    );
    expect((await reopened.json()).publishesNow).toBe(true);
    expect((await createPoint(app, walkBody({ session: s.code }))).status).toBe('published');
  });

  it('refuses an unknown or malformed session code naming the field, and session on help offers', async () => {
    const { app } = fresh();
    const unknown = await app.request('/api/points', json(walkBody({ session: 'ABCDEF' })));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).issues).toEqual([
      { path: 'session', message: 'no walk session with the code ABCDEF' },
    ]);
    const malformed = await app.request('/api/points', json(walkBody({ session: 'ab' })));
    expect((await malformed.json()).issues[0].path).toBe('session');
    const help = await app.request(
      '/api/points',
      json({
        layer: 'help',
        lng: 19.9447,
        lat: 50.0514,
        helperType: 'organisation',
        name: 'X',
        kinds: ['zakupy'],
        consent: true,
        session: 'ABCDEF',
      }),
    );
    expect((await help.json()).issues).toEqual([{ path: 'session', message: 'unknown field' }]);
  });

  it('replays an Idempotency-Key through an immediate session as one published point', async () => {
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`) });
    const s = await newSession(app, await moderatorCookie(app, db));
    const key = { 'Idempotency-Key': 'a-retry-key-0123456789' };
    const first = await createPoint(app, walkBody({ session: s.code }), key);
    const again = await createPoint(app, walkBody({ session: s.code }), key);
    expect(again).toEqual(first);
    expect(first.status).toBe('published');
    expect((await (await app.request('/api/points?layer=walk')).json()).features).toHaveLength(1);
  });

  it('summarises a session: its published pins, counts by theme and keep/change', async () => {
    const { app, db } = fresh({ now: at(`${DAY}T10:00:00Z`) });
    const s = await newSession(app, await moderatorCookie(app, db));
    await createPoint(app, walkBody({ session: s.code, kind: 'keep', theme: 'zielen' }));
    await createPoint(app, walkBody({ session: s.code, kind: 'change', theme: 'zielen' }));
    await createPoint(app, walkBody({ session: s.code, kind: 'change', theme: 'ruch' }));
    await createPoint(app, walkBody({ kind: 'keep', theme: 'ruch' }));
    const res = await app.request(`/api/sessions/${s.code}/summary`);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary.session.code).toBe(s.code);
    expect(summary.points.features).toHaveLength(3);
    expect(summary.walk).toMatchObject({ keep: 1, change: 2 });
    const byTheme = Object.fromEntries(summary.walk.byTheme.map((t: { theme: string }) => [t.theme, t]));
    expect(byTheme.zielen).toEqual({ theme: 'zielen', keep: 1, change: 1 });
    expect(byTheme.ruch).toEqual({ theme: 'ruch', keep: 0, change: 1 });
  });
});
