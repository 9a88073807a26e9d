import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { openDb } from '../../src/server/db/open.ts';
import { sqliteStore } from '../../src/server/db/store.ts';
import { openPostgres } from '../../src/server/db/pg/open.ts';
import { pgStore } from '../../src/server/db/pg/store.ts';
import { publicPosition } from '../../src/server/privacy.ts';
import { DEFAULT_FRESHNESS } from '../../src/common/freshness.ts';
import type { PointRecord } from '../../src/common/points.ts';
import type { Store } from '../../src/server/store/types.ts';
import { InThreadBuilder } from '../../src/server/tiles/cluster-tiles.ts';
import { WorkerBuilder } from '../../src/server/tiles/tile-worker-client.ts';
import { openTileReader, type TileSource } from '../../src/server/db/tile-reader.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';
import { ENGINE, KAZIMIERZ } from './helpers.ts';

const NOW = new Date('2026-06-01T10:00:00Z');
const dirs: string[] = [];
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A database the worker can open too: a SQLite file, or a PostgreSQL database of its own. */
async function database(): Promise<{ store: Store; source: TileSource }> {
  if (ENGINE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-tile-worker-'));
    dirs.push(dir);
    const file = join(dir, 'mapa.sqlite');
    const store = sqliteStore(openDb(file));
    cleanup.push(() => store.close());
    return { store, source: { engine: 'sqlite', file } };
  }
  const db = await freshPostgresDatabase();
  const store = pgStore(await openPostgres(db.url, { max: 2 }));
  cleanup.push(async () => {
    await store.close();
    await db.drop();
  });
  return { store, source: { engine: 'postgres', url: db.url } };
}

const at = (i: number) => new Date(Date.parse('2026-05-01T08:00:00Z') + i * 1000).toISOString();

async function publish(store: Store, record: PointRecord) {
  const [publicLng, publicLat] = publicPosition(record);
  await store.points.create({
    point: { record, publicLng, publicLat, editTokenHash: 'x'.repeat(64) },
    audit: { at: record.createdAt, actor: 'test', action: 'create', pointId: record.id },
  });
}

const meta = (i: number) => ({
  id: `pin${i}`,
  status: 'published' as const,
  lng: KAZIMIERZ.lng + (i % 7) * 0.0003,
  lat: KAZIMIERZ.lat + Math.floor(i / 7) * 0.0002,
  subarea: null,
  createdAt: at(i),
  updatedAt: at(i),
  confirmedAt: null,
  rejectReason: null,
  votes: 0,
});

async function seed(store: Store) {
  for (let i = 0; i < 30; i++) {
    await publish(store, {
      ...meta(i),
      layer: 'walk',
      kind: i % 3 ? 'change' : 'keep',
      theme: 'zielen',
      title: `P${i}`,
    });
  }
  await publish(store, {
    ...meta(40),
    layer: 'help',
    helperType: 'person',
    name: 'Pani Ola',
    kinds: ['zakupy'],
    contact: { phone: '+48 600 100 200' },
  });
}

