import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/server/compression.ts';
import { fresh } from './helpers.ts';

/** A stand-in for the build: a hashed script with the .br/.gz copies the build writes beside it. */
const staticDir = mkdtempSync(join(tmpdir(), 'mapa-compress-'));
const script = `console.log(${JSON.stringify('Mapa Rewitalizacji '.repeat(400))});`;
const page = `<!doctype html><div id="app"><h1>Mapa Rewitalizacji</h1>${'<p>Podobszar</p>'.repeat(100)}</div>`;
mkdirSync(join(staticDir, 'assets'));
for (const [path, text] of [
  ['assets/index-abc123.js', script],
  ['index.html', page],
] as const) {
  writeFileSync(join(staticDir, path), text);
  writeFileSync(join(staticDir, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(staticDir, `${path}.gz`), gzipSync(text));
}
writeFileSync(join(staticDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('compressed static files', () => {
  it('sends the brotli copy of a hashed script to a browser that accepts it, still cached for a year', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(await bytes(res)).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file (still varying) when nothing is', async () => {
    const { app } = fresh({ staticDir });
    const gz = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(script);
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);
  });

  it('the page itself, at / and on client routes, goes out compressed and revalidated', async () => {
    const { app } = fresh({ staticDir });
    for (const path of ['/', '/spacer/ABC234']) {
      const res = await app.request(path, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.headers.get('Content-Encoding'), path).toBe('br');
      expect(res.headers.get('Cache-Control'), path).toBe('no-cache');
      expect(brotliDecompressSync(await bytes(res)).toString(), path).toBe(page);
    }
  });

  it('each encoding has its own strong ETag, answered with 304 when the browser already has it', async () => {
    const { app } = fresh({ staticDir });
    const br = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'br' } });
    const gz = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const etag = br.headers.get('ETag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(gz.headers.get('ETag')).not.toBe(etag);
    const again = await app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
  });

  it('a file rewritten while the server runs is sent new, never as its older compressed copy', async () => {
    const { app } = fresh({ staticDir });
    writeFileSync(join(staticDir, 'sw.js'), 'old'.repeat(500));
    writeFileSync(join(staticDir, 'sw.js.br'), brotliCompressSync('old'.repeat(500)));
    const before = await app.request('/sw.js', { headers: { 'Accept-Encoding': 'br' } });
    expect(brotliDecompressSync(await bytes(before)).toString()).toMatch(/^old/);
    const next = `${'old'.repeat(500)}// next version`;
    writeFileSync(join(staticDir, 'sw.js'), next);
    const after = await app.request('/sw.js', { headers: { 'Accept-Encoding': 'br' } });
    expect(after.headers.get('Content-Encoding')).toBeNull();
    expect(await after.text()).toBe(next);
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
  });

  it('never serves a path outside the build', async () => {
    const { app } = fresh({ staticDir });
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/.env']) {
      const res = await app.request(path);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/);
    }
  });

  it('a small file without copies is sent as it is', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/icon.svg', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/);
  });
});

describe('compressed API answers', () => {
  it('JSON over 1 KB is compressed for a client that accepts it, and varies on Accept-Encoding', async () => {
    const { app } = fresh();
    const res = await app.request('/api/subareas', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    const body = JSON.parse(brotliDecompressSync(await bytes(res)).toString()) as { features: unknown[] };
    expect(body.features).toHaveLength(3);
  });

  it('small answers and clients that accept nothing get plain JSON', async () => {
    const { app } = fresh();
    const small = await app.request('/api/health', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const plain = await app.request('/api/subareas');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(((await plain.json()) as { features: unknown[] }).features).toHaveLength(3);
  });

  it('the event stream is never compressed (it must flow event by event)', async () => {
    const { app } = fresh();
    const ctrl = new AbortController();
    const res = await app.request('/api/events', { headers: { 'Accept-Encoding': 'gzip, br' }, signal: ctrl.signal });
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('Content-Encoding')).toBeNull();
    ctrl.abort();
  });
});

describe('Accept-Encoding negotiation', () => {
  it('honours q-values and the wildcard', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('br, gzip', ['gzip'])).toBe('gzip');
  });
});

describe('crawler files', () => {
  it('robots.txt is plain text that keeps crawlers out of the tools and names the sitemap', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('http://mapa.example.org/robots.txt');
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('Disallow: /moderacja');
    expect(text).toContain('Sitemap: http://mapa.example.org/sitemap.xml');
  });

  it('sitemap.xml is XML listing the public map with absolute addresses', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('http://mapa.example.org/sitemap.xml');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<loc>http://mapa.example.org/</loc>');
    expect(xml).toContain('<loc>http://mapa.example.org/?tab=help</loc>');
    expect(xml).not.toContain('moderacja');
  });
});
