import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { approve, bearer, createPoint, fresh, helpBody, json, moderatorCookie } from './helpers.ts';

/**
 * Extends privacy.test.ts (create → approve → read) to the author's actions on a help offer: pausing, resuming,
 * confirming and editing a private person's offer must not leak their door or unconsented contacts in any public
 * answer or event, for any consent combination — including contacts they did consent to being kept while the others
 * stay private.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const seven = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: lo * 1e6, max: hi * 1e6 - 1 }), fc.integer({ min: 1, max: 9 }))
    .map(([m, d]) => (m * 10 + d) / 1e7);
const person = fc.record({
  lng: seven(19.93, 19.97),
  lat: seven(50.04, 50.07),
  phone: fc.stringMatching(/^\+48 [5-8]\d{8}$/),
  email: fc.stringMatching(/^[a-z]{8,12}$/).map((s) => `${s}@example.org`),
  www: fc.stringMatching(/^[a-z]{8,12}$/).map((s) => `https://${s}.example.org`),
  consent: fc.record({ phone: fc.boolean(), email: fc.boolean(), www: fc.boolean() }),
  actions: fc.array(fc.constantFrom('pause', 'resume', 'confirm', 'describe'), { minLength: 1, maxLength: 4 }),
});

/**
 * Every run shares one database, and a contact consented to in one run is rightly public. fast-check likes to
 * generate the same simple values again ("+48 500000000", "aaaaaaaa@…"), so a later run that keeps that same value
 * private would find it published by the earlier one: a false leak (CI failed on it). A run number ends each contact.
 */
let run = 0;
const ownContacts = (o: { phone: string; email: string; www: string }) => {
  const n = String(++run);
  return {
    phone: `${o.phone.slice(0, 5)}${n.padStart(8, '0')}`,
    email: o.email.replace('@', `${n}@`),
    www: o.www.replace('.example', `${n}.example`),
  };
};

describe('privacy of private persons through their own edits', () => {
  it(
    'pausing, resuming, confirming or editing never publishes the exact position or unconsented contacts',
    async () => {
      const bus = new EventBus();
      const events: string[] = [];
      bus.subscribe((m) => events.push(JSON.stringify(m)));
      const { app, db } = fresh({ bus, limits: { writes: { max: 1e9, windowMs: 60_000 } } });
      const cookie = await moderatorCookie(app, db);
      await fc.assert(
        fc.asyncProperty(person, async (generated) => {
          const o = { ...generated, ...ownContacts(generated) };
          events.length = 0;
          const { id, editToken } = await createPoint(
            app,
            helpBody({
              helperType: 'person',
              lng: o.lng,
              lat: o.lat,
              contact: { phone: o.phone, email: o.email, www: o.www },
              contactConsent: o.consent,
            }),
          );
          await approve(app, cookie, id);
          for (const a of o.actions) {
            const patch =
              a === 'pause'
                ? { paused: true }
                : a === 'resume'
                  ? { paused: false }
                  : a === 'confirm'
                    ? { confirm: true }
                    : { description: 'Nadal pomagam.' };
            const res = await app.request(
              `/api/points/${id}`,
              json({ layer: 'help', ...patch }, bearer(editToken), 'PATCH'),
            );
            expect(res.status).toBe(200);
            // A changed description goes back to review; publish it again so the next reads see it.
            if ((await res.json()).status === 'pending') await approve(app, cookie, id);
          }
          const publicText = [
            await (await app.request('/api/points?layer=help')).text(),
            await (await app.request(`/api/points/${id}`)).text(),
            await (await app.request('/api/moderation/help/stale')).text(),
            events.join('\n'),
          ].join('\n');
          const secrets = [
            String(o.lng),
            String(o.lat),
            ...(['phone', 'email', 'www'] as const).filter((f) => !o.consent[f]).map((f) => o[f]),
          ];
          for (const s of secrets) expect(publicText).not.toContain(s);
          // Consented contacts are still published (the rule is per field, not all-or-nothing).
          const feature = await (await app.request(`/api/points/${id}`)).json();
          for (const f of ['phone', 'email', 'www'] as const)
            expect(feature.properties.contact?.[f]).toBe(o.consent[f] ? o[f] : undefined);
        }),
        { numRuns: RUNS },
      );
    },
    15_000 + RUNS * 80,
  );
});
