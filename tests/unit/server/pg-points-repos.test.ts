import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/server/db/open.ts';
import { sqliteStore } from '../../../src/server/db/store.ts';
import { openPostgres, type PgPool } from '../../../src/server/db/pg/open.ts';
import { PgSql } from '../../../src/server/db/pg/sql.ts';
import { PgAuditRepository } from '../../../src/server/db/pg/audit.ts';
import { PgIdempotencyRepository } from '../../../src/server/db/pg/idempotency.ts';
import { PG_POINT_SQL, PgPointRepository } from '../../../src/server/db/pg/points.ts';
import { IDEMPOTENCY_KEEP_DAYS } from '../../../src/server/db/idempotency.ts';
import { PgVoteRepository } from '../../../src/server/db/pg/votes.ts';
import { PgPhotoRepository } from '../../../src/server/db/pg/photos.ts';
import { PgChangeLog } from '../../../src/server/db/pg/changes.ts';
import type {
  AuditRepository,
  ChangeLogRepository,
  CreateOutcome,
  IdempotencyRepository,
  PhotoRepository,
  PointRepository,
  PointWrite,
  Replay,
  StoredPoint,
  VoteRepository,
} from '../../../src/server/store/types.ts';
import type { PointRecord, PointStatus } from '../../../src/common/points.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

/** The repositories this file compares: the same calls on SQLite and on PostgreSQL must give the same answers. */
interface Repos {
  points: PointRepository;
  audit: AuditRepository;
  idempotency: IdempotencyRepository;
  votes: VoteRepository;
  photos: PhotoRepository;
  changes: ChangeLogRepository;
}

function pgRepos(sql: PgSql): Repos & { points: PgPointRepository; idempotency: PgIdempotencyRepository } {
  const audit = new PgAuditRepository(sql);
  const idempotency = new PgIdempotencyRepository(sql);
  const points = new PgPointRepository(sql, audit, idempotency);
  return {
    points,
    audit,
    idempotency,
    votes: new PgVoteRepository(sql),
    photos: new PgPhotoRepository(sql, points),
    changes: new PgChangeLog(sql),
  };
}

let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
/** Two pools: two app instances on one database. */
let poolA: PgPool;
let poolB: PgPool;
let pg: ReturnType<typeof pgRepos>;
let pgOther: ReturnType<typeof pgRepos>;
let db: Db;
let lite: Repos;

beforeAll(async () => {
  database = await freshPostgresDatabase();
  poolA = await openPostgres(database.url);
  poolB = await openPostgres(database.url);
  pg = pgRepos(new PgSql(poolA));
  pgOther = pgRepos(new PgSql(poolB));
});
afterAll(async () => {
  await Promise.all([poolA?.end(), poolB?.end()]);
  await database?.drop();
});
beforeEach(async () => {
  db?.close();
  db = openDb(':memory:');
  lite = sqliteStore(db);
  // RESTART IDENTITY: versions and insertion order start at 1, as in the fresh SQLite database.
  await poolA.query('TRUNCATE points, audit_log, idempotency, votes, photos, point_changes RESTART IDENTITY CASCADE');
});
afterAll(() => db?.close());

/** Runs `call` on SQLite, then on PostgreSQL; both answers must be equal (both failing counts as equal too). */
async function same<T>(call: (r: Repos) => Promise<T>): Promise<T> {
  const [a, b] = [await settle(call(lite)), await settle(call(pg))];
  expect(b.ok, `PostgreSQL ${b.ok ? 'answered' : `failed: ${String(b.error)}`}, SQLite did not`).toBe(a.ok);
  if (a.ok && b.ok) expect(b.value).toEqual(a.value);
  if (!a.ok) throw a.error;
  return a.value as T;
}
async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const sorted = async (p: Promise<string[]>) => (await p).sort();

