import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, PROJECT_ROOT } from '../../src/server/app.ts';
import { openDb, type Db } from '../../src/server/db/open.ts';
import { openPostgres, type PgPool } from '../../src/server/db/pg/open.ts';
import { pgStore } from '../../src/server/db/pg/store.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';
import { fill } from './filled-db.ts';
import { json, TEST_PASSWORD } from './helpers.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'mapa-db-copy-'));
const file = join(dir, 'mapa.sqlite');
const copy = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/server/cli/db-copy.ts', ...args], { cwd: PROJECT_ROOT });

let target: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let pool: PgPool;
let sqlite: Db;
beforeAll(async () => {
  sqlite = openDb(file);
  await fill(createApp(sqlite, { basemapStyleUrl: null }), sqlite);
  target = await freshPostgresDatabase();
});
afterAll(async () => {
  sqlite?.close();
  await pool?.end();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const TABLES = [
  'moderators',
  'points',
  'idempotency',
  'sessions',
  'audit_log',
  'votes',
  'photos',
  'walk_sessions',
  'ambassador_cards',
  'contact_requests',
  'staff_audit',
  'activities',
  'activity_audit',
  'point_changes',
];

/** Public and staff answers that read every kind of row the copy carries. */
const ANSWERS = [
  '/api/points?layer=walk',
  '/api/points?layer=help',
  '/api/points/changes?since=0',
  '/api/subareas',
  '/api/stats',
  '/api/activities',
  '/api/moderation/queue',
];

describe('npm run db:copy', () => {
  it('copies every row of an SQLite database into an empty PostgreSQL one, values unchanged', async () => {
    const { stdout } = await copy('--from', file, '--to', target.url);
    expect(stdout).toContain('Copied');
    pool = await openPostgres(target.url);
    for (const table of TABLES) {
      const here = sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(here, `${table} is filled by fill()`).toBeGreaterThan(0);
      const there = await pool.query(`SELECT count(*) AS n FROM ${table}`);
      expect(there.rows[0].n, table).toBe(here);
    }
    const points = sqlite.prepare('SELECT id, status, lng, lat, data, created_at FROM points ORDER BY id').all() as {
      data: string;
    }[];
    const copied = await pool.query('SELECT id, status, lng, lat, data, created_at FROM points ORDER BY id');
    expect(copied.rows).toEqual(points.map((p) => ({ ...p, data: JSON.parse(p.data) })));
    const photo = sqlite.prepare('SELECT bytes FROM photos').pluck().get() as Buffer;
    expect((await pool.query('SELECT bytes FROM photos')).rows[0].bytes.equals(photo)).toBe(true);
    expect((await pool.query('SELECT closed FROM walk_sessions')).rows[0].closed).toBe(true);
  });

  it('continues the public data version and the ids where SQLite left them', async () => {
    const version = sqlite.prepare('SELECT max(version) FROM point_changes').pluck().get() as number;
    expect((await pool.query('SELECT max(version) AS v FROM point_changes')).rows[0].v).toBe(version);
    await pool.query(`UPDATE points SET data = data || '{"title":"Nowy"}' WHERE status = 'published'`);
    expect(
      (await pool.query('SELECT min(version) AS v FROM point_changes WHERE version > $1', [version])).rows[0].v,
    ).toBe(version + 1);
    const { rows } = await pool.query(
      `INSERT INTO staff_audit (at, actor, action, subject) VALUES (now(), 'x', 'y', 'z') RETURNING id`,
    );
    expect(rows[0].id).toBe((sqlite.prepare('SELECT max(id) FROM staff_audit').pluck().get() as number) + 1);
  });

  it('the app on the copy answers public and staff requests as it did on SQLite', async () => {
    // A second copy, untouched by the test above, so both apps hold the same data.
    const second = await freshPostgresDatabase();
    try {
      await copy('--from', file, '--to', second.url);
      const store = pgStore(openPostgres(second.url));
      // One clock for both: answers such as /api/stats say when they were made.
      const at = new Date();
      const options = { basemapStyleUrl: null, now: () => at };
      const apps = [createApp(sqlite, options), createApp(store, options)];
      try {
        const cookies = await Promise.all(
          apps.map(async (app) => {
            const res = await app.request('/api/auth/login', json({ login: 'ola', password: TEST_PASSWORD }));
            return res.headers.get('Set-Cookie')!.split(';')[0]!;
          }),
        );
        for (const path of ANSWERS) {
          const [here, there] = await Promise.all(
            apps.map(async (app, i) => {
              const res = await app.request(path, { headers: { Cookie: cookies[i]! } });
              return { status: res.status, body: await res.text() };
            }),
          );
          expect(here?.status, path).toBe(200);
          expect(there, path).toEqual(here);
        }
      } finally {
        await store.close();
      }
    } finally {
      await second.drop();
    }
  });

  it('refuses to copy into a database that already holds data, and leaves it as it was', async () => {
    const before = (await pool.query('SELECT count(*) AS n FROM points')).rows[0].n;
    await expect(copy('--from', file, '--to', target.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already holds'),
    });
    expect((await pool.query('SELECT count(*) AS n FROM points')).rows[0].n).toBe(before);
  });

  it('names the missing SQLite file instead of copying an empty database', async () => {
    const missing = join(dir, 'nowhere.sqlite');
    await expect(copy('--from', missing, '--to', target.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(missing),
    });
  });
});
