import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { openDb } from '../../src/server/db/open.ts';
import { bearer, createPoint, fresh, json, moderatorCookie, walkBody } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An app over a real database file in its own directory (the write probe needs a directory to write in). */
function onDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'mapa-health-'));
  dirs.push(dir);
  const db = openDb(join(dir, 'mapa.sqlite'));
  return { dir, db, app: createApp(db, { basemapStyleUrl: null }) };
}

describe('GET /api/health', () => {
  it('answers ok when the database can be read and written, leaving no probe file behind', async () => {
    const { dir, app } = onDisk();
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(readdirSync(dir).filter((f) => f.includes('probe'))).toEqual([]);
  });

  it('answers 503 when the database refuses writes, as contributions then fail', async () => {
    const { db, app } = onDisk();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    db.pragma('query_only = ON'); // SQLite's own refusal: "attempt to write a readonly database"
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect((await res.json()).ok).toBe(false);
    expect(log.mock.calls.flat().join(' ')).toMatch(/readonly/);
    expect((await app.request('/api/points', json(walkBody()))).status).toBeGreaterThanOrEqual(500);
  });

  it('answers 503 when nothing can be written in the data directory, without naming it to the public', async () => {
    const { dir, app } = onDisk();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The directory (its disk, its mount) is gone under the running server.
    rmSync(dir, { recursive: true, force: true });
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).not.toContain(dir);
    expect(log.mock.calls.flat().join(' ')).toContain(dir);
  });
});

/** A body whose stream breaks after its first bytes, as when the client hangs up mid-upload. */
function cutOff(first: Uint8Array | string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(typeof first === 'string' ? new TextEncoder().encode(first) : first);
      controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    },
  });
}

describe('a request body cut off before its end', () => {
  it('is a 400 on every kind of write, never a logged 500', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id, editToken } = await createPoint(app, walkBody());
    const log = vi.spyOn(console, 'error');
    const half = JSON.stringify(walkBody()).slice(0, 30);
    const cases: [string, string, Record<string, string>, Uint8Array | string][] = [
      ['POST', '/api/points', {}, half],
      ['PATCH', `/api/points/${id}`, bearer(editToken), half],
      ['POST', `/api/moderation/points/${id}/reject`, { Cookie: cookie }, '{"reason":"nie'],
      [
        'PUT',
        `/api/points/${id}/photo`,
        { ...bearer(editToken), 'Content-Type': 'image/jpeg' },
        new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
      ],
    ];
    for (const [method, path, headers, first] of cases) {
      const res = await app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: cutOff(first),
        duplex: 'half',
      } as RequestInit);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await res.json()).error).toBeTruthy();
    }
    expect(log).not.toHaveBeenCalled();
  });
});