const T0 = Date.parse('2026-05-01T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function walk(id: string, over: Partial<Record<string, unknown>> = {}): StoredPoint {
  const record = {
    id,
    layer: 'walk',
    status: 'published',
    lng: 19.9446,
    lat: 50.0513,
    subarea: 'kazimierz-stradom',
    kind: 'keep',
    theme: 'greenery',
    title: `Drzewa ${id}`,
    createdAt: at(0),
    updatedAt: at(0),
    confirmedAt: null,
    rejectReason: null,
    votes: 0,
    ...over,
  } as PointRecord;
  return { record, publicLng: record.lng, publicLat: record.lat, editTokenHash: `hash-${id}` };
}

function help(id: string, over: Partial<Record<string, unknown>> = {}): StoredPoint {
  const record = {
    id,
    layer: 'help',
    status: 'published',
    lng: 20.03,
    lat: 50.07,
    subarea: 'stara-nowa-huta',
    helperType: 'person',
    name: 'Pani Zofia',
    kinds: ['transport', 'shopping'],
    contact: { phone: '+48 12 345 67 89' },
    contactConsent: { phone: false },
    createdAt: at(0),
    updatedAt: at(0),
    confirmedAt: null,
    rejectReason: null,
    votes: 0,
    ...over,
  } as PointRecord;
  // A private person's pin is published coarsened.
  return { record, publicLng: 20.031, publicLat: 50.071, editTokenHash: `hash-${id}` };
}

const writeOf = (point: StoredPoint, action: 'create' | 'edit' | 'approve' | 'reject' = 'create'): PointWrite => ({
  point,
  audit: { at: point.record.updatedAt, actor: 'test', action, pointId: point.record.id },
});
const create = (r: Repos, point: StoredPoint, replay?: Replay) => r.points.create(writeOf(point), replay);
const replay = (key: string, pointId: string): Replay => ({
  keyHash: `sha-${key}`,
  pointId,
  bodyHash: `body-${key}`,
  tokenCiphertext: `sealed-${pointId}`,
});

/** The same pins on both engines, made the same way. */
async function seed(r: Repos) {
  const points = [
    walk('walk0001', { createdAt: at(1), updatedAt: at(1) }),
    walk('walk0002', { createdAt: at(1), updatedAt: at(1), kind: 'change', lng: 19.95, lat: 50.06 }),
    walk('Walk0003', { createdAt: at(1), updatedAt: at(1), lng: 19.93, lat: 50.04 }),
    walk('walk-004', { status: 'pending', createdAt: at(2), updatedAt: at(2) }),
    walk('walk_005', { subarea: 'grzegorzki-wesola', lng: 19.96, lat: 50.062, createdAt: at(3), updatedAt: at(3) }),
    walk('walk0006', { subarea: null, lng: 19.8, lat: 49.97, createdAt: at(0), updatedAt: at(0) }),
    walk('rej00001', { status: 'rejected', rejectReason: 'spam', createdAt: at(4), updatedAt: at(10) }),
    walk('rem00001', { status: 'removed', createdAt: at(5), updatedAt: at(5) }),
    help('help0001', { createdAt: at(2), updatedAt: at(2) }),
    help('help0002', { createdAt: at(3), updatedAt: at(3), confirmedAt: at(200) }),
    help('help0003', { status: 'pending', createdAt: at(4), updatedAt: at(4) }),
  ];
  for (const p of points) await create(r, p);
  // A walk session's pins, several in one millisecond: insertion order decides.
  for (const [i, id] of ['sesZ0001', 'sesA0002', 'ses-0003', 'ses_0004'].entries()) {
    await create(r, walk(id, { session: 'ABC234', status: i === 3 ? 'pending' : 'published', createdAt: at(6) }));
  }
  await create(r, walk('other001', { session: 'XYZ234', createdAt: at(6) }));
}

