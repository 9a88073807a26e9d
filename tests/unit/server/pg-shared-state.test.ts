import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../../src/server/events.ts';
import { PgEventBus } from '../../../src/server/db/pg/event-bus.ts';
import { openPostgres, type PgPool } from '../../../src/server/db/pg/open.ts';
import { PgRateCounter } from '../../../src/server/db/pg/rate-limits.ts';
import { PgSql } from '../../../src/server/db/pg/sql.ts';
import { rateLimit } from '../../../src/server/middleware/rate-limit.ts';
import { ApiError } from '../../../src/server/http-error.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

/** Two app instances' worth of shared state on one database: each "instance" has its own pool. */
let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let a: PgPool;
let b: PgPool;
beforeAll(async () => {
  db = await freshPostgresDatabase();
  [a, b] = await Promise.all([openPostgres(db.url), openPostgres(db.url)]);
});
afterAll(async () => {
  await Promise.all([a?.end(), b?.end()]);
  await db?.drop();
});

const published = (id: string, title = 'Skwer'): BusMessage => ({
  name: 'published',
  data: {
    id,
    layer: 'walk',
    feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [19.94, 50.05] }, properties: { title } },
  } as never,
});

function collect(bus: PgEventBus) {
  const got: BusMessage[] = [];
  bus.subscribe((m) => got.push(m));
  return got;
}
const until = async (check: () => boolean, ms = 1000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the event bus between instances (LISTEN/NOTIFY)', () => {
  it('delivers a change made on one instance to the other within a second, and once to its own clients at once', async () => {
    const [busA, busB] = await Promise.all([PgEventBus.connect(db.url, a), PgEventBus.connect(db.url, b)]);
    try {
      const onA = collect(busA);
      const onB = collect(busB);
      const message = published('p1');
      busA.publish(message.name as 'published', message.data as never);
      expect(onA).toEqual([message]);
      await until(() => onB.length === 1);
      expect(onB).toEqual([message]);
      await new Promise((r) => setTimeout(r, 100));
      expect(onA).toHaveLength(1);
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });

  it('keeps the order of changes and carries messages too big for one notification', async () => {
    const [busA, busB] = await Promise.all([PgEventBus.connect(db.url, a), PgEventBus.connect(db.url, b)]);
    try {
      const onB = collect(busB);
      const sent = Array.from({ length: 20 }, (_, i) => published(`p${i}`, i % 7 === 0 ? 'ż'.repeat(6000) : `t${i}`));
      for (const m of sent) busA.publish('published', m.data as never);
      await until(() => onB.length === sent.length, 3000);
      expect(onB).toEqual(sent);
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});

describe('rate limits shared between instances', () => {
  it('counts every request once however many instances count at the same time', async () => {
    const counters = [new PgRateCounter(new PgSql(a)), new PgRateCounter(new PgSql(b))];
    const now = Date.now();
    const windows = await Promise.all(
      Array.from({ length: 30 }, (_, i) => counters[i % 2]!.hit('write|10.0.0.1', 60_000, now)),
    );
    expect(windows.map((w) => w.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await counters[1]!.peek('write|10.0.0.1', now)).toEqual({ count: 30, resetAt: now + 60_000 });
    // A new window once the old one has passed.
    expect(await counters[0]!.peek('write|10.0.0.1', now + 60_000)).toBeUndefined();
    expect(await counters[0]!.hit('write|10.0.0.1', 60_000, now + 60_000)).toEqual({
      count: 1,
      resetAt: now + 120_000,
    });
  });

  it('refuses on instance B the request over a limit used up on instance A', async () => {
    const instance = (pool: PgPool) =>
      new Hono()
        .onError((e, c) => (e instanceof ApiError ? c.json({ error: e.error }, e.status) : c.text('bug', 500)))
        .use(
          rateLimit(
            'login',
            { max: 2, windowMs: 60_000 },
            { proxyHops: 0, counter: new PgRateCounter(new PgSql(pool)) },
          ),
        )
        .post('/', (c) => c.text('ok'));
    const [appA, appB] = [instance(a), instance(b)];
    expect((await appA.request('/', { method: 'POST' })).status).toBe(200);
    expect((await appA.request('/', { method: 'POST' })).status).toBe(200);
    const refused = await appB.request('/', { method: 'POST' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
