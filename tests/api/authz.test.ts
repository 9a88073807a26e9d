import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountCookie,
  approve,
  bearer,
  contactBody,
  createPoint,
  fresh,
  helpBody,
  json,
  moderatorCookie,
  walkBody,
  type TestApp,
  type TestDb,
} from './helpers.ts';
import { activityBody, createActivity } from './activity-helpers.ts';

/**
 * Authorisation matrix. Deny by default: every endpoint the app registers (read from app.routes, so a new one is
 * covered the day it is added) is a staff endpoint unless listed here as open to residents and the public, with the
 * reason. Each staff endpoint must refuse (401/403) a request without a session, with an expired or logged-out one,
 * and with a resident's edit token — and must answer a live session of a role it admits (the control that proves
 * the request itself was well formed). Then every staff endpoint is tried with every role (ROLE_ACCESS), including
 * an ambassador reaching into another subarea than their own.
 */
const OPEN_TO_RESIDENTS: Record<string, string> = {
  'GET /api/health': 'liveness',
  'GET /api/subareas': 'the public map',
  'GET /api/config': 'the public map',
  'GET /api/categories': 'the public map',
  'GET /api/context/:name{[a-z-]+\\.geojson}': 'basemap context layers',
  'GET /api/basemap/krakow.pmtiles': 'the offline basemap tiles',
  'GET /api/places': 'place search',
  'GET /api/geocode': 'address search',
  'GET /api/geocode/reverse': 'the address line under a placed pin',
  'GET /api/points': 'published points only',
  'GET /api/points/changes': 'published points only, changed after a version',
  'POST /api/points': 'residents contribute without an account',
  'GET /api/points/:id': 'public projection; the full record only with the edit token',
  'GET /api/points/nearest': 'the public map: find help near a place, public projection only',
  'PATCH /api/points/:id': 'edit token',
  'DELETE /api/points/:id': 'edit token',
  'POST /api/points/:id/votes': '"me too"',
  'POST /api/points/:id/contact-requests': '"Poproś o kontakt": residents ask without an account',
  'GET /api/points/:id/contact-requests': 'edit token: the helper sees that someone asked',
  'PUT /api/points/:id/photo': 'edit token',
  'DELETE /api/points/:id/photo': 'edit token',
  'GET /api/points/:id/photo': 'published photos; before that edit token or moderator',
  'GET /api/events': 'published point events',
  'GET /api/tiles/:file': 'the public map: tile description of published points',
  'GET /api/tiles/:layer/:z/:x/:y': 'the public map: vector tiles of published points',
  'POST /api/auth/login': 'how a moderator gets a session',
  'POST /api/auth/logout': 'ending a session is always allowed',
  'GET /api/sessions/:code': 'the join page: public fields of a walk session',
  'GET /api/sessions/:code/summary': 'published pins of a walk session',
  'GET /api/export/points.geojson': 'open data',
  'GET /api/export/points.csv': 'open data',
  'GET /api/export/dictionary': 'open data',
  'GET /api/export/activities.geojson': 'open data',
  'GET /api/export/activities.csv': 'open data',
  'GET /api/stats': 'published figures',
  'GET /api/activities': "the ambassadors' activities are public",
  'GET /api/activities/:id': "the ambassadors' activities are public",
  'GET /api/activities/:id/calendar.ics': '"Dodaj do kalendarza" for one activity',
  'GET /api/calendar.ics': 'calendar subscription',
  'GET /api/calendar/:file{[a-z-]+\\.ics}': 'calendar subscription for one subarea',
  'GET /api/openapi.json': 'API description',
  'GET /api/docs': 'API description',
  'GET /api/privacy': 'the privacy notice everyone must be able to read',
  'GET /api/about': 'the about page',
  'GET /robots.txt': 'crawlers',
  'GET /sitemap.xml': 'crawlers',
};

/** Bodies a staff member would send, so a refusal can only come from the missing authority, not from validation. */
const BODIES: Record<string, unknown> = {
  'POST /api/moderation/points/:id/reject': { reason: 'test' },
  'POST /api/moderation/points/:id/remove': { reason: 'na prośbę autora' },
  'PATCH /api/moderation/points/:id': { layer: 'walk', title: 'Zmieniony tytuł' },
  'POST /api/moderation/points/:id/move': { lng: 19.9448, lat: 50.0515 },
  'POST /api/sessions': {
    name: 'Spacer testowy',
    subarea: 'kazimierz-stradom',
    date: '2026-05-16',
    publishMode: 'moderated',
  },
  'PATCH /api/sessions/:code': { closed: true },
  'POST /api/activities': activityBody(),
  'PATCH /api/activities/:id': { title: 'Zmieniony tytuł' },
  'PATCH /api/ambassador/requests/:id': { action: 'handed-over' },
  'PUT /api/ambassador/cards/:subarea': {
    seat: 'ul. Józefa 1',
    phone: '',
    email: '',
    website: '',
    hours: '',
    activities: ['spacer'],
  },
};