describe('PostgreSQL point reads answer as SQLite does', () => {
  beforeEach(async () => {
    await seed(lite);
    await seed(pg);
  });

  it('reads one point with its vote count, and nothing for an unknown id', async () => {
    await same((r) => r.votes.add('walk0001', 'device-1', at(7)));
    await same((r) => r.votes.add('walk0001', 'device-2', at(7)));
    expect((await same((r) => r.points.get('walk0001')))!.record.votes).toBe(2);
    expect(await same((r) => r.points.get('help0001'))).toMatchObject({ publicLng: 20.031, publicLat: 50.071 });
    expect(await same((r) => r.points.get('nope0000'))).toBeUndefined();
  });

  it('lists published points oldest first, ties by id in byte order, with every filter combination', async () => {
    const ids = async (p: Promise<StoredPoint[]>) => (await p).map((x) => x.record.id);
    expect(await same((r) => ids(r.points.listPublished('walk')))).toEqual([
      'walk0006',
      'Walk0003',
      'walk0001',
      'walk0002',
      'walk_005',
      'other001',
      'ses-0003',
      'sesA0002',
      'sesZ0001',
    ]);
    await same((r) => r.points.listPublished('help'));
    await same((r) => r.points.listPublished('walk', { subarea: 'kazimierz-stradom' }));
    await same((r) => r.points.listPublished('walk', { subarea: 'grzegorzki-wesola' }));
    await same((r) => r.points.listPublished('help', { subarea: 'kazimierz-stradom' }));
  });

  it('filters by box on the published position, edges included, alone and with a subarea', async () => {
    const ids = async (p: Promise<StoredPoint[]>) => (await p).map((x) => x.record.id);
    // walk0002 lies exactly on the east and north edges.
    expect(await same((r) => ids(r.points.listPublished('walk', { bbox: [19.94, 50.05, 19.95, 50.06] })))).toContain(
      'walk0002',
    );
    // A hair outside (float4 boxes in the index would still match): SQLite says no, and so must PostgreSQL.
    expect(
      await same((r) => ids(r.points.listPublished('walk', { bbox: [19.94, 50.05, 19.949999999, 50.06] }))),
    ).not.toContain('walk0002');
    // The help pin is found by its coarsened position, not its exact one.
    expect(await same((r) => ids(r.points.listPublished('help', { bbox: [20.0305, 50.0705, 20.04, 50.08] })))).toEqual([
      'help0001',
      'help0002',
    ]);
    expect(
      await same((r) => ids(r.points.listPublished('help', { bbox: [20.029, 50.069, 20.0301, 50.0701] }))),
    ).toEqual([]);
    await same((r) => r.points.listPublished('walk', { subarea: 'kazimierz-stradom', bbox: [19.9, 50.0, 20.0, 50.1] }));
    await same((r) => r.points.listPublished('walk', { subarea: 'grzegorzki-wesola', bbox: [19.9, 50.0, 20.0, 50.1] }));
    await same((r) => r.points.listPublished('walk', { bbox: [19.95, 50.0, 19.94, 50.1] }));
  });

  it('lists by status, by walk session in insertion order, and counts per session and per subarea', async () => {
    for (const status of ['pending', 'published', 'rejected', 'removed'] as PointStatus[]) {
      await same((r) => r.points.listByStatus(status));
    }
    const session = await same((r) => r.points.listBySession('ABC234', 'published'));
    expect(session.map((p) => p.record.id)).toEqual(['sesZ0001', 'sesA0002', 'ses-0003']);
    await same((r) => r.points.listBySession('ABC234', 'pending'));
    await same((r) => r.points.listBySession('NOPE22', 'published'));
    expect(await same((r) => r.points.countsBySession('ABC234'))).toEqual({ published: 3, pending: 1 });
    expect(await same((r) => r.points.countsBySession('NOPE22'))).toEqual({});
    expect(await same((r) => r.points.countsBySubarea())).toEqual({
      'kazimierz-stradom': { help: 0, keep: 6, change: 1 },
      'grzegorzki-wesola': { help: 0, keep: 1, change: 0 },
      'stara-nowa-huta': { help: 2, keep: 0, change: 0 },
    });
  });

  it('finds rejected, unconfirmed and removed leftovers by the same rules', async () => {
    await same((r) => r.points.update(writeOf(walk('rej00001', { status: 'rejected', updatedAt: at(10) }), 'reject')));
    expect(await same((r) => sorted(r.points.rejectedBefore(at(11))))).toEqual(['rej00001']);
    expect(await same((r) => sorted(r.points.rejectedBefore(at(10))))).toEqual([]);
    // The last rejection counts, not the last edit.
    await same((r) => r.points.update(writeOf(walk('rej00001', { status: 'rejected', updatedAt: at(30) }), 'edit')));
    expect(await same((r) => sorted(r.points.rejectedBefore(at(11))))).toEqual(['rej00001']);
    expect(await same((r) => sorted(r.points.unconfirmedHelpBefore(at(100))))).toEqual(['help0001']);
    expect(await same((r) => sorted(r.points.unconfirmedHelpBefore(at(300))))).toEqual(['help0001', 'help0002']);
    expect(await same((r) => r.points.removedLeftovers())).toEqual(['rem00001']);
  });

  it('reads a row changed by hand again instead of serving the record it remembered', async () => {
    expect((await pg.points.get('walk0001'))!.record).toMatchObject({ title: 'Drzewa walk0001' });
    await poolA.query(`UPDATE points SET data = jsonb_set(data, '{title}', '"Ławki"') WHERE id = 'walk0001'`);
    expect((await pg.points.get('walk0001'))!.record).toMatchObject({ title: 'Ławki' });
    await poolA.query(`UPDATE points SET data = jsonb_set(data, '{kind}', '"maybe"') WHERE id = 'walk0001'`);
    await expect(pg.points.get('walk0001')).rejects.toThrow(/kind/);
  });
});

