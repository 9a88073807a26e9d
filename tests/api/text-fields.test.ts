import { describe, expect, it } from 'vitest';
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
} from './helpers.ts';
import { activityBody } from './activity-helpers.ts';

/**
 * Characters that hide or disguise text are refused in every resident- and moderator-written field, with an issue
 * whose path and message both name the field (common/text.ts says which and why).
 */
type Send = (value: string) => { path: string; init: RequestInit };

const UNLIMITED = { max: 1e6, windowMs: 60_000 };
const { app, db } = fresh({ limits: { writes: UNLIMITED, contactRequests: UNLIMITED } });
const cookie = await moderatorCookie(app, db);
const admin = await accountCookie(app, db, 'ada', { role: 'admin' }); // activities are written by admins and ambassadors
const walk = await createPoint(app, walkBody());
const help = await createPoint(app, helpBody());
const person = await createPoint(
  app,
  helpBody({ helperType: 'person', name: 'Pani Ela', contact: { phone: '+48 699 111 222' } }),
);
await approve(app, cookie, person.id);

const create =
  (body: (v: string) => Record<string, unknown>): Send =>
  (v) => ({ path: '/api/points', init: json(body(v)) });
const FIELDS: Record<string, { send: Send; path: string; multiline?: boolean; required?: boolean }> = {
  'walk title': { send: create((v) => walkBody({ title: v })), path: 'title', required: true },
  'walk description': { send: create((v) => walkBody({ description: v })), path: 'description', multiline: true },
  'walk nickname': { send: create((v) => walkBody({ nickname: v })), path: 'nickname' },
  'help name': { send: create((v) => helpBody({ name: v })), path: 'name', required: true },
  'help description': { send: create((v) => helpBody({ description: v })), path: 'description', multiline: true },
  'help availability': { send: create((v) => helpBody({ availability: v })), path: 'availability' },
  'author edit of a title': {
    send: (v) => ({
      path: `/api/points/${walk.id}`,
      init: json({ layer: 'walk', title: v }, bearer(walk.editToken), 'PATCH'),
    }),
    path: 'title',
    required: true,
  },
  'moderator edit of a name': {
    send: (v) => ({
      path: `/api/moderation/points/${help.id}`,
      init: json({ layer: 'help', name: v }, { Cookie: cookie }, 'PATCH'),
    }),
    path: 'name',
    required: true,
  },
  'reject reason': {
    send: (v) => ({ path: `/api/moderation/points/${walk.id}/reject`, init: json({ reason: v }, { Cookie: cookie }) }),
    path: 'reason',
    required: true,
    multiline: true,
  },
  'activity title': {
    send: (v) => ({ path: '/api/activities', init: json(activityBody({ title: `Spacer ${v}` }), { Cookie: admin }) }),
    path: 'title',
  },
  'activity description': {
    send: (v) => ({ path: '/api/activities', init: json(activityBody({ description: v }), { Cookie: admin }) }),
    path: 'description',
    multiline: true,
  },
  'activity place name': {
    send: (v) => ({
      path: '/api/activities',
      init: json(activityBody({ place: { name: v, lng: 19.9447, lat: 50.0514 } }), { Cookie: admin }),
    }),
    path: 'place.name',
    required: true,
  },
  'walk session name': {
    send: (v) => ({
      path: '/api/sessions',
      init: json(
        { name: v, subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'moderated' },
        { Cookie: cookie },
      ),
    }),
    path: 'name',
    required: true,
  },
};

async function issueFor(send: Send, value: string) {
  const { path, init } = send(value);
  const res = await app.request(path, init);
  const body = await res.json();
  return { status: res.status, body, issues: (body.issues ?? []) as { path: string; message: string }[] };
}

const BAD: [string, string][] = [
  ['a C0 control character (BEL)', 'Skwer\u0007 zieleni'],
  ['a C1 control character (NEL)', 'Skwer\u0085 zieleni'],
  ['a C1 control character (CSI)', 'Skwer\u009B zieleni'],
  ['a right-to-left override', 'Plac \u202Egnp.exe'],
  ['a left-to-right embedding', 'Plac \u202Atekst'],
  ['a first-strong isolate', 'Plac \u2068tekst\u2069'],
];