/**
 * Who may call each staff endpoint. The resident's point and the walk session live in Kazimierz-Stradom; `own` is
 * that subarea's ambassador, `other` the ambassador of Grzegórzki-Wesoła. 'ok': admitted (2xx, or 409 when an
 * earlier role already changed the state); 403: refused; 'filtered': admitted, but the answer holds none of the
 * other subarea's data.
 */
type Outcome = 'ok' | 403 | 'filtered';
type Access = Record<'admin' | 'moderator' | 'own' | 'other', Outcome>;
const IN_SUBAREA: Access = { admin: 'ok', moderator: 'ok', own: 'ok', other: 403 };
const LISTS: Access = { admin: 'ok', moderator: 'ok', own: 'ok', other: 'filtered' };
/** Activities are written by their subarea's ambassador and by admins; moderators only read them like anyone. */
const ACTIVITY_EDIT: Access = { admin: 'ok', moderator: 403, own: 'ok', other: 403 };
const ADMIN_ONLY: Access = { admin: 'ok', moderator: 403, own: 403, other: 403 };
const ANY_STAFF: Access = { admin: 'ok', moderator: 'ok', own: 'ok', other: 'ok' };
// Residents' requests and helpers' private contacts: the subarea's ambassador and admins, never moderators.
const BROKERS_IN_SUBAREA: Access = { admin: 'ok', moderator: 403, own: 'ok', other: 403 };
const BROKERS_LISTS: Access = { admin: 'ok', moderator: 403, own: 'ok', other: 'filtered' };
const ROLE_ACCESS: Record<string, Access> = {
  'GET /api/auth/me': ANY_STAFF,
  'GET /api/accounts': ADMIN_ONLY,
  'GET /api/moderation/queue': LISTS,
  'GET /api/moderation/help/stale': LISTS,
  'GET /api/moderation/points/:id': IN_SUBAREA,
  'GET /api/moderation/points/:id/history': IN_SUBAREA,
  'POST /api/moderation/points/:id/approve': IN_SUBAREA,
  'POST /api/moderation/points/:id/reject': IN_SUBAREA,
  'POST /api/moderation/points/:id/remove': IN_SUBAREA,
  'PATCH /api/moderation/points/:id': IN_SUBAREA,
  'POST /api/moderation/points/:id/move': IN_SUBAREA,
  'POST /api/sessions': IN_SUBAREA,
  'GET /api/sessions': LISTS,
  'PATCH /api/sessions/:code': IN_SUBAREA,
  'GET /api/sessions/:code/pending': IN_SUBAREA,
  'POST /api/activities': ACTIVITY_EDIT,
  'PATCH /api/activities/:id': ACTIVITY_EDIT,
  'DELETE /api/activities/:id': ACTIVITY_EDIT,
  'GET /api/activities/:id/history': ACTIVITY_EDIT,
  'GET /api/ambassador/requests': BROKERS_LISTS,
  'PATCH /api/ambassador/requests/:id': BROKERS_IN_SUBAREA,
  'PUT /api/ambassador/cards/:subarea': BROKERS_IN_SUBAREA,
};

function endpoints(app: TestApp): string[] {
  const all = new Set<string>();
  // ALL entries are middleware (use) and the JSON 404 fallback, not endpoints.
  for (const r of app.routes) if (r.method !== 'ALL') all.add(`${r.method} ${r.path}`);
  return [...all].sort();
}

const T0 = Date.parse('2026-05-16T09:00:00Z');
const TTL = 3_600_000;
let t = T0;
const { app, db } = fresh({
  now: () => new Date(t),
  limits: { sessionTtlMs: TTL, writes: { max: 1e6, windowMs: 60_000 } },
});
const protectedEndpoints = endpoints(app).filter((e) => !(e in OPEN_TO_RESIDENTS));

let live = '';
let expired = '';
let loggedOut = '';
const roles: Record<keyof Access, string> = { admin: '', moderator: '', own: '', other: '' };
let resident = { id: '', editToken: '' };
let sessionCode = '';
/** A Kazimierz-Stradom activity; each removal gets a fresh one, so every role tries to remove something that exists. */
let activityId = '';
let requestId = '';

async function login(database: TestDb, name: string) {
  return moderatorCookie(app, database, name);
}

