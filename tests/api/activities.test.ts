import { beforeEach, describe, expect, it } from 'vitest';
import { accountCookie, fresh, json, moderatorCookie, type TestApp, type TestDb } from './helpers.ts';
import { activityBody, createActivity } from './activity-helpers.ts';
import { EventBus, type BusMessage } from '../../src/server/events.ts';
import { ActivityEvent, ActivityList } from '../../src/common/activities.ts';

// "Now" is 1 May 2026, 12:00 in Kraków: the 16 May activity is upcoming.
let t = Date.parse('2026-05-01T10:00:00Z');
let app: TestApp;
let db: TestDb;
/** The Kazimierz-Stradom ambassador (Fablab). */
let cookie: string;
let heard: BusMessage[];

beforeEach(async () => {
  t = Date.parse('2026-05-01T10:00:00Z');
  const bus = new EventBus();
  heard = [];
  bus.subscribe((m) => heard.push(m));
  const made = fresh({ now: () => new Date(t), bus });
  app = made.app;
  db = made.db;
  cookie = await accountCookie(app, db, 'fablab', { role: 'ambassador', subarea: 'kazimierz-stradom' });
});

async function list(query = '') {
  const res = await app.request(`/api/activities${query}`);
  expect(res.status).toBe(200);
  return ActivityList.parse(await res.json()).activities;
}

const patch = (id: string, body: unknown) =>
  app.request(`/api/activities/${id}`, json(body, { Cookie: cookie }, 'PATCH'));