describe('PostgreSQL point writes change what SQLite changes', () => {
  it('stores a point once per Idempotency-Key and hands the earlier submission back, writing nothing', async () => {
    expect(await same((r) => create(r, walk('first001'), replay('k1', 'first001')))).toEqual({ created: true });
    expect(await same((r) => create(r, walk('second01'), replay('k1', 'second01')))).toEqual({
      created: false,
      earlier: { pointId: 'first001', bodyHash: 'body-k1', tokenCiphertext: 'sealed-first001' },
    });
    expect(await same((r) => r.points.get('second01'))).toBeUndefined();
    expect(await same((r) => r.audit.forPoint('second01'))).toEqual([]);
    expect(await same((r) => r.audit.forPoint('first001'))).toHaveLength(1);
    await same((r) => r.changes.since(0));
    // The refused submission used up no version number.
    await same((r) => create(r, walk('third001')));
    expect(await same((r) => r.changes.current())).toBe(2);
  });

  it('forgets keys older than the keep period when claiming a new one, and purges by cutoff', async () => {
    await same((r) => create(r, walk('old00001', { createdAt: at(0) }), replay('old', 'old00001')));
    await same((r) => create(r, walk('mid00001', { createdAt: at(2 * 1440) }), replay('mid', 'mid00001')));
    // 31 days later the old key is free again: the retry is stored as a new point.
    const later = new Date(T0 + 31 * 86_400_000).toISOString();
    expect(await same((r) => create(r, walk('new00001', { createdAt: later }), replay('old', 'new00001')))).toEqual({
      created: true,
    });
    expect(await same((r) => r.idempotency.purgeBefore(at(61)))).toBe(0);
    expect(await same((r) => r.idempotency.purgeBefore(later))).toBe(1);
    expect(await same((r) => create(r, walk('mid00002'), replay('mid', 'mid00002')))).toEqual({ created: true });
  });

  it('updates every mutable column with its audit entry, and fails alike on an unknown id', async () => {
    await same((r) => create(r, walk('upd00001', { status: 'pending', session: 'ABC234' })));
    const edited = walk('upd00001', {
      status: 'published',
      title: 'Nowy tytuł',
      description: 'Opis',
      photo: { width: 4, height: 3, version: 'v1' },
      session: 'ABC234',
      lng: 19.95,
      lat: 50.05,
      subarea: 'grzegorzki-wesola',
      updatedAt: at(5),
      confirmedAt: at(5),
      rejectReason: 'was wrong',
    });
    await same((r) =>
      r.points.update({ ...writeOf(edited, 'edit'), audit: { ...writeOf(edited, 'edit').audit, changed: ['title'] } }),
    );
    expect((await same((r) => r.points.get('upd00001')))!.record).toMatchObject({ title: 'Nowy tytuł' });
    expect(await same((r) => r.audit.forPoint('upd00001'))).toEqual([
      { at: at(0), actor: 'test', action: 'create', reason: null, changed: [] },
      { at: at(5), actor: 'test', action: 'edit', reason: null, changed: ['title'] },
    ]);
    // An unknown id updates nothing and still logs the entry, on both.
    await same((r) => r.points.update(writeOf(walk('ghost001'), 'edit')));
    await same((r) => r.audit.forPoint('ghost001'));
    await same((r) => r.changes.since(0));
  });

  it('erases a point with its photo, votes and key, keeps the audit log, and says false the second time', async () => {
    await same((r) => create(r, walk('era00001'), replay('era', 'era00001')));
    await same((r) => r.votes.add('era00001', 'd1', at(1)));
    const photo = { mime: 'image/jpeg', width: 4, height: 3, bytes: Buffer.from([1, 2, 3]), createdAt: at(1) };
    await same((r) => r.photos.put('era00001', photo, writeOf(walk('era00001', { updatedAt: at(1) }), 'edit')));
    const erasure = { at: at(2), actor: 'retention', action: 'remove' as const, reason: 'gone' };
    expect(await same((r) => r.points.erase('era00001', erasure))).toBe(true);
    // One change for the erasure: the votes going with it add none.
    expect(await same((r) => r.changes.current())).toBe(4);
    expect(await same((r) => r.points.get('era00001'))).toBeUndefined();
    expect(await same((r) => r.photos.get('era00001'))).toBeUndefined();
    expect(await same((r) => r.points.erase('era00001', erasure))).toBe(false);
    expect(await same((r) => r.audit.forPoint('era00001'))).toHaveLength(4);
    // The key went with the point: a replay now stores a new one.
    expect(await same((r) => create(r, walk('era00002'), replay('era', 'era00002')))).toEqual({ created: true });
    const { rows } = await poolA.query(`SELECT count(*)::int AS n FROM votes WHERE point_id = 'era00001'`);
    expect(rows[0].n).toBe(0);
  });

  it('moves subareas where they differ, in one go, and writes nothing when nothing differs', async () => {
    await seed(lite);
    await seed(pg);
    const subareaAt = (lng: number) => (lng < 19.9 ? null : lng < 19.95 ? 'kazimierz-stradom' : 'grzegorzki-wesola');
    expect(await same((r) => r.points.resyncSubareas(subareaAt))).toBeGreaterThan(0);
    expect(await same((r) => r.points.resyncSubareas(subareaAt))).toBe(0);
    await same((r) => r.points.listByStatus('published'));
    await same((r) => r.points.countsBySubarea());
  });
});