beforeAll(async () => {
  expired = await login(db, 'wygasly'); // logged in at T0, checked after T0 + TTL
  t = T0 + TTL + 1;
  live = await login(db, 'ola');
  loggedOut = await login(db, 'wylogowany');
  await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: loggedOut } });
  roles.admin = await accountCookie(app, db, 'ada', { role: 'admin' });
  roles.moderator = live;
  roles.own = await accountCookie(app, db, 'fablab', { role: 'ambassador', subarea: 'kazimierz-stradom' });
  roles.other = await accountCookie(app, db, 'mis', { role: 'ambassador', subarea: 'grzegorzki-wesola' });
  resident = await createPoint(app, walkBody());
  const s = await app.request('/api/sessions', json(BODIES['POST /api/sessions'], { Cookie: live }));
  sessionCode = ((await s.json()) as { code: string }).code;
  activityId = (await createActivity(app, roles.own)).id;
  const helper = await createPoint(app, helpBody({ helperType: 'person', name: 'Pani Ela' }));
  await approve(app, roles.admin, helper.id);
  const r = await app.request(`/api/points/${helper.id}/contact-requests`, json(contactBody()));
  requestId = ((await r.json()) as { id: string }).id;
});

/**
 * The moderator's removal erases the point: each call gets a point of its own, so later calls still find the
 * resident's.
 */
const ERASES_POINT = 'POST /api/moderation/points/:id/remove';

async function call(endpoint: string, headers: Record<string, string>) {
  const [method, pattern] = endpoint.split(' ') as [string, string];
  const removal = endpoint === 'DELETE /api/activities/:id';
  const activity = removal ? (await createActivity(app, roles.own)).id : activityId;
  const point = endpoint === ERASES_POINT ? (await createPoint(app, walkBody())).id : resident.id;
  const id = pattern.startsWith('/api/activities/')
    ? activity
    : pattern.startsWith('/api/ambassador/requests/')
      ? requestId
      : point;
  const path = pattern.replace(':id', id).replace(':code', sessionCode).replace(':subarea', 'kazimierz-stradom');
  if (path.includes(':')) throw new Error(`authz.test.ts: teach call() to fill the parameters of ${pattern}`);
  const body = BODIES[endpoint];
  if (method === 'GET') return app.request(path, { headers });
  return app.request(path, body === undefined ? { method, headers } : json(body, headers, method));
}

/** Read-only first, then the ones that change state, so an approval does not turn a later call into a 409. */
const readsFirst = (list: string[]) =>
  [...list].sort((a, b) => Number(!a.startsWith('GET')) - Number(!b.startsWith('GET')));