describe('activities', () => {
  it('are published at once and listed to anyone without a session', async () => {
    const created = await createActivity(app, cookie);
    const all = await list();
    expect(all.map((a) => a.id)).toEqual([created.id]);
    expect(all[0]).toMatchObject({
      title: 'Spacer „Kazimierz pod lupą”',
      status: 'zaplanowane',
      start: '2026-05-16T10:00',
    });
    expect(heard).toEqual([
      { name: 'activity', data: { id: created.id, subarea: 'kazimierz-stradom', change: 'created' } },
    ]);
  });

  it('store Kraków wall-clock times and the UTC instants they name, summer and winter', async () => {
    const may = await createActivity(app, cookie);
    expect([may.startUtc, may.endUtc]).toEqual(['2026-05-16T08:00:00.000Z', '2026-05-16T10:00:00.000Z']);
    const dec = await createActivity(app, cookie, activityBody({ start: '2026-12-05T17:30', end: '2026-12-05T19:00' }));
    expect(dec.startUtc).toBe('2026-12-05T16:30:00.000Z');
  });

  it('refuse an end before the start, naming the field', async () => {
    const res = await app.request(
      '/api/activities',
      json(activityBody({ end: '2026-05-16T09:00' }), { Cookie: cookie }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual(['end']);
  });

  it('refuse a time that does not exist in Kraków (the hour skipped in March) and unknown fields', async () => {
    const gap = await app.request(
      '/api/activities',
      json(activityBody({ start: '2026-03-29T02:30' }), { Cookie: cookie }),
    );
    expect(gap.status).toBe(400);
    expect(JSON.stringify(await gap.json())).toContain('"path":"start"');
    const extra = await app.request('/api/activities', json(activityBody({ price: 10 }), { Cookie: cookie }));
    expect(((await extra.json()) as { issues: unknown[] }).issues).toEqual([
      { path: 'price', message: 'unknown field' },
    ]);
  });

  it('take a registration link, an e-mail address or none, and nothing else', async () => {
    for (const registration of [
      { type: 'link', url: 'https://example.org/zapisy' },
      { type: 'email', email: 'zapisy@example.org' },
    ]) {
      await createActivity(app, cookie, activityBody({ registration }));
    }
    const bad = await app.request(
      '/api/activities',
      json(activityBody({ registration: { type: 'link', url: 'javascript:alert(1)' } }), { Cookie: cookie }),
    );
    expect(bad.status).toBe(400);
  });

  it('need a session to be written', async () => {
    const res = await app.request('/api/activities', json(activityBody()));
    expect(res.status).toBe(401);
    expect(await list()).toEqual([]);
  });

  it('when cancelled stay listed with their reason, and a cancellation without a reason is refused', async () => {
    const { id } = await createActivity(app, cookie);
    const noReason = await patch(id, { status: 'odwolane' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('"path":"cancelReason"');
    const res = await patch(id, { status: 'odwolane', cancelReason: 'Ulewa; przenosimy na czerwiec' });
    expect(res.status).toBe(200);
    const [shown] = await list();
    expect(shown).toMatchObject({ id, status: 'odwolane', cancelReason: 'Ulewa; przenosimy na czerwiec', sequence: 1 });
    // Planned again: the reason goes with the cancellation.
    await patch(id, { status: 'zaplanowane' });
    expect((await list())[0]!.cancelReason).toBeUndefined();
  });

  it('check an edit against the stored activity: a new start after the old end is refused', async () => {
    const { id } = await createActivity(app, cookie);
    const res = await patch(id, { start: '2026-05-16T13:00' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('"path":"end"');
    expect((await patch(id, { start: '2026-05-16T13:00', end: '2026-05-16T15:00' })).status).toBe(200);
    expect((await list())[0]!.startUtc).toBe('2026-05-16T11:00:00.000Z');
  });

  it('keep an audit trail of who created, changed and removed them', async () => {
    const { id } = await createActivity(app, cookie);
    await patch(id, { title: 'Spacer badawczy' });
    const del = await app.request(`/api/activities/${id}`, { method: 'DELETE', headers: { Cookie: cookie } });
    expect(del.status).toBe(200);
    expect(await list()).toEqual([]);
    const res = await app.request(`/api/activities/${id}/history`, { headers: { Cookie: cookie } });
    const { entries } = (await res.json()) as {
      entries: { actor: string; action: string; before: { title: string } | null }[];
    };
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['fablab', 'create'],
      ['fablab', 'update'],
      ['fablab', 'delete'],
    ]);
    expect(entries[2]!.before!.title).toBe('Spacer badawczy');
    expect(heard.map((m) => m.name === 'activity' && m.data.change)).toEqual(['created', 'updated', 'removed']);
  });

  it('answer 404 for an unknown id', async () => {
    expect((await app.request('/api/activities/nieistniejace')).status).toBe(404);
    expect((await patch('nieistniejace', { title: 'Nowy tytuł' })).status).toBe(404);
  });
});

describe('GET /api/activities', () => {
  it('filters by subarea and by a from/to range in Kraków time', async () => {
    const kaz = await createActivity(app, cookie);
    const admin = await accountCookie(app, db, 'ada', { role: 'admin' });
    const huta = await createActivity(
      app,
      admin,
      activityBody({
        subarea: 'stara-nowa-huta',
        place: { name: 'Plac targowy przy ul. Bulwarowej', lng: 20.05, lat: 50.07 },
        start: '2026-06-20T10:00',
        end: '2026-06-20T13:00',
      }),
    );
    expect((await list('?subarea=stara-nowa-huta')).map((a) => a.id)).toEqual([huta.id]);
    expect((await list('?from=2026-05-01&to=2026-06-01')).map((a) => a.id)).toEqual([kaz.id]);
    // `to` is the start of that Kraków day: an activity at 10:00 that day is not before it.
    expect((await list('?to=2026-06-20')).map((a) => a.id)).toEqual([kaz.id]);
  });

  it('hides past activities unless `from` asks for them, and keeps one that is still going on', async () => {
    const { id } = await createActivity(app, cookie);
    t = Date.parse('2026-05-16T09:00:00Z'); // 11:00 in Kraków, an hour before it ends
    expect((await list()).map((a) => a.id)).toEqual([id]);
    t = Date.parse('2026-05-17T09:00:00Z');
    expect(await list()).toEqual([]);
    expect((await list('?from=2026-05-01')).map((a) => a.id)).toEqual([id]);
  });

  it('explains a wrong query by its field', async () => {
    const res = await app.request('/api/activities?from=jutro&subarea=krowodrza');
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['from', 'subarea']);
    expect((await app.request('/api/activities?from=2026-06-01&to=2026-05-01')).status).toBe(400);
  });
});

describe('who may edit', () => {
  const send = (c: string, path: string, body: unknown, method: string) =>
    app.request(path, body === undefined ? { method, headers: { Cookie: c } } : json(body, { Cookie: c }, method));

  it("refuses an ambassador creating, changing or removing another subarea's activity (403), and leaves it unchanged", async () => {
    const own = await createActivity(app, cookie);
    const other = await accountCookie(app, db, 'mis', { role: 'ambassador', subarea: 'grzegorzki-wesola' });
    expect((await send(other, '/api/activities', activityBody(), 'POST')).status).toBe(403);
    expect((await send(other, `/api/activities/${own.id}`, { title: 'Przejęte' }, 'PATCH')).status).toBe(403);
    expect((await send(other, `/api/activities/${own.id}`, undefined, 'DELETE')).status).toBe(403);
    expect((await send(other, `/api/activities/${own.id}/history`, undefined, 'GET')).status).toBe(403);
    const [still] = await list();
    expect(still).toMatchObject({ id: own.id, title: 'Spacer „Kazimierz pod lupą”', sequence: 0 });
  });

  it('lets an admin edit every subarea and refuses a moderator', async () => {
    const admin = await accountCookie(app, db, 'ada', { role: 'admin' });
    const huta = activityBody({
      subarea: 'stara-nowa-huta',
      place: { name: 'Plac Centralny', lng: 20.0375, lat: 50.0719 },
    });
    const created = await createActivity(app, admin, huta);
    expect((await send(admin, `/api/activities/${created.id}`, { title: 'Wymianka Sąsiedzka' }, 'PATCH')).status).toBe(
      200,
    );
    const moderator = await moderatorCookie(app, db);
    expect((await send(moderator, '/api/activities', huta, 'POST')).status).toBe(403);
    expect((await send(moderator, `/api/activities/${created.id}`, undefined, 'DELETE')).status).toBe(403);
  });
});

describe('open data', () => {
  it('exports every activity, cancelled ones with their reason, as GeoJSON and CSV, and documents them', async () => {
    const { id } = await createActivity(
      app,
      cookie,
      activityBody({ title: '=SUMA(A1)', registration: { type: 'email', email: 'zapisy@example.org' } }),
    );
    await patch(id, { status: 'odwolane', cancelReason: 'Ulewa' });
    t = Date.parse('2026-09-01T10:00:00Z'); // past activities too
    const geo = (await (await app.request('/api/export/activities.geojson')).json()) as {
      features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(geo.features).toHaveLength(1);
    expect(geo.features[0]!.geometry.coordinates).toEqual([19.9447, 50.0514]);
    expect(geo.features[0]!.properties).toMatchObject({
      id,
      status: 'odwolane',
      cancel_reason: 'Ulewa',
      start: '2026-05-16T10:00',
      registration: 'zapisy@example.org',
    });
    const csv = await (await app.request('/api/export/activities.csv?subarea=kazimierz-stradom')).text();
    expect(csv.split('\r\n')[0]).toBe(
      'id,lng,lat,subarea,title,place,start,end,start_utc,end_utc,status,cancel_reason,audience,accessibility,registration,description,updated_at',
    );
    expect(csv).toContain("'=SUMA(A1)");
    expect(await (await app.request('/api/export/activities.csv?subarea=stara-nowa-huta')).text()).not.toContain(id);
    const dict = (await (await app.request('/api/export/dictionary')).json()) as {
      activities: { columns: { name: string }[] };
    };
    expect(dict.activities.columns.map((c) => c.name)).toContain('cancel_reason');
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/activities',
        '/api/activities/{id}',
        '/api/calendar.ics',
        '/api/export/activities.csv',
      ]),
    );
  });
});

describe('the event stream', () => {
  it('announces an activity change with exactly the fields of an activity event', async () => {
    const res = await app.request('/api/events');
    const reader = res.body!.getReader();
    const { id } = await createActivity(app, cookie);
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: activity')) text += decoder.decode((await reader.read()).value);
    while (!/event: activity\ndata: .*\n\n/.test(text)) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    const data = /event: activity\ndata: (.*)\n/.exec(text)![1]!;
    expect(ActivityEvent.parse(JSON.parse(data))).toEqual({ id, subarea: 'kazimierz-stradom', change: 'created' });
  });
});
