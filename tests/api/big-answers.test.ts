import { afterEach, describe, expect, it, vi } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Contributions } from '../../src/server/contributions.ts';
import { SLICE } from '../../src/server/slices.ts';
import { PointCollection, type PointRecord } from '../../src/common/points.ts';
import { Stats } from '../../src/common/stats.ts';
import { approve, createPoint, fresh, moderatorCookie, walkBody, type TestApp, type TestDb } from './helpers.ts';

/** `n` published walk pins in Kazimierz, written straight into the database (the API would take minutes for 2,000). */
async function publishMany(db: TestDb, n: number) {
  const points = db.store.points;
  const t0 = Date.parse('2026-05-01T08:00:00Z');
  // Queued together: the group commit writes them in one transaction.
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const at = new Date(t0 + i * 60_000).toISOString();
      const lng = 19.94 + (i % 100) / 10_000;
      const lat = 50.05 + Math.floor(i / 100) / 10_000;
      const record: PointRecord = {
        id: `many${String(i).padStart(6, '0')}`,
        layer: 'walk',
        status: 'published',
        lng,
        lat,
        subarea: 'kazimierz-stradom',
        kind: i % 2 ? 'change' : 'keep',
        theme: 'zielen',
        title: `Punkt spaceru nr ${i}`,
        createdAt: at,
        updatedAt: at,
        confirmedAt: null,
        rejectReason: null,
        votes: 0,
      };
      return points.create({
        point: { record, publicLng: lng, publicLat: lat, editTokenHash: `hash${i}` },
        audit: { at, actor: 'test', action: 'create', pointId: record.id },
      });
    }),
  );
}

/** Turns of the event loop (setImmediate rounds) until `work` settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work();
  done = true;
  return { value, turns };
}

const get = async (app: TestApp, path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

afterEach(() => vi.restoreAllMocks());

describe('big public answers never hold the server up', () => {
  it('a 2,000-pin layer is built a slice at a time: a health check sent after it is answered before it', async () => {
    const { app, db } = fresh();
    await publishMany(db, 2_000);
    const order: string[] = [];
    const { value: list, turns } = await turnsDuring(async () => {
      const layer = get(app, '/api/points?layer=walk').then((r) => (order.push('layer'), r));
      const health = get(app, '/api/health').then((r) => (order.push('health'), r));
      expect((await health).status).toBe(200);
      return layer;
    });
    expect(order).toEqual(['health', 'layer']);
    expect(PointCollection.parse(await list.json()).features).toHaveLength(2_000);
    // Projection and serialization each yield once per slice.
    expect(turns).toBeGreaterThanOrEqual(2 * (Math.ceil(2_000 / SLICE) - 1));
  });

  it('ten phones asking for the same layer at once cost one database read and one build', async () => {
    const { app, db } = fresh();
    await publishMany(db, 600);
    const reads = vi.spyOn(Contributions.prototype, 'publishedInView');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => get(app, '/api/points?layer=walk', { 'Accept-Encoding': 'br' })),
    );
    expect(reads).toHaveBeenCalledTimes(1);
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(1);
    expect(new Set(answers.map((r) => r.headers.get('ETag'))).size).toBe(1);
  });

  it('the brotli, gzip and plain copies of a cached layer are the same JSON', async () => {
    const { app, db } = fresh();
    await publishMany(db, 600);
    const plain = await get(app, '/api/points?layer=walk');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const text = await plain.text();
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const res = await get(app, '/api/points?layer=walk', { 'Accept-Encoding': encoding });
      expect(res.headers.get('Content-Encoding')).toBe(encoding);
      expect(res.headers.get('Vary')).toBe('Accept-Encoding');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('Content-Length')).toBe(String(bytes.length));
      expect(decode(bytes).toString()).toBe(text);
    }
  });
});

describe('statistics and exports: cached per data version like the map', () => {
  it('answer 304 to a browser that has the current file, and change with the next approval', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const publish = async (title: string) => approve(app, cookie, (await createPoint(app, walkBody({ title }))).id);
    await publish('Pierwszy');
    for (const path of ['/api/stats', '/api/export/points.csv?layer=walk', '/api/export/points.geojson?layer=walk']) {
      const first = await get(app, path);
      const etag = first.headers.get('ETag')!;
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const body = await first.text();
      const again = await get(app, path, { 'If-None-Match': etag });
      expect(again.status, path).toBe(304);
      await publish(`Po ${path}`);
      const after = await get(app, path, { 'If-None-Match': etag });
      expect(after.status, path).toBe(200);
      expect(after.headers.get('ETag'), path).not.toBe(etag);
      expect(await after.text(), path).not.toBe(body);
    }
    const stats = Stats.parse(await (await get(app, '/api/stats')).json());
    expect(stats.subareas.find((s) => s.subarea === 'kazimierz-stradom')!.walk.keep).toBe(4);
  });

  it('a compressed export decodes to the very file sent plain, still named for download', async () => {
    const { app, db } = fresh();
    await publishMany(db, 600);
    const plain = await get(app, '/api/export/points.csv?layer=walk');
    const file = Buffer.from(await plain.arrayBuffer());
    const br = await get(app, '/api/export/points.csv?layer=walk', { 'Accept-Encoding': 'br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(br.headers.get('Content-Disposition')).toBe('attachment; filename="mapa-rewitalizacji-walk.csv"');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(file)).toBe(true);
    expect(file.toString().split('\r\n').filter(Boolean)).toHaveLength(601);
  });
});
