import { describe, expect, it } from 'vitest';
import {
  type TestDb,
  accountCookie,
  approve,
  bearer,
  contactBody,
  createPoint,
  fresh,
  helpBody,
  json,
  walkBody,
  type TestApp,
} from './helpers.ts';
import { Inbox, type InboxRequest } from '../../src/common/contact-requests.ts';

const HELPER_PHONE = '+48 699 111 222';
const personOffer = (over: Record<string, unknown> = {}) =>
  helpBody({ helperType: 'person', name: 'Pani Ela', contact: { phone: HELPER_PHONE }, ...over });

let t = Date.parse('2026-05-16T09:00:00Z');
async function setup(options: Parameters<typeof fresh>[0] = {}) {
  // Many asks per test from one address, and sessions that outlive the retention test's jump of 31 days.
  const limits = { contactRequests: { max: 100, windowMs: 60_000 }, sessionTtlMs: 60 * 86_400_000, ...options.limits };
  const { app, db } = fresh({ now: () => new Date(t), ...options, limits });
  const admin = await accountCookie(app, db, 'ada', { role: 'admin' });
  const own = await accountCookie(app, db, 'fablab', { role: 'ambassador', subarea: 'kazimierz-stradom' });
  const other = await accountCookie(app, db, 'mis', { role: 'ambassador', subarea: 'grzegorzki-wesola' });
  const moderator = await accountCookie(app, db, 'ola', { role: 'moderator' });
  return { app, db, admin, own, other, moderator };
}

async function published(app: TestApp, admin: string, body: unknown) {
  const p = await createPoint(app, body);
  await approve(app, admin, p.id);
  return p;
}

const ask = (app: TestApp, id: string, body: unknown = contactBody()) =>
  app.request(`/api/points/${id}/contact-requests`, json(body));
const inbox = async (app: TestApp, cookie: string) => {
  const res = await app.request('/api/ambassador/requests', { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return Inbox.parse(await res.json()).requests;
};
const act = (app: TestApp, cookie: string, id: string, body: unknown) =>
  app.request(`/api/ambassador/requests/${id}`, json(body, { Cookie: cookie }, 'PATCH'));
const audited = (db: TestDb, action: string) =>
  db.value<number>('SELECT count(*) FROM staff_audit WHERE action = ?', action);

describe('POST /api/points/:id/contact-requests', () => {
  it('answers 201 naming the ambassador and echoes nothing the resident typed', async () => {
    const { app, admin } = await setup();
    const offer = await published(app, admin, personOffer());
    const res = await ask(app, offer.id);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      id: expect.any(String),
      status: 'open',
      subarea: 'kazimierz-stradom',
      ambassador: 'Stowarzyszenie Fablab Kraków',
    });
    const text = JSON.stringify(body);
    for (const typed of ['Jan z Józefa', '601 222 333', 'zakupami', HELPER_PHONE]) expect(text).not.toContain(typed);
  });

  it('refuses pending, paused and removed offers, and walk pins, each with a message', async () => {
    const { app, admin } = await setup();
    const pending = await createPoint(app, personOffer());
    expect((await ask(app, pending.id)).status).toBe(409);
    const paused = await published(app, admin, personOffer());
    await app.request(
      `/api/points/${paused.id}`,
      json({ layer: 'help', paused: true }, bearer(paused.editToken), 'PATCH'),
    );
    const pausedRes = await ask(app, paused.id);
    expect(pausedRes.status).toBe(409);
    expect((await pausedRes.json()).error).toMatch(/wstrzymał/);
    const removed = await published(app, admin, personOffer());
    await app.request(`/api/points/${removed.id}`, { method: 'DELETE', headers: bearer(removed.editToken) });
    expect((await ask(app, removed.id)).status).toBe(404);
    const walk = await published(app, admin, walkBody());
    expect((await ask(app, walk.id)).status).toBe(400);
    expect((await ask(app, 'nieMaTakiegoPunktu')).status).toBe(404);
  });

  it("refuses an organisation's offer that publishes its contacts, and accepts one that publishes none", async () => {
    const { app, admin } = await setup();
    const open = await published(app, admin, helpBody());
    expect((await ask(app, open.id)).status).toBe(409);
    const quiet = await published(app, admin, helpBody({ contact: undefined }));
    expect((await ask(app, quiet.id)).status).toBe(201);
  });

  it('names the field in Polish: no way to be reached, a long message, no consent, an unknown field', async () => {
    const { app, admin } = await setup();
    const offer = await published(app, admin, personOffer());
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ phone: undefined }, 'phone', /telefon lub e-mail/],
      [{ phone: '', email: '' }, 'phone', /telefon lub e-mail/],
      [{ email: 'nie-mail' }, 'email', /adres e-mail/],
      [{ message: 'x'.repeat(501) }, 'message', /najwyżej 500/],
      [{ message: '   ' }, 'message', /Napisz/],
      [{ consent: false }, 'consent', /zgodę/],
      [{ name: '' }, 'name', /imię/],
      [{ admin: true }, 'admin', /unknown/],
    ];
    for (const [over, path, message] of cases) {
      const res = await ask(app, offer.id, contactBody(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      const { issues } = (await res.json()) as { issues: { path: string; message: string }[] };
      expect(issues.find((i) => i.path === path)?.message, JSON.stringify(over)).toMatch(message);
    }
    expect((await ask(app, offer.id, contactBody({ message: 'x'.repeat(500) }))).status).toBe(201);
  });

  it('stops a bot: a filled honeypot or a form sent faster than a person can is refused, and nothing is stored', async () => {
    const { app, admin, own } = await setup();
    const offer = await published(app, admin, personOffer());
    expect((await ask(app, offer.id, contactBody({ homepage: 'http://spam.example' }))).status).toBe(400);
    const fast = await ask(app, offer.id, contactBody({ fillMs: 800 }));
    expect(fast.status).toBe(400);
    expect((await fast.json()).issues[0].path).toBe('fillMs');
    expect(await inbox(app, own)).toEqual([]);
  });

  it('is rate limited per address', async () => {
    const { app, admin } = await setup({ limits: { contactRequests: { max: 2, windowMs: 60_000 } } });
    const offer = await published(app, admin, personOffer());
    expect((await ask(app, offer.id)).status).toBe(201);
    expect((await ask(app, offer.id)).status).toBe(201);
    const third = await ask(app, offer.id);
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toBeTruthy();
  });
});

