import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchSource, PMTiles } from 'pmtiles';
import { fresh } from './helpers.ts';
import { parseRange } from '../../src/server/routes/basemap.ts';
import { buildKrakowPmtiles, buildTiles } from '../support/krakow-tileset.ts';

const URL_PATH = '/api/basemap/krakow.pmtiles';
let dir = '';
let file = '';
let bytes: Uint8Array = new Uint8Array();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mapa-basemap-'));
  file = join(dir, 'krakow.pmtiles');
  bytes = buildKrakowPmtiles();
  writeFileSync(file, bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllGlobals());

const withBasemap = () => fresh({ basemapPmtiles: file }).app;
const get = (headers: Record<string, string> = {}, method = 'GET') =>
  withBasemap().request(URL_PATH, { method, headers });
const body = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('GET /api/basemap/krakow.pmtiles', () => {
  it('answers a JSON 404 naming the fix when no local basemap is configured', async () => {
    const res = await fresh().app.request(URL_PATH);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: string }).error).toMatch(/BASEMAP_PMTILES/);
  });

  it('answers a JSON 404 when the configured file has gone', async () => {
    const res = await fresh({ basemapPmtiles: join(dir, 'removed.pmtiles') }).app.request(URL_PATH);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });

  it('serves the whole file with its length, a strong ETag, caching and Accept-Ranges', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('Accept-Ranges')).toBe('bytes');
    expect(res.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(res.headers.get('ETag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=3600');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(await body(res)).toEqual(bytes);
  });

  it('answers a byte range with 206, Content-Range and exactly those bytes', async () => {
    const res = await get({ Range: 'bytes=127-1126' });
    expect(res.status).toBe(206);
    expect(res.headers.get('Content-Range')).toBe(`bytes 127-1126/${bytes.length}`);
    expect(res.headers.get('Content-Length')).toBe('1000');
    expect(await body(res)).toEqual(bytes.slice(127, 1127));
  });

  it('clamps a range past the end, as the pmtiles client asks for the first 16 KiB of any archive', async () => {
    const res = await get({ Range: `bytes=0-${bytes.length + 50_000}` });
    expect(res.status).toBe(206);
    expect(res.headers.get('Content-Range')).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(await body(res)).toEqual(bytes);
  });

  it('serves open-ended and suffix ranges', async () => {
    const tail = await get({ Range: 'bytes=16384-' });
    expect(tail.status).toBe(206);
    expect(await body(tail)).toEqual(bytes.slice(16384));
    const last = await get({ Range: 'bytes=-10' });
    expect(last.headers.get('Content-Range')).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(await body(last)).toEqual(bytes.slice(-10));
  });

  for (const range of [`bytes=${1e9}-`, 'bytes=500-400', 'bytes=-0', 'bytes=abc', 'bytes=-']) {
    it(`refuses the unsatisfiable or malformed range "${range}" with 416 and the file's size`, async () => {
      const res = await get({ Range: range });
      expect(res.status).toBe(416);
      expect(res.headers.get('Content-Range')).toBe(`bytes */${bytes.length}`);
    });
  }

  it('answers HEAD with the headers of GET and no body', async () => {
    const whole = await get({}, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes');
    expect((await body(whole)).length).toBe(0);
    const part = await get({ Range: 'bytes=0-99' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe(`bytes 0-99/${bytes.length}`);
    expect((await body(part)).length).toBe(0);
  });

  it('sends the whole file when If-Range names an older version, and 304 for a matching If-None-Match', async () => {
    const etag = (await get({}, 'HEAD')).headers.get('ETag')!;
    const stale = await get({ Range: 'bytes=0-9', 'If-Range': '"0-0"' });
    expect(stale.status).toBe(200);
    expect(await body(stale)).toEqual(bytes);
    const current = await get({ Range: 'bytes=0-9', 'If-Range': etag });
    expect(current.status).toBe(206);
    expect((await get({ 'If-None-Match': etag })).status).toBe(304);
  });

  it('gives a replaced file a new ETag', async () => {
    const other = join(dir, 'other.pmtiles');
    writeFileSync(other, bytes);
    const app = fresh({ basemapPmtiles: other }).app;
    const before = (await app.request(URL_PATH, { method: 'HEAD' })).headers.get('ETag');
    writeFileSync(other, bytes.slice(0, 200));
    utimesSync(other, new Date(), new Date(Date.now() + 5000));
    const after = await app.request(URL_PATH, { method: 'HEAD' });
    expect(after.headers.get('ETag')).not.toBe(before);
    expect(after.headers.get('Content-Length')).toBe('200');
  });

  it('lets the pmtiles client read every tile of the archive through the route', async () => {
    // The browser's code path: FetchSource sends Range requests with fetch(); here fetch() is the app itself.
    const app = withBasemap();
    const requests: string[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      requests.push(new Headers(init?.headers).get('range') ?? 'none');
      return app.request(input, init);
    });
    const archive = new PMTiles(new FetchSource(`http://localhost${URL_PATH}`));
    expect(await archive.getMetadata()).toMatchObject({ name: 'Kraków test basemap' });
    for (const t of buildTiles()) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data), `${t.z}/${t.x}/${t.y}`).toEqual(new Uint8Array(t.data));
    }
    expect(requests[0]).toBe('bytes=0-16383');
    expect(requests.every((r) => r.startsWith('bytes='))).toBe(true);
  });
});

describe('GET /api/config', () => {
  it('tells the SPA where the local basemap is, and null without one', async () => {
    expect(await (await withBasemap().request('/api/config')).json()).toMatchObject({ basemap: { pmtiles: URL_PATH } });
    expect(await (await fresh().app.request('/api/config')).json()).toMatchObject({ basemap: { pmtiles: null } });
  });
});

describe('parseRange', () => {
  it('reads first-last, open-ended and suffix ranges against the size', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-2000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange(' bytes=5-5 ', 1000)).toEqual({ start: 5, end: 5 });
    expect(parseRange(`bytes=0-${'9'.repeat(400)}`, 1000)).toEqual({ start: 0, end: 999 });
  });

  it('ignores units it does not know and several ranges (the whole file is a correct answer)', () => {
    expect(parseRange('items=0-5', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
  });

  it('calls a range unsatisfiable when it starts past the end, runs backwards or is not a number', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=1e3-', 1000)).toBe('unsatisfiable');
    expect(parseRange(`bytes=${'9'.repeat(30)}-`, 1000)).toBe('unsatisfiable');
  });
});
