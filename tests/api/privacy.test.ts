import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { KRAKOW_BBOX } from '../../src/common/geo/index.ts';
import { PointCollection } from '../../src/common/points.ts';
import { approve, createPoint, fresh, helpBody, moderatorCookie } from './helpers.ts';

const [W, S, E, N] = KRAKOW_BBOX;
const PRIVACY_RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** 7-decimal positions (GPS precision) whose last digit is non-zero: they can never equal a 6-decimal cell centre. */
const coord = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: Math.ceil(lo * 1e6), max: Math.floor(hi * 1e6) - 1 }), fc.integer({ min: 1, max: 9 }))
    .map(([micro, d]) => (micro * 10 + d) / 1e7);

const personOffer = fc.record({
  lng: coord(W, E),
  lat: coord(S, N),
  phone: fc.stringMatching(/^\+48 [5-8]\d{8}$/),
  email: fc.stringMatching(/^[a-z]{6,12}$/).map((s) => `${s}@example.org`),
  www: fc.stringMatching(/^[a-z]{6,12}$/).map((s) => `https://${s}.example.org`),
  consent: fc.constantFrom(undefined, {}, { phone: false, email: false, www: false }),
});

describe('privacy of private persons offering help', () => {
  it(
    'no public response or live event ever carries their exact coordinates or unconsented contacts',
    async () => {
      const bus = new EventBus();
      const events: string[] = [];
      bus.subscribe((m) => events.push(JSON.stringify(m)));
      const { app, db } = fresh({ bus, limits: { writes: { max: 1e9, windowMs: 60_000 } } });
      const cookie = await moderatorCookie(app, db);
      await fc.assert(
        fc.asyncProperty(personOffer, async (o) => {
          const body = helpBody({
            helperType: 'person',
            lng: o.lng,
            lat: o.lat,
            contact: { phone: o.phone, email: o.email, www: o.www },
            ...(o.consent ? { contactConsent: o.consent } : {}),
          });
          const { id } = await createPoint(app, body);
          await approve(app, cookie, id);
          const bodies = [
            await (await app.request('/api/points?layer=help')).text(),
            await (await app.request(`/api/points/${id}`)).text(),
            await (await app.request(`/api/points?layer=help&bbox=${W},${S},${E},${N}`)).text(),
            events.join('\n'),
          ];
          for (const text of bodies) {
            for (const secret of [String(o.lng), String(o.lat), o.phone, o.email, o.www])
              expect(text).not.toContain(secret);
          }
          const one = PointCollection.parse(JSON.parse(bodies[0]!)).features.find((f) => f.id === id)!;
          expect(one.properties).toMatchObject({ approximate: true });
          // Still near the truth: the published point is within the advertised radius.
          const [lng, lat] = one.geometry.coordinates;
          const dx = (lng - o.lng) * 111_320 * Math.cos((o.lat * Math.PI) / 180);
          const dy = (lat - o.lat) * 111_320;
          expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(
            one.properties.layer === 'help' ? one.properties.approxRadiusM! : 0,
          );
        }),
        { numRuns: PRIVACY_RUNS },
      );
    },
    10_000 + PRIVACY_RUNS * 50,
  );

  it("publishes a person's contact only for the fields they consented to", async () => {
    const { app, db } = fresh();
    const { id } = await createPoint(
      app,
      helpBody({ helperType: 'person', contactConsent: { email: true, phone: false } }),
    );
    await approve(app, await moderatorCookie(app, db), id);
    const f = await (await app.request(`/api/points/${id}`)).json();
    expect(f.properties.contact).toEqual({ email: 'kontakt@example.org' });
  });

  it('publishes an organisation exactly, with its contacts', async () => {
    const { app, db } = fresh();
    const { id } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);
    const f = await (await app.request(`/api/points/${id}`)).json();
    expect(f.geometry.coordinates).toEqual([19.9447, 50.0514]);
    expect(f.properties).toMatchObject({ approximate: false, contact: { phone: '+48 600 100 200' } });
    expect(f.properties).not.toHaveProperty('contactConsent');
  });
});
