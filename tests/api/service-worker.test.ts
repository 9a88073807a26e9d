import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fresh } from './helpers.ts';

/** A stand-in for `vite build` output with what vite-plugin-pwa adds to it. */
const staticDir = mkdtempSync(join(tmpdir(), 'mapa-sw-'));
writeFileSync(
  join(staticDir, 'index.html'),
  '<!doctype html><link rel="manifest" href="/manifest.webmanifest"><div id="app"></div>',
);
writeFileSync(join(staticDir, 'sw.js'), 'define(["./workbox-abc123"], function (w) { w.clientsClaim(); });');
writeFileSync(join(staticDir, 'workbox-abc123.js'), 'define(["exports"], function (e) {});');
writeFileSync(join(staticDir, 'manifest.webmanifest'), JSON.stringify({ name: 'Mapa Rewitalizacji', start_url: '/' }));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

const directive = (res: Response, name: string) =>
  res.headers
    .get('Content-Security-Policy')
    ?.split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

describe('the service worker and the web manifest', () => {
  it('sw.js is JavaScript that the browser revalidates on every update check', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await res.text()).toContain('clientsClaim');
  });

  it('the page may register a worker from its own origin and read its manifest, with no inline script', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/');
    expect(directive(res, 'worker-src')).toContain("'self'");
    expect(directive(res, 'manifest-src')).toEqual(["'self'"]);
    expect(directive(res, 'script-src')).toEqual(["'self'"]);
  });

  it('the manifest is served as application/manifest+json and revalidated', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/manifest\+json/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(((await res.json()) as { name: string }).name).toBe('Mapa Rewitalizacji');
  });

  it('the page is revalidated at / and on client routes; hashed files stay cached for a year', async () => {
    const { app } = fresh({ staticDir });
    for (const path of ['/', '/spacer/ABC234', '/moderacja']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control'), path).toBe('no-cache');
    }
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    // The workbox runtime's name carries its hash; nothing special is asked for it.
    expect((await app.request('/workbox-abc123.js')).headers.get('Cache-Control')).toBeNull();
  });

  it('an unknown API path is a JSON 404, never the cached shell (the worker denylists /api/ too)', async () => {
    const { app } = fresh({ staticDir });
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  });
});