describe('PostgreSQL votes, photos and the change log answer as SQLite does', () => {
  it('counts one vote per device and fails alike on an unknown point', async () => {
    await same((r) => create(r, walk('vote0001')));
    expect(await same((r) => r.votes.add('vote0001', 'd1', at(1)))).toEqual({ counted: true, votes: 1 });
    expect(await same((r) => r.votes.add('vote0001', 'd1', at(2)))).toEqual({ counted: false, votes: 1 });
    expect(await same((r) => r.votes.add('vote0001', 'd2', at(2)))).toEqual({ counted: true, votes: 2 });
    await expect(same((r) => r.votes.add('nope0000', 'd1', at(2)))).rejects.toThrow();
  });

  it('stores, replaces and removes a photo together with the point state', async () => {
    await same((r) => create(r, walk('pho00001')));
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    const photo = { mime: 'image/jpeg', width: 40, height: 30, bytes, createdAt: at(1) };
    const withPhoto = walk('pho00001', { photo: { width: 40, height: 30, version: 'a' }, updatedAt: at(1) });
    await same((r) => r.photos.put('pho00001', photo, writeOf(withPhoto, 'edit')));
    const stored = await same((r) => r.photos.get('pho00001'));
    expect(Buffer.compare(stored!.bytes, bytes)).toBe(0);
    const replaced = { ...photo, mime: 'image/png', bytes: Buffer.from([9]), createdAt: at(2) };
    await same((r) => r.photos.put('pho00001', replaced, writeOf(withPhoto, 'edit')));
    expect(await same((r) => r.photos.get('pho00001'))).toMatchObject({ mime: 'image/png', createdAt: at(2) });
    await same((r) => r.photos.remove('pho00001', writeOf(walk('pho00001', { updatedAt: at(3) }), 'edit')));
    expect(await same((r) => r.photos.get('pho00001'))).toBeUndefined();
    expect((await same((r) => r.points.get('pho00001')))!.record).not.toHaveProperty('photo');
    await same((r) => r.audit.forPoint('pho00001'));
    // A photo for a point that does not exist fails on both, and writes nothing.
    await expect(same((r) => r.photos.put('nope0000', photo, writeOf(walk('nope0000'), 'edit')))).rejects.toThrow();
    await same((r) => r.audit.forPoint('nope0000'));
  });

  it('numbers changes to published points, lists each changed point once, and prunes from the bottom', async () => {
    expect(await same((r) => r.changes.current())).toBe(0);
    expect(await same((r) => r.changes.since(0))).toEqual([]);
    expect(await same((r) => r.changes.since(1))).toBeNull();
    await same((r) => create(r, walk('chg00001')));
    await same((r) => create(r, help('chg00002')));
    await same((r) => create(r, walk('chg00003', { status: 'pending' })));
    await same((r) => r.votes.add('chg00001', 'd1', at(1)));
    await same((r) => r.points.update(writeOf(walk('chg00003', { updatedAt: at(2) }), 'approve')));
    expect(await same((r) => r.changes.current())).toBe(4);
    expect(await same((r) => r.changes.since(0))).toEqual([
      { id: 'chg00002', layer: 'help' },
      { id: 'chg00001', layer: 'walk' },
      { id: 'chg00003', layer: 'walk' },
    ]);
    expect(await same((r) => r.changes.since(1, 'walk'))).toEqual([
      { id: 'chg00001', layer: 'walk' },
      { id: 'chg00003', layer: 'walk' },
    ]);
    expect(await same((r) => r.changes.since(1, 'help'))).toEqual([{ id: 'chg00002', layer: 'help' }]);
    expect(await same((r) => r.changes.since(4))).toEqual([]);
    expect(await same((r) => r.changes.since(5))).toBeNull();
    await same((r) => r.changes.prune(2));
    expect(await same((r) => r.changes.current())).toBe(4);
    expect(await same((r) => r.changes.since(1))).toBeNull();
    expect(await same((r) => r.changes.since(2))).toEqual([
      { id: 'chg00001', layer: 'walk' },
      { id: 'chg00003', layer: 'walk' },
    ]);
    await same((r) => r.points.erase('chg00002', { at: at(3), actor: 'test', action: 'remove' }));
    expect(await same((r) => r.changes.since(4))).toEqual([{ id: 'chg00002', layer: 'help' }]);
  });
});

