import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/server/db/open.ts';
import { sqliteStore } from '../../../src/server/db/store.ts';
import type { PointRepository, StoredPoint } from '../../../src/server/store/types.ts';
import type { PointRecord } from '../../../src/common/points.ts';

const at = '2026-05-01T08:00:00.000Z';
const walkPin = (id: string): PointRecord =>
  ({
    id,
    layer: 'walk',
    status: 'published',
    lng: 19.9446,
    lat: 50.0513,
    subarea: 'kazimierz-stradom',
    kind: 'keep',
    theme: 'greenery',
    title: 'Drzewa przy Placu Nowym',
    createdAt: at,
    updatedAt: at,
    confirmedAt: null,
    rejectReason: null,
    votes: 0,
  }) as PointRecord;

const insert = (store: PointRepository, point: StoredPoint) =>
  store.create({ point, audit: { at, actor: 'test', action: 'create', pointId: point.record.id } });

describe('the SQLite point repository reading rows it has decoded before', async () => {
  let db: Db;
  let store: PointRepository;
  beforeEach(async () => {
    db = openDb(':memory:');
    store = sqliteStore(db).points;
    await insert(store, { record: walkPin('pin00001'), publicLng: 19.9446, publicLat: 50.0513, editTokenHash: 'h' });
  });
  afterEach(() => db.close());

  it('reads a row changed by hand again instead of serving the record it remembered', async () => {
    expect((await store.listPublished('walk'))[0]!.record).toMatchObject({ title: 'Drzewa przy Placu Nowym' });
    db.prepare(
      `UPDATE points SET data = json_set(data, '$.title', 'Ławki przy Placu Nowym') WHERE id = 'pin00001'`,
    ).run();
    expect((await store.listPublished('walk'))[0]!.record).toMatchObject({ title: 'Ławki przy Placu Nowym' });
  });

  it('still rejects a row broken by hand, loudly, on the read after the change', async () => {
    await store.listPublished('walk');
    db.prepare(`UPDATE points SET data = json_set(data, '$.kind', 'maybe') WHERE id = 'pin00001'`).run();
    await expect(store.listPublished('walk')).rejects.toThrow(/kind/);
  });

  it('counts votes on every read, since a vote changes no column the record is decoded from', async () => {
    expect((await store.get('pin00001'))!.record.votes).toBe(0);
    db.prepare(`INSERT INTO votes (point_id, device_hash, created_at) VALUES ('pin00001', 'd1', ?)`).run(at);
    expect((await store.get('pin00001'))!.record.votes).toBe(1);
  });

  it('hands out copies whose nested values cannot be changed in place', async () => {
    const first = (await store.get('pin00001'))!.record;
    (first as { title: string }).title = 'zmienione w pamięci';
    expect((await store.get('pin00001'))!.record).toMatchObject({ title: 'Drzewa przy Placu Nowym' });
    const help = {
      ...walkPin('help0001'),
      layer: 'help',
      helperType: 'organisation',
      name: 'Fundacja',
      kinds: ['transport'],
      contact: { phone: '+48 12 345 67 89' },
    } as unknown as PointRecord;
    await insert(store, { record: help, publicLng: 19.9446, publicLat: 50.0513, editTokenHash: 'h' });
    const kinds = ((await store.get('help0001'))!.record as { kinds: string[] }).kinds;
    expect(() => kinds.push('shopping')).toThrow(TypeError);
  });
});
