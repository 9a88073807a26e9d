// Measurement 9: POST /api/points accepted (201) per second on PostgreSQL — the real server with DATABASE_URL (each
// point with its audit entry and idempotency record in one transaction, durable: synchronous_commit on) against a
// bare node:http + node-postgres server doing one INSERT per request, both on one throw-away cluster with fsync on.
import pg from 'pg';
import { startCluster } from '../pg/cluster.mjs';
import { HOST, PORTS, startNode } from './lib.ts';
import { loadTest } from './load.ts';
import { POST_CONCURRENCY, walkPost, type PostResult } from './post-points.ts';

export async function measurePgPosts(staticDir: string, seconds: number): Promise<PostResult> {
  // durable: fsync and full_page_writes on, unlike the tests' cluster.
  const cluster = await startCluster({ database: 'mapa_bench', durable: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bare_bench');
    await admin.end();
    const bareUrl = new URL(cluster.adminUrl);
    bareUrl.pathname = '/bare_bench';

    const app = await startNode(
      'src/server/index.ts',
      {
        PORT: String(PORTS.app),
        DATABASE_URL: cluster.url,
        STATIC_DIR: staticDir,
        BASEMAP_STYLE_URL: 'offline',
        RATE_LIMIT_WRITES: '1000000000',
      },
      `http://${HOST}:${PORTS.app}/api/health`,
    );
    let appResult;
    try {
      appResult = await loadTest(PORTS.app, walkPost, { seconds, concurrency: POST_CONCURRENCY, okStatus: 201 });
    } finally {
      await app.stop();
    }
    const bare = await startNode(
      'scripts/bench/bare-pg-server.ts',
      { PORT: String(PORTS.bareSqlite), DATABASE_URL: bareUrl.toString() },
      `http://${HOST}:${PORTS.bareSqlite}/health`,
    );
    try {
      const bareResult = await loadTest(PORTS.bareSqlite, walkPost, {
        seconds,
        concurrency: POST_CONCURRENCY,
        okStatus: 201,
      });
      return { app: appResult, bare: bareResult };
    } finally {
      await bare.stop();
    }
  } finally {
    cluster.stop();
  }
}