describe('text fields', () => {
  for (const [field, { send, path }] of Object.entries(FIELDS)) {
    for (const [what, value] of BAD) {
      it(`the ${field} refuses ${what}, naming the field`, async () => {
        const { status, issues } = await issueFor(send, value);
        expect(status).toBe(400);
        expect(issues).toHaveLength(1);
        expect(issues[0]!.path).toBe(path);
        expect(issues[0]!.message).toMatch(
          new RegExp(`^${path} contains a (control|text-direction control) character \\(U\\+[0-9A-F]{4}\\)`),
        );
      });
    }
  }

  for (const [field, { send, path, multiline }] of Object.entries(FIELDS)) {
    it(
      multiline ? `the ${field} keeps line breaks and tabs` : `the ${field} is one line: no line breaks or tabs`,
      async () => {
        for (const value of ['Pierwsza linia\nDruga linia', 'Pierwsza\r\nDruga', 'Kolumna\tdruga']) {
          const { status, issues } = await issueFor(send, value);
          // A second rejection is a 409: what matters is that the text itself raised no issue.
          if (multiline) expect(status, value).not.toBe(400);
          else expect(issues, value).toEqual([{ path, message: `${path} must be one line (no line breaks or tabs)` }]);
        }
      },
    );
  }

  for (const [field, { send, path }] of Object.entries(FIELDS).filter(([, f]) => f.required)) {
    it(`the ${field} refuses text made only of invisible characters`, async () => {
      for (const value of ['\u200B\u200D', '\u3164', '\u2800\u2800', '\u00AD\u2060\uFEFF', '\u200B \u200C']) {
        const { status, issues } = await issueFor(send, value);
        expect(status, JSON.stringify(value)).toBe(400);
        // A field with a minimum length may name that too; the invisible text must be named either way.
        expect(issues).toContainEqual({ path, message: `${path} has no visible characters` });
        expect(issues.every((i) => i.path === path)).toBe(true);
      }
    });
  }

  it("a contact request's name and message refuse the same characters, in Polish, naming the field", async () => {
    const ask = (over: Record<string, unknown>) =>
      issueFor(() => ({ path: `/api/points/${person.id}/contact-requests`, init: json(contactBody(over)) }), '');
    for (const [field, label] of [
      ['name', 'Imię lub pseudonim'],
      ['message', 'Wiadomość'],
    ] as const) {
      for (const [what, value] of [...BAD, ['only invisible characters', '\u200B\u200D']]) {
        const { status, issues } = await ask({ [field]: value });
        expect(status, `${field}: ${what}`).toBe(400);
        expect(issues, `${field}: ${what}`).toEqual([
          { path: field, message: expect.stringMatching(new RegExp(`^${label}: tekst zawiera niewidoczne znaki`)) },
        ]);
      }
    }
    expect((await ask({ message: 'Potrzebuję pomocy\nz zakupami we wtorki.' })).status).toBe(201);
  });

  it('accepts the bidi marks Arabic and Hebrew text needs, and ordinary Polish and Ukrainian text', async () => {
    for (const title of [
      '\u200Fשלום עולם',
      'مرحبا\u061C 12',
      'Zażółć gęślą jaźń',
      'Їжак на подвір’ї',
      'Kawiarnia „U Pani Zosi” 😊',
    ]) {
      const res = await app.request('/api/points', json(walkBody({ title })));
      expect(res.status, title).toBe(201);
    }
  });

  it('refuses a www address carrying a direction override', async () => {
    const { status, issues } = await issueFor(
      create((v) => helpBody({ contact: { www: v } })),
      'https://example.org/\u202Egpj.exe',
    );
    expect(status).toBe(400);
    expect(issues[0]!.path).toBe('contact.www');
  });
});