describe("the ambassador's inbox", () => {
  it("shows the subarea's ambassador the request with the helper's phone, and the other subarea's ambassador nothing", async () => {
    const { app, db, admin, own, other, moderator } = await setup();
    const offer = await published(app, admin, personOffer());
    await ask(app, offer.id, contactBody({ email: 'jan@example.org' }));
    const [r] = await inbox(app, own);
    expect(r).toMatchObject({
      status: 'open',
      name: 'Jan z Józefa',
      phone: '+48 601 222 333',
      email: 'jan@example.org',
      message: 'Potrzebuję pomocy z zakupami w środy.',
      offer: { id: offer.id, name: 'Pani Ela', helperType: 'person' },
      helperContact: { phone: HELPER_PHONE },
      mailFailed: false,
    });
    expect(await inbox(app, other)).toEqual([]);
    expect((await app.request('/api/ambassador/requests', { headers: { Cookie: moderator } })).status).toBe(403);
    expect((await inbox(app, admin)).map((x) => x.id)).toEqual([r!.id]);
    // Every answer that showed the helper's private contact is in the audit log: own, then admin.
    expect(await audited(db, 'view-helper-contact')).toBe(2);
    const subjects = await db.all('SELECT actor, subject FROM staff_audit ORDER BY id');
    expect(subjects).toEqual([
      { actor: 'fablab', subject: `contact-request:${r!.id}` },
      { actor: 'ada', subject: `contact-request:${r!.id}` },
    ]);
  });

  it("hands over, fails with a note, reopens; the helper's contact is shown only while open", async () => {
    const { app, db, admin, own, other } = await setup();
    const offer = await published(app, admin, personOffer());
    await ask(app, offer.id);
    const [r] = await inbox(app, own);
    expect((await act(app, other, r!.id, { action: 'handed-over' })).status).toBe(403);
    const done = await act(app, own, r!.id, { action: 'handed-over' });
    expect(done.status).toBe(200);
    expect((await done.json()) as InboxRequest).toMatchObject({ status: 'handed-over', helperContact: null });
    expect((await act(app, own, r!.id, { action: 'handed-over' })).status).toBe(409);
    const views = await audited(db, 'view-helper-contact');
    expect((await inbox(app, own))[0]!.helperContact).toBeNull();
    expect(await audited(db, 'view-helper-contact')).toBe(views);

    expect((await act(app, own, r!.id, { action: 'reopen' })).status).toBe(200);
    const noNote = await act(app, own, r!.id, { action: 'failed' });
    expect(noNote.status).toBe(400);
    expect((await noNote.json()).issues[0].path).toBe('note');
    const failed = await act(app, own, r!.id, { action: 'failed', note: 'Pomocnik nie odbiera telefonu.' });
    expect(await failed.json()).toMatchObject({
      status: 'failed',
      note: 'Pomocnik nie odbiera telefonu.',
      helperContact: null,
    });
    expect(
      await Promise.all(['request-handed-over', 'request-reopened', 'request-failed'].map((a) => audited(db, a))),
    ).toEqual([1, 1, 1]);
  });

  it('erases a closed request after the retention period and keeps an open one', async () => {
    const { app, admin, own } = await setup({
      retention: { rejectedDays: 30, closedContactRequestDays: 30, staleHelpDays: 180 },
    });
    const offer = await published(app, admin, personOffer());
    await ask(app, offer.id);
    await ask(app, offer.id);
    const [a] = await inbox(app, own);
    await act(app, own, a!.id, { action: 'handed-over' });
    t += 29 * 86_400_000;
    expect(await inbox(app, own)).toHaveLength(2);
    t += 2 * 86_400_000;
    const left = await inbox(app, own);
    expect(left.map((x) => x.status)).toEqual(['open']);
    expect((await act(app, own, a!.id, { action: 'reopen' })).status).toBe(404);
  });
});

