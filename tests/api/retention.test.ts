import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { RetentionJob } from '../../src/server/retention.ts';
import { EventBus } from '../../src/server/events.ts';
import {
  approve,
  bearer,
  createPoint,
  engineOptions,
  freshStore,
  helpBody,
  json,
  moderatorCookie,
  walkBody,
} from './helpers.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

/** An app whose clock the test moves; `retention` as createApp would get it from index.ts. */
async function world(retention = { rejectedDays: 30, closedContactRequestDays: 30, staleHelpDays: 180 }) {
  let t = T0;
  const bus = new EventBus();
  const events: string[] = [];
  bus.subscribe((m) => events.push(`${m.name} ${m.data.id}`));
  const { store, db } = freshStore();
  const app = createApp(store, {
    basemapStyleUrl: null,
    ...engineOptions(store),
    now: () => new Date(t),
    bus,
    retention,
  });
  const cookie = await moderatorCookie(app, db);
  const exists = async (id: string) => (await db.value('SELECT COUNT(*) FROM points WHERE id = ?', id)) === 1;
  // Moderator sessions last 12 hours: every moderator action below happens on day 0.
  return { db, app, cookie, events, exists, at: (days: number) => (t = T0 + days * DAY) };
}

describe('retention of points', () => {
  it('erases a rejected contribution 30 days after its rejection, not before', async () => {
    const w = await world();
    const { id } = await createPoint(w.app, walkBody());
    await w.app.request(`/api/moderation/points/${id}/reject`, json({ reason: 'poza tematem' }, { Cookie: w.cookie }));
    w.at(29.9);
    expect((await w.app.retention.run())['rejected contributions']).toBe(0);
    expect(await w.exists(id)).toBe(true);
    w.at(30.1);
    expect((await w.app.retention.run())['rejected contributions']).toBe(1);
    expect(await w.exists(id)).toBe(false);
    const [audit] = await w.db.all(
      'SELECT actor, action FROM audit_log WHERE point_id = ? ORDER BY id DESC LIMIT 1',
      id,
    );
    expect(audit).toEqual({ actor: 'retention', action: 'expire' });
  });

  it('counts from the rejection even when the author touched the point afterwards', async () => {
    const w = await world();
    const { id, editToken } = await createPoint(w.app, helpBody());
    await w.app.request(`/api/moderation/points/${id}/reject`, json({ reason: 'nieczytelne' }, { Cookie: w.cookie }));
    w.at(20);
    // Pausing is not a content change: the point stays rejected, with a newer updatedAt.
    expect(
      (await w.app.request(`/api/points/${id}`, json({ layer: 'help', paused: true }, bearer(editToken), 'PATCH')))
        .status,
    ).toBe(200);
    w.at(30.1);
    await w.app.retention.run();
    expect(await w.exists(id)).toBe(false);
  });

  it('erases a help offer 180 days after its last confirmation, telling the live map, and keeps a confirmed one', async () => {
    const w = await world();
    const stale = await createPoint(w.app, helpBody({ name: 'Nikt nie potwierdza' }));
    const kept = await createPoint(w.app, helpBody({ name: 'Potwierdza' }));
    await approve(w.app, w.cookie, stale.id);
    await approve(w.app, w.cookie, kept.id);
    w.at(100);
    await w.app.request(
      `/api/points/${kept.id}`,
      json({ layer: 'help', confirm: true }, bearer(kept.editToken), 'PATCH'),
    );
    w.at(179.9);
    expect((await w.app.retention.run())['unconfirmed help offers']).toBe(0);
    w.events.length = 0;
    w.at(180.1);
    expect((await w.app.retention.run())['unconfirmed help offers']).toBe(1);
    expect(await w.exists(stale.id)).toBe(false);
    expect(await w.exists(kept.id)).toBe(true);
    expect(w.events).toEqual([`removed ${stale.id}`]);
  });

  it('uses the configured periods', async () => {
    const w = await world({ rejectedDays: 2, closedContactRequestDays: 30, staleHelpDays: 100 });
    const { id } = await createPoint(w.app, walkBody());
    await w.app.request(`/api/moderation/points/${id}/reject`, json({ reason: 'spam' }, { Cookie: w.cookie }));
    w.at(2.1);
    expect(Object.keys(await w.app.retention.run()).sort()).toEqual([
      'closed contact requests',
      'rejected contributions',
      'removed contributions kept by older versions',
      'unconfirmed help offers',
    ]);
    expect(await w.exists(id)).toBe(false);
  });

  it('erases at once the points older versions only marked removed', async () => {
    const w = await world();
    const { id } = await createPoint(w.app, walkBody());
    await w.db.run("UPDATE points SET status = 'removed' WHERE id = ?", id);
    await w.app.retention.run();
    expect(await w.exists(id)).toBe(false);
  });

  it('refuses a stale-offer retention shorter than the time after which offers are hidden', () => {
    expect(() =>
      createApp(freshStore().store, {
        basemapStyleUrl: null,
        helpFreshness: { fadeDays: 60, hideDays: 90 },
        retention: { rejectedDays: 30, closedContactRequestDays: 30, staleHelpDays: 60 },
      }),
    ).toThrow(/must not be shorter/);
  });

  it('leaves pending and published walk pins alone, however old', async () => {
    const w = await world();
    const pending = await createPoint(w.app, walkBody());
    const published = await createPoint(w.app, walkBody());
    await approve(w.app, w.cookie, published.id);
    w.at(3650);
    await w.app.retention.run();
    expect([await w.exists(pending.id), await w.exists(published.id)]).toEqual([true, true]);
    expect(
      (await w.db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map((r) => r.action),
    ).toEqual(['create', 'create', 'approve']);
  });
});

describe('the retention job', () => {
  afterEach(() => vi.useRealTimers());

  it('runs every registered rule with its own cutoff, flushes once when something was erased, and survives a failing rule', async () => {
    const now = new Date('2026-06-30T00:00:00.000Z');
    const flush = vi.fn(async () => {});
    const lines: string[] = [];
    const job = new RetentionJob(
      () => now,
      flush,
      (l) => lines.push(l),
    );
    const cutoffs: Record<string, string> = {};
    job.register({
      name: 'closed contact requests',
      days: 30,
      erase: async (c) => ((cutoffs['closed'] = c.toISOString()), 2),
    });
    job.register({
      name: 'broken',
      days: 1,
      erase: async () => {
        throw new Error('disk');
      },
    });
    job.register({ name: 'nothing', days: 0, erase: async (c) => ((cutoffs['nothing'] = c.toISOString()), 0) });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await job.run()).toEqual({ 'closed contact requests': 2, nothing: 0 });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
    expect(cutoffs).toEqual({ closed: '2026-05-31T00:00:00.000Z', nothing: '2026-06-30T00:00:00.000Z' });
    expect(flush).toHaveBeenCalledOnce();
    expect(lines).toEqual(['retention: erased 2 closed contact requests (kept 30 days)']);
    expect(() => job.register({ name: 'nothing', days: 1, erase: async () => 0 })).toThrow(/twice/);
    expect(() => job.register({ name: 'negative', days: -1, erase: async () => 0 })).toThrow(/days/);
  });

  it('runs at start, then once a day, on a timer that does not hold the process open, until stopped', () => {
    vi.useFakeTimers();
    const erase = vi.fn(async () => 0);
    const job = new RetentionJob(
      () => new Date(),
      async () => {},
    );
    job.register({ name: 'counted', days: 1, erase });
    const unref = vi.spyOn(globalThis, 'setInterval');
    job.start();
    expect(erase).toHaveBeenCalledTimes(1);
    expect((unref.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    vi.advanceTimersByTime(DAY);
    expect(erase).toHaveBeenCalledTimes(2);
    job.stop();
    vi.advanceTimersByTime(3 * DAY);
    expect(erase).toHaveBeenCalledTimes(2);
  });
});
