// Measurement 5: POST /api/points accepted (201) per second with durable writes — the real server (WAL +
// synchronous=FULL, each point with its audit entry and idempotency record, batched by the group commit) against a bare
// node:http + better-sqlite3 server with the same pragmas doing one INSERT per request.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HOST, krakowPoints, PORTS, startNode } from './lib.ts';
import { loadTest, type LoadRequest, type LoadResult } from './load.ts';

export const POST_CONCURRENCY = 16;

export interface PostResult {
  app: LoadResult;
  bare: LoadResult;
}

const THEMES = ['zielen', 'architektura', 'ruch', 'czystosc', 'dostepnosc'];
const positions = krakowPoints(10_000, 11);

/** A valid walk pin as the app's form sends it (tests/api/helpers.ts walkBody), with its own Idempotency-Key. */
export function walkPost(i: number): LoadRequest {
  const [lng, lat] = positions[i % positions.length]!;
  return {
    method: 'POST',
    path: '/api/points',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${randomUUID()}` },
    body: JSON.stringify({
      layer: 'walk',
      lng,
      lat,
      kind: i % 2 ? 'keep' : 'change',
      theme: THEMES[i % THEMES.length],
      title: `Ławka przy skwerze nr ${i}`,
      description: 'Przydałby się cień i kosz na śmieci.',
      consent: true,
    }),
  };
}

/** The app server must already run on PORTS.app. */
export async function measurePosts(tmp: string, seconds: number): Promise<PostResult> {
  const app = await loadTest(PORTS.app, walkPost, { seconds, concurrency: POST_CONCURRENCY, okStatus: 201 });
  const bareServer = await startNode(
    'scripts/bench/bare-sqlite-server.ts',
    { PORT: String(PORTS.bareSqlite), DATA_DIR: join(tmp, 'bare-sqlite') },
    `http://${HOST}:${PORTS.bareSqlite}/health`,
  );
  try {
    const bare = await loadTest(PORTS.bareSqlite, walkPost, { seconds, concurrency: POST_CONCURRENCY, okStatus: 201 });
    return { app, bare };
  } finally {
    await bareServer.stop();
  }
}
