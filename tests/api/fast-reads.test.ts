import { afterEach, describe, expect, it, vi } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { PublicReads } from '../../src/server/public-reads.ts';
import { pointsSearch } from '../../src/server/fast-reads.ts';
import { approve, createPoint, fresh, moderatorCookie, walkBody, type TestApp } from './helpers.ts';

const LIST = '/api/points?layer=walk';
const get = async (app: TestApp, path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== 'date'));

async function withPins(n: number) {
  const { app, db } = fresh();
  const cookie = await moderatorCookie(app, db);
  for (let i = 0; i < n; i++)
    await approve(app, cookie, (await createPoint(app, walkBody({ title: `Punkt ${i}` }))).id);
  return { app, db, cookie };
}

afterEach(() => vi.restoreAllMocks());

describe('a repeated map read is answered before the framework', () => {
  it('with the very headers and bytes the full way gave it, plain and compressed, and 304 when current', async () => {
    const { app } = await withPins(6);
    const full = vi.spyOn(PublicReads.prototype, 'points');
    for (const accept of [{}, { 'Accept-Encoding': 'br, gzip' }] as Record<string, string>[]) {
      full.mockClear();
      const first = await get(app, LIST, accept);
      const firstBytes = Buffer.from(await first.arrayBuffer());
      const again = await get(app, LIST, accept);
      // The route ran once: the second answer came from the fast path.
      expect(full).toHaveBeenCalledTimes(1);
      expect(headersOf(again)).toEqual(headersOf(first));
      expect(Buffer.from(await again.arrayBuffer()).equals(firstBytes)).toBe(true);
      expect(again.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
      const current = await get(app, LIST, { ...accept, 'If-None-Match': first.headers.get('ETag')! });
      expect(current.status).toBe(304);
      expect(await current.text()).toBe('');
      expect(full).toHaveBeenCalledTimes(1);
    }
    const br = await get(app, LIST, { 'Accept-Encoding': 'br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString())).toEqual(
      await (await get(app, LIST)).json(),
    );
  });

  it('a write sends the next read the full way, which answers the new list', async () => {
    const { app, cookie } = await withPins(2);
    const before = await get(app, LIST);
    await get(app, LIST);
    await approve(app, cookie, (await createPoint(app, walkBody({ title: 'Nowy po zapisie' }))).id);
    const after = await get(app, LIST, { 'If-None-Match': before.headers.get('ETag')! });
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain('Nowy po zapisie');
  });

  it('never answers a query the route has not accepted, nor a request carrying an edit token', async () => {
    const { app } = await withPins(1);
    await get(app, LIST);
    const full = vi.spyOn(PublicReads.prototype, 'points');
    expect((await get(app, '/api/points?layer=nope')).status).toBe(400);
    expect((await get(app, `${LIST}&extra=1`)).status).toBe(400);
    const withToken = await get(app, LIST, { Authorization: 'Bearer not-a-token' });
    expect(withToken.status).toBe(200);
    expect(full).toHaveBeenCalledTimes(1);
  });

  it('recognises only GET /api/points, whatever the host', () => {
    expect(pointsSearch('GET', 'http://localhost/api/points?layer=walk')).toBe('?layer=walk');
    expect(pointsSearch('GET', 'https://mapa.example.org/api/points')).toBe('');
    expect(pointsSearch('HEAD', 'http://localhost/api/points?layer=walk')).toBeUndefined();
    expect(pointsSearch('GET', 'http://localhost/api/points/abc')).toBeUndefined();
    expect(pointsSearch('GET', 'http://localhost/api/points/changes?since=1')).toBeUndefined();
    expect(pointsSearch('GET', 'http://localhost/x/api/points?layer=walk')).toBeUndefined();
  });
});