/** The tile holding Kazimierz at zoom z (Web Mercator, as MapLibre asks for them). */
function tileOf(z: number): [number, number, number] {
  const n = 2 ** z;
  const r = (KAZIMIERZ.lat * Math.PI) / 180;
  const x = Math.floor(((KAZIMIERZ.lng + 180) / 360) * n);
  return [z, x, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** Every feature of a tile, decoded, with its position in tile coordinates. */
function decode(bytes: Uint8Array, layer: string) {
  const l = new VectorTile(new PbfReader(bytes)).layers[layer];
  return l
    ? Array.from({ length: l.length }, (_, i) => ({ ...l.feature(i).properties, at: l.feature(i).loadGeometry() }))
    : [];
}

describe('the tile worker', () => {
  it("cuts the very tiles the server's own thread cuts, reading the database through its own connection", async () => {
    const { store, source } = await database();
    await seed(store);
    const worker = new WorkerBuilder(source, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    const inThread = new InThreadBuilder((layer) => store.points.listForTiles(layer), DEFAULT_FRESHNESS);
    for (const [layer, filters, [z, x, y]] of [
      ['walk', {}, tileOf(10)],
      ['walk', { kind: 'keep' as const }, tileOf(14)],
      ['walk', {}, tileOf(17)],
      ['help', {}, tileOf(12)],
    ] as const) {
      const [a, b] = await Promise.all([
        worker.build(layer, filters, NOW).index,
        inThread.build(layer, filters, NOW).index,
      ]);
      expect(a.count).toBe(b.count);
      const [fromWorker, fromThread] = await Promise.all([a.tile(z, x, y), b.tile(z, x, y)]);
      expect(decode(fromWorker, layer)).toEqual(decode(fromThread, layer));
      expect(Buffer.from(fromWorker).equals(Buffer.from(fromThread))).toBe(true);
    }
    const help = await worker.build('help', {}, NOW).index;
    const drawn = decode(await help.tile(...tileOf(12)), 'help');
    expect(drawn).toHaveLength(1);
    // A private person: their cell, never their phone, in the worker's tiles as everywhere else.
    expect(drawn[0]).toMatchObject({ id: 'pin40', person: true, radiusM: expect.any(Number) });
    expect(JSON.stringify(drawn)).not.toContain('600 100 200');
  });

  it('after changes reads only the changed pins, and cuts the tiles a fresh read would give', async () => {
    const { store, source } = await database();
    await seed(store);
    const worker = new WorkerBuilder(source, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    const reader = openTileReader(source);
    cleanup.push(() => reader.close());
    expect(await worker.build('walk', {}, NOW).count).toBe(30);
    const before = await reader.all('walk');

    // A new pin, one erased, one moved and rejected back out of sight, one moved and still published.
    await publish(store, { ...meta(31), layer: 'walk', kind: 'keep', theme: 'zielen', title: 'Nowy' });
    await store.points.erase('pin3', { at: at(100), actor: 'test', action: 'remove' });
    const moved = async (i: number, status: 'published' | 'rejected') => {
      const record: PointRecord = {
        ...meta(i),
        lng: meta(i).lng + 0.01,
        status,
        layer: 'walk',
        kind: i % 3 ? 'change' : 'keep',
        theme: 'zielen',
        title: `P${i}`,
      };
      const [publicLng, publicLat] = publicPosition(record);
      await store.points.update({
        point: { record, publicLng, publicLat, editTokenHash: 'x'.repeat(64) },
        audit: { at: at(101), actor: 'test', action: 'edit', pointId: record.id },
      });
    };
    await moved(5, 'rejected');
    await moved(8, 'published');

    const delta = (await reader.since('walk', before.version, 1000))!;
    expect(delta.version).toBeGreaterThan(before.version);
    expect(new Map([...delta.changed].map(([id, row]) => [id, row && row.lng]))).toEqual(
      new Map([
        ['pin31', expect.any(Number)],
        ['pin3', null],
        ['pin5', null],
        ['pin8', expect.closeTo(KAZIMIERZ.lng + 0.01 + (8 % 7) * 0.0003, 3)],
      ]),
    );
    // Too many changes to be worth reading one by one: the caller reads the layer instead.
    expect(await reader.since('walk', before.version, 3)).toBeNull();

    const inThread = new InThreadBuilder((layer) => store.points.listForTiles(layer), DEFAULT_FRESHNESS);
    const [a, b] = await Promise.all([worker.build('walk', {}, NOW).index, inThread.build('walk', {}, NOW).index]);
    expect(a.count).toBe(29);
    expect(b.count).toBe(29);
    for (const z of [10, 14, 17]) {
      const [fromWorker, fromThread] = await Promise.all([a.tile(...tileOf(z)), b.tile(...tileOf(z))]);
      expect(Buffer.from(fromWorker).equals(Buffer.from(fromThread))).toBe(true);
    }
    expect((await reader.all('walk')).rows).toEqual(await store.points.listForTiles('walk'));
  });

  it('counts the pins before it clusters them, so the map can ask for tiles meanwhile', async () => {
    const { store, source } = await database();
    await seed(store);
    const worker = new WorkerBuilder(source, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    const build = worker.build('walk', {}, NOW);
    const order: string[] = [];
    void build.count.then((n) => order.push(`count ${n}`));
    void build.index.then((b) => order.push(`index ${b.count}`));
    await build.index;
    await build.count;
    expect(order).toEqual(['count 30', 'index 30']);
  });

  it("answers both layers' counts before it clusters either", async () => {
    const { store, source } = await database();
    await seed(store);
    const worker = new WorkerBuilder(source, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    // As a page load asks: both layers at once.
    const builds = { walk: worker.build('walk', {}, NOW), help: worker.build('help', {}, NOW) };
    const order: string[] = [];
    for (const [layer, build] of Object.entries(builds)) {
      void build.count.then(() => order.push(`${layer} count`));
      void build.index.then(() => order.push(`${layer} index`));
    }
    await Promise.all([builds.walk.index, builds.help.index, builds.walk.count, builds.help.count]);
    expect(order.slice(0, 2).sort()).toEqual(['help count', 'walk count']);
    expect(order.slice(2).sort()).toEqual(['help index', 'walk index']);
  });

  it('drops a retired index once the tiles being cut from it are done', async () => {
    const { store, source } = await database();
    await seed(store);
    const worker = new WorkerBuilder(source, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    const built = await worker.build('walk', {}, NOW).index;
    const cutting = built.tile(...tileOf(10));
    built.retire();
    expect((await cutting).length).toBeGreaterThan(0);
    await expect(built.tile(...tileOf(10))).rejects.toThrow(/no cluster index/);
  });

  it('fails the builds a crashed worker was answering, and starts a new one for the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-tile-worker-'));
    dirs.push(dir);
    const file = join(dir, 'mapa.sqlite');
    // No database there yet: the worker cannot open it and stops.
    const worker = new WorkerBuilder({ engine: 'sqlite', file }, DEFAULT_FRESHNESS);
    cleanup.push(() => worker.close());
    const failed = worker.build('walk', {}, NOW);
    await expect(failed.index).rejects.toThrow(/tile worker crashed/);
    await expect(failed.count).rejects.toThrow(/tile worker crashed/);
    const store = sqliteStore(openDb(file));
    cleanup.push(() => store.close());
    await seed(store);
    expect(await worker.build('walk', {}, NOW).count).toBe(30);
  });
});
