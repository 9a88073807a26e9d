import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { openDb } from '../../src/server/db/open.ts';
import { bearer, createPoint, helpBody, walkBody } from './helpers.ts';

describe('a database file', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps every point, edit token and idempotency replay after close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-'));
    dirs.push(dir);
    const file = join(dir, 'mapa.sqlite');
    let db = openDb(file);
    let app = createApp(db, { basemapStyleUrl: null });
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createPoint(app, walkBody({ title: `Punkt ${i}` })));
    created.push(await createPoint(app, helpBody(), { 'Idempotency-Key': 'key-0000000000000001' }));
    db.close();

    db = openDb(file);
    app = createApp(db, { basemapStyleUrl: null });
    for (const p of created) {
      const res = await app.request(`/api/points/${p.id}`, { headers: bearer(p.editToken) });
      expect(res.status).toBe(200);
      expect((await res.json()).id).toBe(p.id);
    }
    const replay = await createPoint(app, helpBody(), { 'Idempotency-Key': 'key-0000000000000001' });
    expect(replay).toEqual(created[5]);
    expect(db.prepare('SELECT COUNT(*) FROM points').pluck().get()).toBe(6);
    db.close();
  });
});
