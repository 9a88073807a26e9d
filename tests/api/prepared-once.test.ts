import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { importAddresses } from '../../src/server/geocode/import.ts';
import { GeocodeAnswer } from '../../src/common/geocode.ts';
import { prgGml } from '../support/prg-fixture.ts';
import type { Db } from '../../src/server/db/open.ts';
import { sqliteStore } from '../../src/server/db/store.ts';
import { POINT_SQL } from '../../src/server/db/points.ts';
import { openDb } from '../../src/server/db/open.ts';
import { activityBody } from './activity-helpers.ts';
import {
  accountCookie,
  bearer,
  contactBody,
  helpBody,
  json,
  moderatorCookie,
  walkBody,
  type TestApp,
} from './helpers.ts';

/** Records every SQL text handed to the connection from now on: prepare, exec and pragma (which prepares too). */
function recordSql(db: Db): string[] {
  const seen: string[] = [];
  for (const name of ['prepare', 'exec', 'pragma'] as const) {
    const original = db[name].bind(db) as (...args: unknown[]) => unknown;
    (db as unknown as Record<string, unknown>)[name] = (sql: string, ...rest: unknown[]) => {
      seen.push(`${name}: ${sql}`);
      return original(sql, ...rest);
    };
  }
  return seen;
}

/** A day of use through the HTTP API: every status must be a success, so no step silently tests nothing. */
async function aDayOfUse(app: TestApp, moderator: string, admin: string) {
  const ok = async (res: Response | Promise<Response>) => {
    const r = await res;
    if (r.status >= 400) throw new Error(`${r.status}: ${await r.text()}`);
    return r.json().catch(() => null) as Promise<Record<string, unknown> | null>;
  };
  const mod = { Cookie: moderator };
  const key = { 'Idempotency-Key': 'prepared-once-key-0001' };
  const walk = (await ok(app.request('/api/points', json(walkBody(), key)))) as { id: string; editToken: string };
  await ok(app.request('/api/points', json(walkBody(), key)));
  const help = (await ok(
    app.request('/api/points', json(helpBody({ helperType: 'person', kinds: ['zakupy'], contact: undefined }))),
  )) as { id: string; editToken: string };
  await ok(app.request(`/api/points/${walk.id}`, { headers: bearer(walk.editToken) }));
  await ok(app.request('/api/moderation/queue', { headers: mod }));
  for (const id of [walk.id, help.id]) await ok(app.request(`/api/moderation/points/${id}/approve`, json({}, mod)));
  await ok(app.request(`/api/moderation/points/${walk.id}/history`, { headers: mod }));
  await ok(
    app.request(`/api/points/${walk.id}/votes`, {
      method: 'POST',
      headers: { 'X-Device-Id': 'device-aaaaaaaaaaaaaaaa' },
    }),
  );
  await ok(app.request('/api/points?layer=walk'));
  await ok(app.request('/api/points?layer=walk&bbox=19.9,50.0,20.0,50.1&subarea=kazimierz-stradom'));
  await ok(app.request('/api/points/changes?since=0'));
  await ok(app.request('/api/subareas'));
  await ok(app.request('/api/stats'));
  await ok(app.request(`/api/points/${help.id}/contact-requests`, json(contactBody())));
  await ok(app.request('/api/ambassador/requests', { headers: { Cookie: admin } }));
  const session = (await ok(
    app.request(
      '/api/sessions',
      json({ name: 'Spacer', subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'moderated' }, mod),
    ),
  )) as { code: string };
  await ok(app.request('/api/points', json(walkBody({ session: session.code }))));
  await ok(app.request(`/api/sessions/${session.code}`));
  await ok(app.request(`/api/sessions/${session.code}/pending`, { headers: mod }));
  await ok(app.request('/api/sessions', { headers: mod }));
  const activity = (await ok(app.request('/api/activities', json(activityBody(), { Cookie: admin })))) as {
    id: string;
  };
  await ok(app.request('/api/activities'));
  await ok(app.request(`/api/activities/${activity.id}/history`, { headers: { Cookie: admin } }));
  // A numbered address, so the register's street match and number lookup both run.
  const found = GeocodeAnswer.parse(await ok(app.request(`/api/geocode?q=${encodeURIComponent('Józefa 12a')}`)));
  if (!found.results.length) throw new Error('the address search found nothing: its statements did not run');
  await ok(app.request('/api/geocode/reverse?lng=19.94628&lat=50.05172'));
  await ok(app.request('/api/health'));
  await ok(app.request(`/api/points/${walk.id}`, { method: 'DELETE', headers: bearer(walk.editToken) }));
  await app.retention.run();
  await ok(app.request('/api/auth/logout', { method: 'POST', headers: mod }));
}

describe('SQLite statements', () => {
  it('are all prepared when the store is built: answering requests prepares none', async () => {
    // SQLite's own statements: built here, not by fresh(), which follows TEST_ENGINE.
    const db = openDb(':memory:');
    const app = createApp(db, { basemapStyleUrl: null });
    await app.ready;
    const moderator = await moderatorCookie(app, db);
    const admin = await accountCookie(app, db, 'ada', { role: 'admin' });
    const dir = mkdtempSync(join(tmpdir(), 'mapa-prepared-'));
    try {
      const seen = recordSql(db);
      writeFileSync(join(dir, 'prg.gml'), prgGml());
      await importAddresses(app.store.addresses, join(dir, 'prg.gml'));
      await aDayOfUse(app, moderator, admin);
      expect(seen).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('include the very SQL the query-plan test explains (db/points.ts POINT_SQL)', () => {
    const db = openDb(':memory:');
    try {
      const seen = recordSql(db);
      sqliteStore(db);
      for (const sql of Object.values(POINT_SQL)) expect(seen).toContain(`prepare: ${sql}`);
    } finally {
      db.close();
    }
  });
});
