import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startCluster } from '../../scripts/pg/cluster.mjs';

interface Cluster {
  adminUrl: string;
  /** A database with PostGIS and nothing else, nobody connected: CREATE DATABASE copies it. */
  template: string;
  stop: () => void;
}

let cluster: Promise<Cluster> | undefined;

/**
 * The PostgreSQL the tests use: the one `npm test` started for the whole run (PG_ADMIN_URL, PG_TEMPLATE), or else a
 * throw-away one for this test file alone (a few seconds), stopped when the file's workers exit.
 */
function testCluster(): Promise<Cluster> {
  cluster ??= (async () => {
    if (process.env.PG_ADMIN_URL && process.env.PG_TEMPLATE) {
      return { adminUrl: process.env.PG_ADMIN_URL, template: process.env.PG_TEMPLATE, stop: () => undefined };
    }
    const started = await startCluster({ database: 'mapa_template' });
    process.once('exit', () => started.stop());
    return { adminUrl: started.adminUrl, template: 'mapa_template', stop: started.stop };
  })();
  return cluster;
}

/**
 * A new, empty database (PostGIS installed, no tables) for one test or one test file, or a copy of the database
 * `from` (nobody may be connected to it); `drop` removes it. Copying a template takes a fraction of a second, so
 * nothing is ever shared between tests.
 */
export async function freshPostgresDatabase(
  from?: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const { adminUrl, template: base } = await testCluster();
  const template = from ?? base;
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
