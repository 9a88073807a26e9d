import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/server/db/open.ts';
import { GroupCommit } from '../../../src/server/db/group-commit.ts';
import { sqliteStore } from '../../../src/server/db/store.ts';
import type { PointRecord } from '../../../src/common/points.ts';
import type { StoredPoint } from '../../../src/server/store/types.ts';

let db: Db;
let commit: GroupCommit;
beforeEach(() => {
  db = openDb(':memory:');
  db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
  commit = new GroupCommit(db);
});
afterEach(() => db.close());

const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
const rows = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all();

describe('group commit', () => {
  it('runs the writes queued together in one transaction, and answers none of them before it commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-group-'));
    const file = join(dir, 'g.sqlite');
    const [mine, other] = [openDb(file), openDb(file)];
    try {
      mine.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
      const grouped = new GroupCommit(mine);
      const count = () => other.prepare('SELECT COUNT(*) FROM t').pluck().get();
      const answered: string[] = [];
      const a = grouped.run(() => mine.prepare(`INSERT INTO t (v) VALUES ('a')`).run());
      void a.then(() => answered.push('a'));
      // Another connection sees nothing of a while b runs: a is not committed yet, and not answered either.
      const b = grouped.run(() => ({ seen: count(), answered: [...answered] }));
      expect(await b).toEqual({ seen: 0, answered: [] });
      await a;
      expect(count()).toBe(1);
    } finally {
      mine.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back only the write that failed; the others of its batch are stored', async () => {
    const results = await Promise.allSettled([
      commit.run(insert('a')),
      commit.run(() => {
        insert('b')();
        throw new Error('refused');
      }),
      commit.run(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'c']);
  });

  it('rejects every write of a batch whose COMMIT fails, and stores none of them', async () => {
    db.exec('CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (p TEXT REFERENCES parent (id))');
    const results = await Promise.allSettled([
      commit.run(insert('a')),
      // Checked only at COMMIT: the whole batch fails there, after every write ran.
      commit.run(() => {
        db.pragma('defer_foreign_keys = ON');
        db.prepare(`INSERT INTO child (p) VALUES ('nobody')`).run();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
  });

  it('starts a new batch for writes queued after one was sent', async () => {
    await commit.run(insert('a'));
    await commit.run(insert('b'));
    expect(rows()).toEqual(['a', 'b']);
  });
});

describe('claiming an Idempotency-Key in the store', () => {
  const at = '2026-05-01T08:00:00.000Z';
  const pin = (id: string): StoredPoint => ({
    record: {
      id,
      layer: 'walk',
      status: 'pending',
      lng: 19.9446,
      lat: 50.0513,
      subarea: null,
      kind: 'keep',
      theme: 'zielen',
      title: 'Ławka',
      createdAt: at,
      updatedAt: at,
      confirmedAt: null,
      rejectReason: null,
      votes: 0,
    } as PointRecord,
    publicLng: 19.9446,
    publicLat: 50.0513,
    editTokenHash: `hash-${id}`,
  });
  const replay = (pointId: string) => ({
    keyHash: 'key',
    pointId,
    bodyHash: 'body',
    tokenCiphertext: `sealed-${pointId}`,
  });
  const create = (store: ReturnType<typeof sqliteStore>, id: string) =>
    store.points.create({ point: pin(id), audit: { at, actor: 'author', action: 'create', pointId: id } }, replay(id));

  it('stores one point for two submissions with one key in one batch, and returns the first to the second', async () => {
    const store = sqliteStore(db);
    const [first, second] = await Promise.all([create(store, 'pin00001'), create(store, 'pin00002')]);
    expect(first).toEqual({ created: true });
    expect(second).toEqual({ created: false, earlier: expect.objectContaining({ pointId: 'pin00001' }) });
    expect(db.prepare('SELECT id FROM points').pluck().all()).toEqual(['pin00001']);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(1);
  });

  it('holds across two connections to one database file, as two processes would be', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-idem-'));
    const [one, two] = [openDb(join(dir, 'm.sqlite')), openDb(join(dir, 'm.sqlite'))];
    try {
      expect(await create(sqliteStore(one), 'pin00001')).toEqual({ created: true });
      // The second connection never looked the key up first: the unique constraint alone decides.
      expect(await create(sqliteStore(two), 'pin00002')).toMatchObject({ created: false });
      expect(two.prepare('SELECT id FROM points').pluck().all()).toEqual(['pin00001']);
    } finally {
      one.close();
      two.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
