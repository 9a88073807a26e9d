import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { migratePostgres, openPostgres, type PgPool } from '../../../src/server/db/pg/open.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

const MIGRATIONS = readdirSync(new URL('../../../src/server/db/migrations-pg/', import.meta.url)).filter((f) =>
  /^\d{3}_.+\.sql$/.test(f),
);

let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let pool: PgPool;
beforeAll(async () => {
  db = await freshPostgresDatabase();
  pool = await openPostgres(db.url);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const now = '2026-12-01T10:00:00.123Z';
async function insertPoint(id: string, status = 'published', lng = 19.9447, lat = 50.0514) {
  await pool.query(
    `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, data, edit_token_hash, created_at, updated_at)
     VALUES ($1, 'walk', $2, $3, $4, $3, $4, $5, 'h', $6, $6)`,
    [id, status, lng, lat, { title: 'Skwer' }, now],
  );
}

describe('the PostgreSQL schema', () => {
  it('applies every numbered migration once, and none again on the next start', async () => {
    const { rows } = await pool.query('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.sort());
    expect(await migratePostgres(pool)).toBe(0);
  });

  it('lets two instances starting together on an empty database migrate it exactly once', async () => {
    const other = await freshPostgresDatabase();
    try {
      const pools = await Promise.all([openPostgres(other.url), openPostgres(other.url)]);
      const { rows } = await pools[0]!.query('SELECT count(*) AS n FROM schema_migrations');
      expect(rows[0].n).toBe(MIGRATIONS.length);
      await Promise.all(pools.map((p) => p.end()));
    } finally {
      await other.drop();
    }
  });

  it('returns instants as the same ISO-8601 text the SQLite engine stores, and JSON as objects', async () => {
    await insertPoint('iso');
    const { rows } = await pool.query(`SELECT created_at, data FROM points WHERE id = 'iso'`);
    expect(rows[0]).toEqual({ created_at: now, data: { title: 'Skwer' } });
  });

  it('derives the PostGIS position from the coordinates, and a box query can use its GiST index', async () => {
    await insertPoint('geo', 'published', 19.95, 50.05);
    const inBox = await pool.query(
      `SELECT id FROM points WHERE status = 'published' AND public_position && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
      [19.94, 50.04, 19.96, 50.06],
    );
    expect(inBox.rows.map((r) => r.id)).toContain('geo');
    const client = await pool.connect();
    try {
      // A handful of rows makes a sequential scan cheapest; forbidding it shows which index the query can use.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(
        `EXPLAIN SELECT id FROM points WHERE layer = 'walk' AND status = 'published'
         AND public_position && ST_MakeEnvelope(19.94, 50.04, 19.96, 50.06, 4326)`,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/points_public_position/);
    } finally {
      client.release();
    }
  });

  it('keeps one vote per device however many arrive at once (ON CONFLICT on the key)', async () => {
    await insertPoint('voted');
    const vote = () =>
      pool.query(
        `INSERT INTO votes (point_id, device_hash, created_at) VALUES ('voted', 'd1', now()) ON CONFLICT DO NOTHING`,
      );
    const results = await Promise.all(Array.from({ length: 8 }, vote));
    expect(results.reduce((n, r) => n + (r.rowCount ?? 0), 0)).toBe(1);
    const { rows } = await pool.query(`SELECT count(*) AS n FROM votes WHERE point_id = 'voted'`);
    expect(rows[0].n).toBe(1);
  });

  it('moves the public data version on changes the public can see, and not on a pending pin', async () => {
    const version = async () => (await pool.query('SELECT max(version) AS v FROM point_changes')).rows[0].v ?? 0;
    const before = await version();
    await insertPoint('pending', 'pending');
    await pool.query(`UPDATE points SET data = '{"title":"x"}' WHERE id = 'pending'`);
    expect(await version()).toBe(before);
    await pool.query(`UPDATE points SET status = 'published' WHERE id = 'pending'`);
    const published = await version();
    expect(published).toBeGreaterThan(before);
    await pool.query(`INSERT INTO votes (point_id, device_hash, created_at) VALUES ('pending', 'd2', now())`);
    expect(await version()).toBeGreaterThan(published);
    const voted = await version();
    await pool.query(`DELETE FROM points WHERE id = 'pending'`);
    expect(await version()).toBeGreaterThan(voted);
  });

  it('refuses an activity that ends before it starts, as SQLite does', async () => {
    await expect(
      pool.query(
        `INSERT INTO activities (id, subarea, start_utc, end_utc, data, created_at, updated_at)
         VALUES ('a', 'kazimierz-stradom', $1, $1, '{}', now(), now())`,
        [now],
      ),
    ).rejects.toThrow(/activities_check/);
  });
});
