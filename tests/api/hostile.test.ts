import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/common/points.ts';
import {
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
} from './helpers.ts';

/**
 * Hostile input. Two halves:
 *  1. the XSS corpus (tests/fixtures/xss-payloads.json) through every text field of both layers and of the
 *     moderators' own forms: stored and answered back byte for byte, only ever as JSON;
 *  2. property-based tests over every write endpoint the app registers (app.routes): junk paths, headers and
 *     bodies, mutated valid bodies, with and without a moderator session — never a 5xx, always a JSON error body.
 * FUZZ_RUNS (default 300) sets the number of cases; FUZZ_RUNS=10000 for the larger run on demand.
 * (POST /api/points alone is fuzzed in fuzz.test.ts; this file covers everything else plus headers.)
 */
const PAYLOADS: string[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/xss-payloads.json'), 'utf8'),
).payloads;
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
// Generous per case: the on-demand 10,000-case run must not fail on a machine busy with other work.
const TIMEOUT = 30_000 + RUNS * 100;
const UNLIMITED = { max: 1e9, windowMs: 60_000 };
const limits = {
  writes: UNLIMITED,
  votes: UNLIMITED,
  votesPerPoint: UNLIMITED,
  logins: UNLIMITED,
  sessionLookups: UNLIMITED,
};

/** Text fields per layer and their caps (common/points.ts LIMITS). */
const WALK_TEXT = { title: 120, description: 2000, nickname: 40 } as const;
const HELP_TEXT = { name: 120, description: 2000, availability: 300 } as const;

describe('the XSS corpus', () => {
  it('has at least 30 distinct payloads that the API takes as they are', () => {
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    for (const p of PAYLOADS) expect(p).toBe(p.normalize('NFC').trim());
  });

  for (const [layer, fields, body] of [
    ['walk', WALK_TEXT, walkBody],
    ['help', HELP_TEXT, helpBody],
  ] as const) {
    for (const [field, max] of Object.entries(fields)) {
      it(`${layer}.${field}: every payload that fits is stored and published byte for byte, as JSON only`, async () => {
        const { app, db } = fresh({ limits });
        const cookie = await moderatorCookie(app, db);
        const fitting = PAYLOADS.filter((p) => p.length <= max);
        expect(fitting.length).toBeGreaterThanOrEqual(10);
        const ids: string[] = [];
        for (const payload of fitting) {
          const created = await createPoint(app, body({ [field]: payload }));
          await approve(app, cookie, created.id);
          ids.push(created.id);
          const own = await (
            await app.request(`/api/points/${created.id}`, { headers: bearer(created.editToken) })
          ).json();
          expect(own[field]).toBe(payload);
        }
        const list = await app.request(`/api/points?layer=${layer}`);
        expect(list.headers.get('Content-Type')).toMatch(/^application\/json/);
        expect(list.headers.get('X-Content-Type-Options')).toBe('nosniff');
        const byId = new Map(
          ((await list.json()).features as { id: string; properties: Record<string, unknown> }[]).map((f) => [f.id, f]),
        );
        fitting.forEach((payload, i) => expect(byId.get(ids[i]!)?.properties[field]).toBe(payload));
        // Open data leaves nicknames out (privacy); every other text field travels in the export, as JSON.
        if (field === 'nickname') return;
        const geojson = await app.request(`/api/export/points.geojson?layer=${layer}`);
        expect(geojson.headers.get('Content-Type')).toMatch(/^application\/geo\+json/);
        const exported = await geojson.text();
        for (const payload of fitting) expect(exported).toContain(JSON.stringify(payload).slice(1, -1));
      });
    }
  }

  it('a payload in a moderator edit, a rejection reason and a session name comes back literally', async () => {
    const { app, db } = fresh({ limits });
    const cookie = await moderatorCookie(app, db);
    for (const payload of PAYLOADS) {
      const p = await createPoint(app, walkBody());
      const edited = await app.request(
        `/api/moderation/points/${p.id}`,
        json({ layer: 'walk', description: payload }, { Cookie: cookie }, 'PATCH'),
      );
      expect((await edited.json()).description).toBe(payload);
      const rejected = await app.request(
        `/api/moderation/points/${p.id}/reject`,
        json({ reason: payload }, { Cookie: cookie }),
      );
      expect(rejected.status).toBe(200);
      const own = await (await app.request(`/api/points/${p.id}`, { headers: bearer(p.editToken) })).json();
      expect(own.rejectReason).toBe(payload);
      const session = await app.request(
        '/api/sessions',
        json(
          { name: payload, subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'moderated' },
          { Cookie: cookie },
        ),
      );
      expect(session.status).toBe(201);
      expect((await session.json()).name).toBe(payload);
    }
  });

  it('refuses script and data URLs as a website; keeps markup inside an http(s) address inert text', async () => {
    const { app } = fresh({ limits });
    for (const www of [
      'javascript:window.__xss=true',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const res = await app.request('/api/points', json(helpBody({ contact: { www } })));
      expect(res.status, www).toBe(400);
      expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(['contact.www']);
    }
    const res = await app.request(
      '/api/points',
      json(helpBody({ contact: { www: 'https://example.org/?q="><script>alert(1)</script>' } })),
    );
    expect([201, 400]).toContain(res.status);
  });
});

// ——— property-based: every write endpoint ———

const WRITE_BODIES: Record<string, () => unknown[]> = {
  'POST /api/points': () => [walkBody(), helpBody(), helpBody({ helperType: 'person' })],
  'PATCH /api/points/:id': () => [
    { layer: 'walk', title: 'Nowy tytuł' },
    { layer: 'help', confirm: true },
    { layer: 'help', paused: true },
  ],
  'POST /api/auth/login': () => [{ login: 'ola', password: 'zle haslo' }],
  'POST /api/moderation/points/:id/reject': () => [{ reason: 'spam' }],
  'PATCH /api/moderation/points/:id': () => [
    { layer: 'walk', title: 'Poprawiony' },
    { layer: 'help', kinds: ['zakupy'] },
  ],
  'POST /api/sessions': () => [
    { name: 'Spacer', subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'immediate' },
  ],
  'PATCH /api/sessions/:code': () => [{ closed: true }, { publishMode: 'moderated' }],
  'POST /api/points/:id/contact-requests': () => [
    contactBody(),
    contactBody({ phone: undefined, email: 'jan@example.org', shareDirect: true }),
  ],
  'PATCH /api/ambassador/requests/:id': () => [
    { action: 'handed-over' },
    { action: 'failed', note: 'nie odbiera' },
    { action: 'reopen' },
  ],
  'PUT /api/ambassador/cards/:subarea': () => [
    { seat: 'ul. Józefa 1', phone: '', email: '', website: '', hours: '', activities: ['spacer'] },
  ],
};

const jsonJunk = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 300 }),
  fc.double(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
);
/** A valid body with one key replaced or added: gets past the first checks, so deeper code is reached. */
const mutate = (body: unknown) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(body as object), 'extra', 'layer', 'lng', 'lat', 'session'),
      jsonJunk,
      fc.boolean(),
    )
    .map(([key, value, drop]) => {
      const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      if (drop) delete copy[key];
      else copy[key] = value;
      return copy;
    });

