import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { PointCollection, PointRecord } from '../../src/common/points.ts';
import { approve, bearer, createPoint, fresh, helpBody, json, moderatorCookie } from './helpers.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-01-10T09:00:00Z');

/** A fresh app whose clock the test moves (the injected `now`). */
function clocked(options: Parameters<typeof fresh>[0] = {}) {
  const clock = { t: START };
  const { app, db } = fresh({ now: () => new Date(clock.t), ...options });
  return { app, db, clock };
}
const listedIds = async (app: ReturnType<typeof fresh>['app']) =>
  PointCollection.parse(await (await app.request('/api/points?layer=help')).json()).features.map((f) => f.id);

describe('freshness of help offers', () => {
  it('keeps a fading offer listed and drops it from the default list once past the hide limit', async () => {
    const { app, db, clock } = clocked();
    const { id } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);
    clock.t = START + 75 * DAY;
    expect(await listedIds(app)).toEqual([id]);
    clock.t = START + 91 * DAY;
    expect(await listedIds(app)).toEqual([]);
  });

  it('shows moderators the stale offers, with contacts, and refuses everyone else', async () => {
    const { app, db, clock } = clocked();
    const old = await createPoint(app, helpBody({ name: 'Stara oferta' }));
    await approve(app, await moderatorCookie(app, db), old.id);
    clock.t = START + 50 * DAY;
    const recent = await createPoint(app, helpBody({ name: 'Nowa oferta' }));
    // Sessions expire after hours; the clock moved by weeks, so the moderator logs in again each time.
    await approve(app, await moderatorCookie(app, db), recent.id);
    clock.t = START + 100 * DAY;
    expect((await app.request('/api/moderation/help/stale')).status).toBe(401);
    const res = await app.request('/api/moderation/help/stale', {
      headers: { Cookie: await moderatorCookie(app, db) },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { limits: unknown; points: unknown[] };
    expect(body.limits).toEqual({ fadeDays: 60, hideDays: 90 });
    const points = body.points.map((p) => PointRecord.parse(p));
    expect(points.map((p) => p.id)).toEqual([old.id]);
    expect(points[0]).toMatchObject({ layer: 'help', contact: { phone: '+48 600 100 200' } });
  });

  it('brings a stale offer back when its author confirms it, without sending it to review', async () => {
    const { app, db, clock } = clocked();
    const { id, editToken } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);
    clock.t = START + 120 * DAY;
    expect(await listedIds(app)).toEqual([]);
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'help', confirm: true }, bearer(editToken), 'PATCH'),
    );
    expect(await res.json()).toMatchObject({
      status: 'published',
      confirmedAt: new Date(START + 120 * DAY).toISOString(),
    });
    expect(await listedIds(app)).toEqual([id]);
  });

  it('uses the limits given to createApp instead of the defaults', async () => {
    const { app, db, clock } = clocked({ helpFreshness: { fadeDays: 3, hideDays: 7 } });
    const { id } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);
    clock.t = START + 8 * DAY;
    expect(await listedIds(app)).toEqual([]);
    expect(await (await app.request('/api/config')).json()).toMatchObject({
      helpFreshness: { fadeDays: 3, hideDays: 7 },
    });
  });

  it('refuses limits where fading comes after hiding, naming both', () => {
    expect(() => fresh({ helpFreshness: { fadeDays: 30, hideDays: 10 } })).toThrow(
      /fadeDays \(30\) must not exceed hideDays \(10\)/,
    );
  });
});

describe('pausing a help offer', () => {
  it('lets the author pause and resume a published offer; it stays published and says so', async () => {
    const bus = new EventBus();
    const events: string[] = [];
    bus.subscribe((m) => events.push(JSON.stringify(m)));
    const { app, db } = fresh({ bus });
    const { id, editToken } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);

    const paused = await app.request(
      `/api/points/${id}`,
      json({ layer: 'help', paused: true }, bearer(editToken), 'PATCH'),
    );
    expect(await paused.json()).toMatchObject({ status: 'published', paused: true });
    const f = await (await app.request(`/api/points/${id}`)).json();
    expect(f.properties).toMatchObject({ paused: true });
    expect(events.at(-1)).toContain('"paused":true');

    await app.request(`/api/points/${id}`, json({ layer: 'help', paused: false }, bearer(editToken), 'PATCH'));
    const resumed = await (await app.request(`/api/points/${id}`)).json();
    expect(resumed.properties).not.toHaveProperty('paused');
    expect(resumed.properties.status).toBe('published');
  });

  it('rejects a pause flag that is not a boolean, naming the field', async () => {
    const { app } = fresh();
    const { id, editToken } = await createPoint(app, helpBody());
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'help', paused: 'yes' }, bearer(editToken), 'PATCH'),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([{ path: 'paused', message: 'paused must be true or false' }]);
  });

  it('does not accept paused on a new offer (only its author pauses an existing one)', async () => {
    const { app } = fresh();
    const res = await app.request('/api/points', json(helpBody({ paused: true })));
    expect(res.status).toBe(400);
  });
});