describe('PostgreSQL writes under concurrency (two instances, many requests at once)', () => {
  const both = () => [pg, pgOther];

  it.each(['pending', 'published'])(
    'stores one %s point when twenty requests submit one key at once, and hands the others its row',
    async (status) => {
      const outcomes: CreateOutcome[] = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const id = `race${String(i).padStart(4, '0')}`;
          return create(both()[i % 2]!, walk(id, { status }), replay('one-key', id));
        }),
      );
      const winners = outcomes.flatMap((o, i) => (o.created ? [i] : []));
      expect(winners).toHaveLength(1);
      const winner = `race${String(winners[0]).padStart(4, '0')}`;
      const losers = outcomes.filter((o) => !o.created);
      expect(losers).toHaveLength(19);
      for (const o of losers) {
        expect(o).toEqual({
          created: false,
          earlier: { pointId: winner, bodyHash: 'body-one-key', tokenCiphertext: `sealed-${winner}` },
        });
      }
      const count = async (sql: string) => (await poolA.query(sql)).rows[0].n as number;
      expect(await count('SELECT count(*)::int AS n FROM points')).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM idempotency')).toBe(1);
      expect(await pg.changes.current()).toBe(status === 'published' ? 1 : 0);
    },
  );

  it.each(['commits', 'rolls back'])(
    'answers a submission whose key another instance holds uncommitted once that one %s',
    async (ending) => {
      const sql = new PgSql(poolA);
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let onClaimed!: () => void;
      const claimed = new Promise<void>((resolve) => (onClaimed = resolve));
      const first = sql.tx(async (q) => {
        const p = walk('hold0001', { status: 'pending' });
        await q.count(PG_POINT_SQL.insert, [
          ...['hold0001', 'walk', 'pending', p.record.lng, p.record.lat, p.publicLng, p.publicLat, p.record.subarea],
          JSON.stringify({ kind: 'keep', theme: 'greenery', title: 't' }),
          ...['h', null, at(0), at(0), null],
        ]);
        expect(await pg.idempotency.claim(q, replay('held', 'hold0001'), at(0))).toBeUndefined();
        onClaimed();
        await held;
        if (ending === 'rolls back') throw new Error('the first submission failed');
      });
      await claimed;
      const second = create(pgOther, walk('hold0002', { status: 'pending' }), replay('held', 'hold0002'));
      // The second submission waits on the first one's key row: it must not be told "created" meanwhile.
      await until(
        async () =>
          (
            await poolA.query(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            )
          ).rowCount === 1,
      );
      commit();
      await first.catch(() => undefined);
      if (ending === 'commits') {
        expect(await second).toEqual({
          created: false,
          earlier: { pointId: 'hold0001', bodyHash: 'body-held', tokenCiphertext: 'sealed-hold0001' },
        });
        expect(await pg.points.get('hold0002')).toBeUndefined();
      } else {
        expect(await second).toEqual({ created: true });
        expect(await pg.points.get('hold0001')).toBeUndefined();
      }
    },
  );

  it('treats a key past the keep period as free even before the once-a-minute sweep has removed it', async () => {
    await create(pg, walk('exp00001', { createdAt: at(0), status: 'pending' }), replay('exp', 'exp00001'));
    // Another instance, whose last sweep was a few seconds before the key expired: it will not sweep again yet.
    const expiresAt = T0 + IDEMPOTENCY_KEEP_DAYS * 86_400_000;
    await pgOther.idempotency.sweep(new Date(expiresAt - 5_000).toISOString());
    const justAfter = new Date(expiresAt + 1_000).toISOString();
    for (const status of ['pending', 'published'] as const) {
      const id = status === 'pending' ? 'exp00002' : 'exp00003';
      const key = status === 'pending' ? 'exp' : 'exp-published';
      if (status === 'published') {
        await create(pg, walk('exp00004', { createdAt: at(0), status: 'pending' }), replay(key, 'exp00004'));
      }
      expect(await create(pgOther, walk(id, { createdAt: justAfter, status }), replay(key, id))).toEqual({
        created: true,
      });
    }
    const { rows } = await poolA.query('SELECT key_hash, point_id FROM idempotency ORDER BY point_id');
    expect(rows.map((r) => r.point_id)).toEqual(['exp00002', 'exp00003']);
  });

  it('counts one vote when twenty requests from one device vote at once', async () => {
    await create(pg, walk('vote0001'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => both()[i % 2]!.votes.add('vote0001', 'device', at(1))),
    );
    expect(results.filter((r) => r.counted)).toHaveLength(1);
    expect(results.every((r) => r.votes === 1)).toBe(true);
    expect((await pg.points.get('vote0001'))!.record.votes).toBe(1);
    // One change for the one vote that counted, after the creation's.
    expect(await pg.changes.current()).toBe(2);
  });

  it('keeps one photo row when twenty uploads for one point race, without an error', async () => {
    await create(pg, walk('pho00001'));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        both()[i % 2]!.photos.put(
          'pho00001',
          { mime: 'image/jpeg', width: 4, height: 3, bytes: Buffer.from([i]), createdAt: at(i) },
          writeOf(walk('pho00001', { photo: { width: 4, height: 3, version: `v${i}` }, updatedAt: at(i) }), 'edit'),
        ),
      ),
    );
    const { rows } = await poolA.query('SELECT bytes FROM photos');
    expect(rows).toHaveLength(1);
    // Whichever upload committed last, the point names that very photo.
    const version = ((await pg.points.get('pho00001'))!.record as { photo: { version: string } }).photo.version;
    expect(version).toBe(`v${(rows[0].bytes as Buffer)[0]}`);
  });

  it('hands out versions that become visible in order while writes race', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => create(pg, walk(`ord${String(i).padStart(5, '0')}`))));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? both()[i % 2]!.votes.add(`ord${String(i % 10).padStart(5, '0')}`, `d${i}`, at(1))
          : both()[i % 2]!.points.update(
              writeOf(walk(`ord${String(i % 10).padStart(5, '0')}`, { updatedAt: at(i) }), 'edit'),
            ),
      ),
    );
    const { rows } = await poolA.query('SELECT version FROM point_changes ORDER BY version');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await pg.changes.current()).toBe(40);
  });
});