const asciiText = (maxLength: number) => fc.string({ maxLength });
/** Strings that are not valid ids or codes, including ones that need URL encoding. */
const junkSegment = fc.oneof(
  asciiText(80),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('..', '%', '%00', '0'.repeat(300)),
);

function writeEndpoints(app: TestApp): string[] {
  const set = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL' && r.method !== 'GET') set.add(`${r.method} ${r.path}`);
  return [...set].sort();
}

describe('every write endpoint under generated input', () => {
  let app: TestApp;
  let cookie = '';
  let endpoints: string[] = [];

  beforeAll(async () => {
    const f = fresh({ limits });
    app = f.app;
    cookie = await moderatorCookie(app, f.db);
    endpoints = writeEndpoints(app);
  });

  it('covers at least the points, votes, photo, login and moderation writes', () => {
    expect(endpoints).toEqual(
      expect.arrayContaining([
        'POST /api/points',
        'PATCH /api/points/:id',
        'DELETE /api/points/:id',
        'POST /api/points/:id/votes',
        'PUT /api/points/:id/photo',
        'DELETE /api/points/:id/photo',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/moderation/points/:id/approve',
        'POST /api/moderation/points/:id/reject',
        'PATCH /api/moderation/points/:id',
      ]),
    );
  });

  it(
    'answers every request with a status below 500 and a JSON error body naming what is wrong',
    async () => {
      let successes = 0;
      const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
      // Weighted towards well-formed requests, so most cases get past the first check and reach the handler.
      const request = fc.record({
        endpoint: fc.constantFrom(...endpoints),
        layer: fc.constantFrom('walk', 'help'),
        realId: fc.oneof(w(4, fc.constant(true)), w(1, fc.constant(false))),
        id: junkSegment,
        code: junkSegment,
        bodyKind: fc.oneof(
          w(3, fc.constant('valid' as const)),
          w(4, fc.constant('mutated' as const)),
          w(1, fc.constant('junk' as const)),
          w(1, fc.constant('text' as const)),
          w(1, fc.constant('none' as const)),
        ),
        pick: fc.nat(),
        contentType: fc.oneof(
          w(6, fc.constant('application/json')),
          w(
            2,
            fc.constantFrom(
              'application/json; charset=utf-8',
              'image/jpeg',
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data',
            ),
          ),
          w(1, asciiText(40)),
        ),
        auth: fc.oneof(
          w(4, fc.constant('own')),
          w(2, fc.constant(undefined)),
          w(
            1,
            fc.oneof(
              fc.constant('Bearer '),
              asciiText(120).map((s) => `Bearer ${s}`),
              asciiText(60),
            ),
          ),
        ),
        withCookie: fc.oneof(w(3, fc.constant(true)), w(1, fc.constant(false))),
        idempotencyKey: fc.option(fc.oneof(asciiText(250), fc.uuid()), { nil: undefined }),
        deviceId: fc.oneof(
          w(2, fc.constant('device-0000000000000001')),
          w(1, asciiText(140)),
          w(1, fc.constant(undefined)),
        ),
        junkBody: jsonJunk,
        text: fc.string({ maxLength: 400 }),
      });
      await fc.assert(
        fc.asyncProperty(request, fc.integer({ min: 0, max: 1e6 }), async (r, seed) => {
          // A fresh point per case, so deletes and approvals do not wear the interesting states out.
          const own = await createPoint(app, r.layer === 'walk' ? walkBody() : helpBody());
          const [method, pattern] = r.endpoint.split(' ') as [string, string];
          const path = pattern
            .replace(':id', r.realId ? own.id : encodeURIComponent(r.id))
            .replace(':code', encodeURIComponent(r.code));
          const valid = WRITE_BODIES[r.endpoint]?.() ?? [{}];
          const base = valid[r.pick % valid.length];
          let body: string | undefined;
          if (r.bodyKind === 'valid') body = JSON.stringify(base);
          else if (r.bodyKind === 'mutated') body = JSON.stringify(fc.sample(mutate(base), { numRuns: 1, seed })[0]);
          else if (r.bodyKind === 'junk') body = JSON.stringify(r.junkBody);
          else if (r.bodyKind === 'text') body = r.text;
          const headers: Record<string, string> = { 'Content-Type': r.contentType };
          if (r.auth !== undefined) headers.Authorization = r.auth === 'own' ? `Bearer ${own.editToken}` : r.auth;
          // Logging out with the shared session would end it for every later case: logout gets a cookie of its own.
          if (r.withCookie)
            headers.Cookie =
              r.endpoint === 'POST /api/auth/logout' ? 'mapa_session=never-issued-session-token' : cookie;
          if (r.idempotencyKey !== undefined) headers['Idempotency-Key'] = r.idempotencyKey;
          if (r.deviceId !== undefined) headers['X-Device-Id'] = r.deviceId;
          const res = await app.request(path, { method, headers, body });
          if (res.ok) successes += 1;
          const text = await res.text();
          const what = `${method} ${path} → ${res.status}: ${text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('Content-Type'), what).toMatch(/^application\/json/);
            ErrorBody.parse(JSON.parse(text));
          }
        }),
        { numRuns: RUNS },
      );
      // The generator must not only bounce off validation: a fair share of cases are accepted and change state.
      expect(successes).toBeGreaterThan(RUNS / 20);
    },
    TIMEOUT,
  );

  it(
    'takes arbitrary bytes as a photo without a 5xx',
    async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 2048 }),
        // Real magic numbers followed by garbage: the decoder starts, then meets junk.
        fc
          .tuple(
            fc.constantFrom(
              [0xff, 0xd8, 0xff, 0xe0],
              [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
              [0x52, 0x49, 0x46, 0x46],
            ),
            fc.uint8Array({ maxLength: 2048 }),
          )
          .map(([magic, rest]) => new Uint8Array([...magic, ...rest])),
      );
      await fc.assert(
        fc.asyncProperty(bytes, fc.constantFrom('image/jpeg', 'image/png', 'image/webp'), async (data, type) => {
          const own = await createPoint(app, walkBody());
          const res = await app.request(`/api/points/${own.id}/photo`, {
            method: 'PUT',
            headers: { 'Content-Type': type, ...bearer(own.editToken) },
            body: data,
          });
          expect(res.status, await res.clone().text()).toBeLessThan(500);
          if (res.status >= 400) ErrorBody.parse(await res.json());
        }),
        { numRuns: Math.max(20, Math.ceil(RUNS / 10)) },
      );
    },
    TIMEOUT,
  );
});
