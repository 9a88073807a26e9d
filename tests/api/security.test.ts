import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addModerator, fresh, json } from './helpers.ts';

/** Parses a CSP header into directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('Content-Security-Policy');
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const staticDir = mkdtempSync(join(tmpdir(), 'mapa-static-'));
writeFileSync(
  join(staticDir, 'index.html'),
  '<!doctype html><div id="app"></div><script type="module" src="/assets/x.js"></script>',
);
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

describe('security headers', () => {
  it('the page forbids inline script, framing and foreign origins except the online basemap', async () => {
    const { app } = fresh({ staticDir, basemapStyleUrl: 'https://tiles.openfreemap.org/styles/positron' });
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const policy = csp(res);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://tiles.openfreemap.org']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.openfreemap.org']);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
    }
  });

  it('names no remote origin at all when the basemap is offline', async () => {
    const { app } = fresh({ staticDir, basemapStyleUrl: null });
    const policy = csp(await app.request('/'));
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('follows a configured basemap to its own origin', async () => {
    const { app } = fresh({ staticDir, basemapStyleUrl: 'https://maps.example.org:8443/style.json' });
    expect(csp(await app.request('/')).get('connect-src')).toEqual(["'self'", 'https://maps.example.org:8443']);
  });

  it.each([
    ['a page', '/'],
    ['an API answer', '/api/health'],
    ['a validation error', '/api/points?layer=nope'],
    ['an unknown API path', '/api/nope'],
  ])('%s carries nosniff, no-referrer, DENY framing and the CSP', async (_, path) => {
    const { app } = fresh({ staticDir });
    const res = await app.request(path);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('Permissions-Policy')).toContain('geolocation=(self)');
    expect(csp(res).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('a refused write (415, 413) and a server-side refusal (401) still carry the headers', async () => {
    const { app } = fresh();
    const wrongType = await app.request('/api/points', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const big = await app.request('/api/points', json({ title: 'x'.repeat(40_000) }));
    expect(big.status).toBe(413);
    expect(big.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    const queue = await app.request('/api/moderation/queue');
    expect(queue.status).toBe(401);
    expect(queue.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('sends HSTS only when served over https', async () => {
    expect((await fresh().app.request('/api/health')).headers.get('Strict-Transport-Security')).toBeNull();
    const https = await fresh({ secureCookies: true }).app.request('/api/health');
    expect(https.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{7,}/);
  });
});

describe('the moderator session cookie', () => {
  const attributes = (setCookie: string) => setCookie.split(';').map((a) => a.trim().toLowerCase());

  it('is HttpOnly, SameSite=Strict, scoped to /api and not Secure over plain http', async () => {
    const { app, db } = fresh();
    const res = await app.request('/api/auth/login', json(await addModerator(db)));
    const attrs = attributes(res.headers.get('Set-Cookie')!);
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/api');
    expect(attrs).not.toContain('secure');
  });

  it('is Secure when SECURE_COOKIES is on, and so is the cookie that logs out', async () => {
    const { app, db } = fresh({ secureCookies: true });
    const res = await app.request('/api/auth/login', json(await addModerator(db)));
    const cookie = res.headers.get('Set-Cookie')!;
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure']));
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie.split(';')[0]! } });
    expect(attributes(out.headers.get('Set-Cookie')!)).toContain('secure');
  });

  it('is never readable by page script: no answer body echoes the session token', async () => {
    const { app, db } = fresh();
    const res = await app.request('/api/auth/login', json(await addModerator(db)));
    const token = res.headers.get('Set-Cookie')!.split(';')[0]!.split('=')[1]!;
    const cookie = `mapa_session=${token}`;
    expect(await res.text()).not.toContain(token);
    for (const path of ['/api/auth/me', '/api/moderation/queue']) {
      expect(await (await app.request(path, { headers: { Cookie: cookie } })).text()).not.toContain(token);
    }
  });
});