describe('the authorisation matrix', () => {
  it('knows every staff endpoint (the list is read from the app)', () => {
    expect(protectedEndpoints).toEqual(
      expect.arrayContaining([
        'GET /api/moderation/queue',
        'POST /api/moderation/points/:id/approve',
        'POST /api/moderation/points/:id/reject',
        'POST /api/moderation/points/:id/remove',
        'PATCH /api/moderation/points/:id',
        'POST /api/moderation/points/:id/move',
        'GET /api/moderation/points/:id/history',
        'GET /api/moderation/help/stale',
        'POST /api/sessions',
        'GET /api/sessions',
        'PATCH /api/sessions/:code',
        'GET /api/sessions/:code/pending',
        'GET /api/auth/me',
        'GET /api/accounts',
        'POST /api/activities',
        'PATCH /api/activities/:id',
        'DELETE /api/activities/:id',
        'GET /api/activities/:id/history',
        'GET /api/ambassador/requests',
        'PATCH /api/ambassador/requests/:id',
        'PUT /api/ambassador/cards/:subarea',
      ]),
    );
    // The allow-list names only endpoints that exist, so a removed route cannot leave a stale exemption behind.
    for (const open of Object.keys(OPEN_TO_RESIDENTS)) expect(endpoints(app)).toContain(open);
    // Every staff endpoint says which roles it admits, and only staff endpoints are in that table.
    expect(Object.keys(ROLE_ACCESS).sort()).toEqual([...protectedEndpoints].sort());
  });

  const cases: [string, () => Record<string, string>][] = [
    ['without a session', () => ({})],
    ['with an expired session', () => ({ Cookie: expired })],
    ['with a logged-out session', () => ({ Cookie: loggedOut })],
    ["with a resident's edit token as Bearer", () => bearer(resident.editToken)],
    ["with a resident's edit token as the session cookie", () => ({ Cookie: `mapa_session=${resident.editToken}` })],
    ['with a made-up session cookie', () => ({ Cookie: 'mapa_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })],
  ];
  for (const endpoint of protectedEndpoints) {
    for (const [name, headers] of cases) {
      it(`${endpoint} refuses a request ${name}`, async () => {
        const res = await call(endpoint, headers());
        expect([401, 403], `${endpoint} ${name}: ${res.status}`).toContain(res.status);
        const body = (await res.json()) as { error: string };
        expect(body.error).toBeTruthy();
        expect(JSON.stringify(body)).not.toContain(resident.editToken);
      });
    }
  }

  it('every one of them answers a live session of a role it admits (the requests above were well formed)', async () => {
    for (const endpoint of readsFirst(protectedEndpoints)) {
      const cookie = ROLE_ACCESS[endpoint]?.moderator === 'ok' ? live : roles.admin;
      const res = await call(endpoint, { Cookie: cookie });
      expect(res.status, `${endpoint}: ${await res.clone().text()}`).toBeLessThan(300);
    }
  });

  it('each role reaches exactly what it may: an ambassador in another subarea is refused (403) or sees none of it', async () => {
    for (const endpoint of readsFirst(protectedEndpoints)) {
      for (const [role, outcome] of Object.entries(ROLE_ACCESS[endpoint]!) as [keyof Access, Outcome][]) {
        const res = await call(endpoint, { Cookie: roles[role] });
        const text = await res.text();
        const what = `${endpoint} as ${role}: ${res.status} ${text.slice(0, 200)}`;
        if (outcome === 403) expect(res.status, what).toBe(403);
        else expect(res.status < 300 || res.status === 409, what).toBe(true);
        if (outcome === 'filtered') {
          expect(text, what).not.toContain(resident.id);
          expect(text, what).not.toContain(sessionCode);
          expect(text, what).not.toContain(requestId);
        }
      }
    }
  });

  it('the refused requests left no trace: only the author and admitted staff appear in the history', async () => {
    const res = await app.request(`/api/moderation/points/${resident.id}/history`, { headers: { Cookie: live } });
    const actors = new Set(((await res.json()) as { entries: { actor: string }[] }).entries.map((e) => e.actor));
    expect([...actors].sort()).toEqual(['ada', 'author', 'fablab', 'ola']);
  });
});

/**
 * The staff cookie is SameSite=Strict, yet a sibling subdomain is the same *site*: the browser sends the cookie with
 * a form or a fetch it makes to us. So every staff change, and login and logout, must come from our own origin and
 * carry JSON, and no staff answer may be cached (middleware/same-origin.ts).
 */
describe('cookie-authenticated requests', () => {
  const changes = protectedEndpoints.filter((e) => !e.startsWith('GET '));
  const withCookieOutsideRoles = ['POST /api/auth/login', 'POST /api/auth/logout'];
  const FOREIGN: [string, Record<string, string>][] = [
    ['from a sibling subdomain', { Origin: 'https://inna-strona.krakow.pl' }],
    ['the browser marks same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ['the browser marks cross-site', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' }],
    ['from a sandboxed frame (Origin: null)', { Origin: 'null' }],
  ];

  for (const endpoint of [...changes, ...withCookieOutsideRoles]) {
    for (const [name, headers] of FOREIGN) {
      it(`${endpoint} refuses a live session's request ${name}`, async () => {
        const res = await call(endpoint, { Cookie: roles.admin, ...headers });
        expect(res.status, await res.clone().text()).toBe(403);
      });
    }
    it(`${endpoint} refuses a form body even from our own origin`, async () => {
      const [method, pattern] = endpoint.split(' ') as [string, string];
      const path = pattern
        .replace(':id', resident.id)
        .replace(':code', sessionCode)
        .replace(':subarea', 'kazimierz-stradom');
      const res = await app.request(path, {
        method,
        headers: { Cookie: roles.admin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'reason=x&closed=true',
      });
      expect(res.status).toBe(415);
    });
  }

  it('staff changes sent from our own pages, as a browser marks them, still work', async () => {
    const own = { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' };
    for (const endpoint of changes) {
      const res = await call(endpoint, { Cookie: roles.admin, ...own });
      expect(res.status < 300 || res.status === 409, `${endpoint}: ${res.status} ${await res.clone().text()}`).toBe(
        true,
      );
    }
    const fromPublicUrl = fresh({ publicUrl: 'https://mapa.example.pl' });
    const cookie = await moderatorCookie(fromPublicUrl.app, fromPublicUrl.db);
    const res = await fromPublicUrl.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://mapa.example.pl', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(res.status).toBe(200);
  });

  it('every staff answer is marked Cache-Control: no-store', async () => {
    for (const endpoint of readsFirst(protectedEndpoints)) {
      const res = await call(endpoint, { Cookie: roles.admin });
      expect(res.headers.get('Cache-Control'), endpoint).toBe('no-store');
    }
  });
});