describe("the helper's private link", () => {
  it('keeps "Powiadamiaj mnie o prośbach" private, and the helper may switch it without a new review', async () => {
    const { app, admin } = await setup();
    const offer = await published(
      app,
      admin,
      personOffer({ contact: { email: 'ela@example.org' }, notifyRequests: true }),
    );
    const pub = await (await app.request(`/api/points/${offer.id}`)).text();
    expect(pub).not.toContain('notifyRequests');
    const off = await app.request(
      `/api/points/${offer.id}`,
      json({ layer: 'help', notifyRequests: false }, bearer(offer.editToken), 'PATCH'),
    );
    expect(await off.json()).toMatchObject({ status: 'published', notifyRequests: false });
  });

  it('lists the requests to their offer (date and status, nobody’s name) with the edit token only', async () => {
    const { app, admin, own } = await setup();
    const offer = await published(app, admin, personOffer());
    await ask(app, offer.id);
    const [r] = await inbox(app, own);
    await act(app, own, r!.id, { action: 'handed-over' });
    await ask(app, offer.id);
    const res = await app.request(`/api/points/${offer.id}/contact-requests`, { headers: bearer(offer.editToken) });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const body = await res.json();
    expect(body.requests.map((x: { status: string }) => x.status).sort()).toEqual(['handed-over', 'open']);
    expect(JSON.stringify(body)).not.toContain('Jan');
    expect((await app.request(`/api/points/${offer.id}/contact-requests`)).status).toBe(401);
    const stranger = await createPoint(app, personOffer());
    expect(
      (await app.request(`/api/points/${offer.id}/contact-requests`, { headers: bearer(stranger.editToken) })).status,
    ).toBe(403);
  });
});

describe("the ambassador's card", () => {
  const card = {
    seat: 'ul. Józefa 15, Kraków',
    phone: '12 345 67 89',
    email: '',
    website: '',
    hours: 'wt i czw 10–14',
    activities: ['spacer badawczy'],
  };

  it('is edited by its ambassador, overrides the file on /api/subareas, and is audited', async () => {
    const { app, db, own } = await setup();
    const res = await app.request('/api/ambassador/cards/kazimierz-stradom', json(card, { Cookie: own }, 'PUT'));
    expect(res.status).toBe(200);
    const subareas = await (await app.request('/api/subareas')).json();
    const a = subareas.features.find((f: { id: string }) => f.id === 'kazimierz-stradom').properties.ambassador;
    expect(a).toMatchObject({
      organisation: 'Stowarzyszenie Fablab Kraków',
      seat: card.seat,
      phone: card.phone,
      hours: card.hours,
      activities: card.activities,
    });
    expect(a).not.toHaveProperty('email');
    expect(await db.all('SELECT actor, action, subject FROM staff_audit ORDER BY id')).toEqual([
      { actor: 'fablab', action: 'card-edit', subject: 'subarea:kazimierz-stradom' },
    ]);
  });

  it("an emptied field disappears, and another subarea's card is refused (403)", async () => {
    const { app, own, other } = await setup();
    const mis = { ...card, seat: '', activities: ['potańcówka'] };
    expect(
      (await app.request('/api/ambassador/cards/grzegorzki-wesola', json(mis, { Cookie: own }, 'PUT'))).status,
    ).toBe(403);
    expect(
      (await app.request('/api/ambassador/cards/grzegorzki-wesola', json(mis, { Cookie: other }, 'PUT'))).status,
    ).toBe(200);
    const subareas = await (await app.request('/api/subareas')).json();
    const a = subareas.features.find((f: { id: string }) => f.id === 'grzegorzki-wesola').properties.ambassador;
    expect(a).not.toHaveProperty('seat');
    const bad = await app.request(
      '/api/ambassador/cards/grzegorzki-wesola',
      json({ ...mis, website: 'javascript:alert(1)' }, { Cookie: other }, 'PUT'),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.some((i: { path: string }) => i.path.startsWith('website'))).toBe(true);
  });

  it('starts from data/ambassadors.json: the address the article gives, and no phone or web address it does not', async () => {
    const { app } = await setup();
    const subareas = await (await app.request('/api/subareas')).json();
    const byId = (id: string) => subareas.features.find((f: { id: string }) => f.id === id).properties.ambassador;
    expect(byId('grzegorzki-wesola').seat).toMatch(/al\. Daszyńskiego 16/);
    for (const id of ['grzegorzki-wesola', 'stara-nowa-huta', 'kazimierz-stradom']) {
      expect(byId(id)).not.toHaveProperty('phone');
      expect(byId(id)).not.toHaveProperty('website');
    }
  });
});
