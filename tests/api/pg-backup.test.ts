import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, PROJECT_ROOT } from '../../src/server/app.ts';
import { openDb } from '../../src/server/db/open.ts';
import { openPostgres } from '../../src/server/db/pg/open.ts';
import { copySqliteToPostgres } from '../../src/server/db/pg/copy.ts';
import { freshPostgresDatabase } from '../support/postgres.ts';
import { fill } from './filled-db.ts';

/** The backup and restore the README prescribes: `pg_dump --format=custom`, then `npm run db:restore`. */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'mapa-pg-backup-'));
const dump = join(dir, 'mapa.dump');
const restore = (...args: string[]) =>
  run(process.execPath, ['scripts/pg/restore.mjs', ...args], { cwd: PROJECT_ROOT });

type Database = Awaited<ReturnType<typeof freshPostgresDatabase>>;
const databases: Database[] = [];
const fresh = async () => {
  const d = await freshPostgresDatabase();
  databases.push(d);
  return d;
};
let source: Database;

beforeAll(async () => {
  const sqlite = openDb(':memory:');
  await fill(createApp(sqlite, { basemapStyleUrl: null }), sqlite);
  source = await fresh();
  const pool = await openPostgres(source.url);
  await copySqliteToPostgres(sqlite, pool);
  await pool.end();
  sqlite.close();
});
afterAll(async () => {
  for (const d of databases) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table of the app, as text: equal fingerprints mean equal contents. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const { rows } = await client.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h,
        count(*) AS n FROM ${t} x`);
      out[t] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL backups', () => {
  it('a pg_dump restored with npm run db:restore holds exactly what was backed up, and the app can migrate it', async () => {
    await run('pg_dump', ['--format=custom', '--file', dump, source.url]);
    const target = await fresh();
    const { stdout } = await restore(dump, target.url);
    expect(stdout).toMatch(/Restored .*: \d+ migrations, 3 points, 2 accounts/);
    const [before, after] = await Promise.all([fingerprint(source.url), fingerprint(target.url)]);
    expect(Object.keys(after)).toContain('points');
    expect(after).toEqual(before);
    const pool = await openPostgres(target.url);
    // New rows continue the restored counters: no key is handed out twice.
    const next = await pool.query(`INSERT INTO staff_audit (at, actor, action, subject) VALUES (now(), 'a', 'b', 'c')
      RETURNING id, (SELECT max(id) FROM staff_audit WHERE actor <> 'a') AS restored`);
    expect(next.rows[0].id).toBe(next.rows[0].restored + 1);
    await pool.end();
  });

  it('refuses to restore over a database that already has the app in it', async () => {
    await expect(restore(dump, source.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already has'),
    });
  });

  it('restores nothing from a broken backup and says so', async () => {
    const broken = join(dir, 'broken.dump');
    writeFileSync(broken, 'PGDMP not really a dump');
    const target = await fresh();
    await expect(restore(broken, target.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('nothing was restored'),
    });
    const pool = new pg.Client({ connectionString: target.url });
    await pool.connect();
    expect((await pool.query(`SELECT to_regclass('public.points') AS t`)).rows[0].t).toBeNull();
    await pool.end();
  });
});
