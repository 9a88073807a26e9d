import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { loadSiteData } from '../../src/server/site-data.ts';
import { makePointSchemas, type Layer } from '../../src/common/points.ts';
import {
  approve,
  bearer,
  createPoint,
  fresh,
  helpBody,
  json,
  KAZIMIERZ,
  moderatorCookie,
  walkBody,
} from './helpers.ts';

/**
 * A moderator corrects text or rejects; only the author, holding the edit token, changes who offers help, consent,
 * contacts or position. Every field of the PATCH schema is classified here: a field added to the schema later makes
 * the first test fail until someone decides which side it is on (and adds a sample value for it).
 */
const RULE: Record<Layer, Record<string, 'moderator' | 'author'>> = {
  walk: {
    lng: 'author',
    lat: 'author',
    title: 'moderator',
    description: 'moderator',
    nickname: 'moderator',
    kind: 'moderator',
    theme: 'moderator',
  },
  help: {
    lng: 'author',
    lat: 'author',
    helperType: 'author',
    contact: 'author',
    contactConsent: 'author',
    confirm: 'author',
    paused: 'author',
    notifyRequests: 'author',
    name: 'moderator',
    description: 'moderator',
    availability: 'moderator',
    kinds: 'moderator',
    languages: 'moderator',
  },
};

/** A valid value for each field, different from what the point was created with. */
const SAMPLE: Record<Layer, Record<string, unknown>> = {
  walk: {
    lng: KAZIMIERZ.lng + 0.002,
    lat: KAZIMIERZ.lat + 0.001,
    title: 'Poprawiony tytuł',
    description: 'Poprawiony opis',
    nickname: 'Ola',
    kind: 'change',
    theme: 'architektura',
  },
  help: {
    lng: KAZIMIERZ.lng + 0.002,
    lat: KAZIMIERZ.lat + 0.001,
    helperType: 'organisation',
    contact: { phone: '+48 700 100 200' },
    contactConsent: { phone: true, email: true, www: true },
    confirm: true,
    paused: true,
    notifyRequests: true,
    name: 'Anna',
    description: 'Poprawiony opis',
    availability: 'Wieczorami',
    kinds: ['posilki'],
    languages: ['uk'],
  },
};

const schemas = makePointSchemas(loadSiteData('data').categories);
const authorSchema = { walk: schemas.WalkPatch, help: schemas.HelpPatch };
const moderatorSchema = Object.fromEntries(schemas.ModeratorPatch.options.map((o) => [o.shape.layer.value, o]));
const fieldsOf = (shape: object) =>
  Object.keys(shape)
    .filter((k) => k !== 'layer')
    .sort();

const cases = (['walk', 'help'] as const).flatMap((layer) =>
  Object.entries(RULE[layer]).map(([field, who]) => ({ layer, field, who })),
);

// One app for the file (logging in is deliberately slow); every case works on a point of its own.
const bus = new EventBus();
const events: string[] = [];
bus.subscribe((m) => events.push(JSON.stringify(m)));
const { app, db } = fresh({ bus, limits: { writes: { max: 1e6, windowMs: 60_000 } } });
const cookie = moderatorCookie(app, db);

async function publishedPoint(layer: Layer) {
  // A private person with contacts they did not consent to publish: the case a moderator's edit must not expose.
  const body =
    layer === 'walk' ? walkBody() : helpBody({ helperType: 'person', name: 'Anna Sąsiadka', contactConsent: {} });
  const { id, editToken } = await createPoint(app, body);
  await approve(app, await cookie, id);
  events.length = 0;
  const headers = { Cookie: await cookie };
  const record = async () => (await app.request(`/api/moderation/points/${id}`, { headers })).json();
  return { id, editToken, headers, record };
}

describe('moderator PATCH', () => {
  it("classifies every field of the PATCH schema as the moderator's or the author's alone", () => {
    for (const layer of ['walk', 'help'] as const) {
      expect(fieldsOf(authorSchema[layer].shape), `fields of the ${layer} PATCH`).toEqual(
        Object.keys(RULE[layer]).sort(),
      );
      expect(fieldsOf(moderatorSchema[layer]!.shape), `fields of the moderator's ${layer} PATCH`).toEqual(
        Object.keys(RULE[layer]).sort(),
      );
      expect(Object.keys(SAMPLE[layer]).sort()).toEqual(Object.keys(RULE[layer]).sort());
    }
  });

  it.each(cases.filter((c) => c.who === 'author'))(
    'refuses a moderator changing $field of a $layer point, naming it, and leaves the point and the public map as they were',
    async ({ layer, field }) => {
      const { id, editToken, headers, record } = await publishedPoint(layer);
      const before = await record();
      const publicBefore = await (await app.request(`/api/points/${id}`)).text();
      const res = await app.request(
        `/api/moderation/points/${id}`,
        json({ layer, [field]: SAMPLE[layer][field] }, headers, 'PATCH'),
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.issues).toEqual([{ path: field, message: expect.stringContaining('only the author') }]);
      expect(await record()).toEqual(before);
      expect(await (await app.request(`/api/points/${id}`)).text()).toBe(publicBefore);
      expect(events).toEqual([]);
      // The author, with the edit token, may.
      const own = await app.request(
        `/api/points/${id}`,
        json({ layer, [field]: SAMPLE[layer][field] }, bearer(editToken), 'PATCH'),
      );
      expect(own.status).toBe(200);
    },
  );

  it.each(cases.filter((c) => c.who === 'moderator'))(
    'lets a moderator correct $field of a $layer point',
    async ({ layer, field }) => {
      const { id, headers, record } = await publishedPoint(layer);
      const res = await app.request(
        `/api/moderation/points/${id}`,
        json({ layer, [field]: SAMPLE[layer][field] }, headers, 'PATCH'),
      );
      expect(res.status).toBe(200);
      expect((await record())[field]).toEqual(SAMPLE[layer][field]);
    },
  );

  it('refuses every author-only field of a mixed body at once, changing nothing', async () => {
    const { id, headers, record } = await publishedPoint('help');
    const before = await record();
    const res = await app.request(
      `/api/moderation/points/${id}`,
      json(
        { layer: 'help', name: 'Anna', helperType: 'organisation', contactConsent: { phone: true }, lng: 19.95 },
        headers,
        'PATCH',
      ),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'contactConsent',
      'helperType',
      'lng',
    ]);
    expect(await record()).toEqual(before);
  });
});
