import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountCookie, approve, contactBody, createPoint, fresh, helpBody, json } from './helpers.ts';
import { startMailSink } from '../support/mail-sink.ts';
import { smtpMailer } from '../../src/server/mail.ts';
import { Inbox } from '../../src/common/contact-requests.ts';

const HELPER_PHONE = '+48 699 111 222';
const RESIDENT = {
  name: 'Jan z Józefa',
  phone: '+48 601 222 333',
  email: 'jan@example.org',
  message: 'Potrzebuję pomocy z zakupami w środy.',
};
let sink: Awaited<ReturnType<typeof startMailSink>>;
beforeAll(async () => {
  sink = await startMailSink();
});
afterAll(() => sink.close());

let t = Date.parse('2026-05-16T09:00:00Z');
async function setup() {
  sink.messages.length = 0;
  sink.state.refuse = false;
  const { app, db } = fresh({
    now: () => new Date(t),
    mailer: smtpMailer(sink.url, 'Mapa Rewitalizacji <mapa@example.org>'),
    publicUrl: 'https://mapa.example.org',
    // The retry timer looks often; what is due is decided by the test's clock `t`.
    mailRetryCheckMs: 50,
  });
  const admin = await accountCookie(app, db, 'ada', { role: 'admin' });
  const own = await accountCookie(app, db, 'fablab', {
    role: 'ambassador',
    subarea: 'kazimierz-stradom',
    email: 'ambasador@fablab.example',
  });
  await accountCookie(app, db, 'mis', {
    role: 'ambassador',
    subarea: 'grzegorzki-wesola',
    email: 'ambasador@mis.example',
  });
  return { app, db, admin, own };
}

async function offer(app: Awaited<ReturnType<typeof setup>>['app'], admin: string, over: Record<string, unknown> = {}) {
  const p = await createPoint(
    app,
    helpBody({ helperType: 'person', name: 'Pani Ela', contact: { phone: HELPER_PHONE }, ...over }),
  );
  await approve(app, admin, p.id);
  return p;
}

const waitForMail = (count: number) => vi.waitFor(() => expect(sink.messages).toHaveLength(count), { timeout: 10_000 });

describe('e-mail notices (real SMTP server in the test process)', () => {
  it("tells only the subarea's ambassador, in Polish, with a login link and no personal data", async () => {
    const { app, admin } = await setup();
    const p = await offer(app, admin);
    expect((await app.request(`/api/points/${p.id}/contact-requests`, json(contactBody(RESIDENT)))).status).toBe(201);
    await waitForMail(1);
    const [mail] = sink.messages;
    expect(mail!.to).toEqual(['ambasador@fablab.example']);
    expect(mail!.subject).toBe('Nowa prośba o kontakt — Kazimierz-Stradom');
    expect(mail!.text).toContain('Zaloguj się, aby ją zobaczyć: https://mapa.example.org/ambasador');
    for (const personal of [RESIDENT.name, RESIDENT.phone, RESIDENT.email, 'zakupami', 'Pani Ela', HELPER_PHONE]) {
      expect(mail!.raw).not.toContain(personal);
      expect(mail!.text).not.toContain(personal);
    }
  });

  it("sends the helper who asked for it the resident's message, without the resident's contact unless they allowed it", async () => {
    const { app, admin } = await setup();
    const p = await offer(app, admin, { contact: { email: 'ela@example.org' }, notifyRequests: true });
    await app.request(`/api/points/${p.id}/contact-requests`, json(contactBody(RESIDENT)));
    await waitForMail(2);
    const helper = sink.messages.find((m) => m.to[0] === 'ela@example.org')!;
    expect(helper.subject).toBe('Ktoś prosi o kontakt w sprawie Twojej oferty pomocy');
    expect(helper.text).toContain(RESIDENT.message);
    expect(helper.text).toContain('Stowarzyszenie Fablab Kraków');
    for (const c of [RESIDENT.name, RESIDENT.phone, RESIDENT.email]) expect(helper.text).not.toContain(c);

    await app.request(`/api/points/${p.id}/contact-requests`, json(contactBody({ ...RESIDENT, shareDirect: true })));
    await waitForMail(4);
    const direct = sink.messages.slice(2).find((m) => m.to[0] === 'ela@example.org')!;
    for (const c of [RESIDENT.name, RESIDENT.phone, RESIDENT.email]) expect(direct.text).toContain(c);
  });

  it('does not e-mail a helper who did not tick "Powiadamiaj mnie o prośbach"', async () => {
    const { app, db, admin } = await setup();
    const p = await offer(app, admin, { contact: { email: 'ela@example.org' } });
    await app.request(`/api/points/${p.id}/contact-requests`, json(contactBody(RESIDENT)));
    // Wait for the whole delivery attempt to finish, not just the first message.
    await vi.waitFor(async () => expect(await db.value('SELECT mail_attempts FROM contact_requests')).toBe(1), {
      timeout: 10_000,
    });
    expect(sink.messages.map((m) => m.to[0])).toEqual(['ambasador@fablab.example']);
  });

  it('a failing SMTP server loses nothing: the request is stored, the inbox says the notice was not sent, a retry sends it', async () => {
    const { app, admin, own } = await setup();
    sink.state.refuse = true;
    const p = await offer(app, admin);
    expect((await app.request(`/api/points/${p.id}/contact-requests`, json(contactBody(RESIDENT)))).status).toBe(201);
    const inbox = async () =>
      Inbox.parse(await (await app.request('/api/ambassador/requests', { headers: { Cookie: own } })).json()).requests;
    await vi.waitFor(async () => expect((await inbox())[0]?.mailFailed).toBe(true), { timeout: 10_000 });
    expect((await inbox())[0]).toMatchObject({ name: RESIDENT.name, status: 'open' });

    sink.state.refuse = false;
    t += 61_000; // the first retry is due a minute after the failed attempt
    await waitForMail(1);
    expect(sink.messages[0]!.subject).toBe('Nowa prośba o kontakt — Kazimierz-Stradom');
    await vi.waitFor(async () => expect((await inbox())[0]?.mailFailed).toBe(false), { timeout: 10_000 });
  });
});