describe('the PostgreSQL box query', () => {
  it('finds a box through the GiST index and a session through its index among a few thousand pins', async () => {
    // 5,000 published walk pins spread over Kraków, written in one statement: the plan, not the repository, is tested.
    await poolA.query(`
      INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data, edit_token_hash,
        created_at, updated_at)
      SELECT 'gist' || lpad(i::text, 6, '0'), 'walk', 'published', x, y, x, y, 'kazimierz-stradom',
        '{"kind":"keep","theme":"greenery","title":"t"}', 'h', now(), now()
      FROM generate_series(1, 5000) AS i,
        LATERAL (SELECT 19.79 + (i % 71) * 0.006 AS x, 49.96 + (i / 71) * 0.0024 AS y) AS c`);
    await poolA.query('ANALYZE points');
    const { rows } = await poolA.query(`EXPLAIN ${PG_POINT_SQL.publishedInBox}`, ['walk', 19.94, 50.05, 19.95, 50.06]);
    const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('points_public_position');
    const session = await poolA.query(`EXPLAIN ${PG_POINT_SQL.bySession}`, ['ABC234', 'published']);
    const sessionPlan = session.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    // A walk session's pins come straight from its index, already in order.
    expect(sessionPlan).toContain('points_session');
    expect(sessionPlan).not.toMatch(/Sort/);
    expect(await pg.points.listPublished('walk', { bbox: [19.94, 50.05, 19.95, 50.06] })).not.toHaveLength(0);
  });
});
