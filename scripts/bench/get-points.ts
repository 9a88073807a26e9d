// Measurement 4: GET /api/points answered per second by the real server over 50,000 published rows, against a
// bare node:http server sending the same bytes from memory. Two queries: a street-level bbox around Kazimierz
// (what a viewport-limited client would ask) and the whole walk layer (what the app's client asks for today).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, PORTS, startNode } from './lib.ts';
import { loadTest, type LoadResult } from './load.ts';

export const QUERIES = {
  bbox: '/api/points?layer=walk&bbox=19.935,50.045,19.955,50.058',
  all: '/api/points?layer=walk',
} as const;
type Query = keyof typeof QUERIES;

export interface GetResult {
  query: Query;
  features: number;
  bytes: number;
  concurrency: number;
  app: LoadResult;
  bare: LoadResult;
}

/** The app server must already run on PORTS.app over the seeded database. */
export async function measureGets(tmp: string, seconds: number): Promise<GetResult[]> {
  const routes: Record<string, string> = {};
  const shapes = new Map<Query, { features: number; bytes: number }>();
  for (const [query, url] of Object.entries(QUERIES) as [Query, string][]) {
    const res = await fetch(`http://${HOST}:${PORTS.app}${url}`);
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const features = (JSON.parse(bytes.toString('utf8')) as { features: unknown[] }).features.length;
    if (features === 0) throw new Error(`GET ${url} returned no features: the seeded database is not being served`);
    const file = join(tmp, `get-${query}.json`);
    writeFileSync(file, bytes);
    routes[url] = file;
    shapes.set(query, { features, bytes: bytes.length });
  }
  const bare = await startNode(
    'scripts/bench/bare-json-server.ts',
    { PORT: String(PORTS.bareJson), BARE_ROUTES: JSON.stringify(routes) },
    `http://${HOST}:${PORTS.bareJson}/health`,
  );
  try {
    const out: GetResult[] = [];
    for (const query of Object.keys(QUERIES) as Query[]) {
      // The whole layer is ~20 MB and seconds of work per answer: one at a time, no separate warm-up (the bbox
      // query ran the same code just before); the loop still waits for the answer in flight when time is up.
      const settings = query === 'all' ? { concurrency: 1, warmupSeconds: 0 } : { concurrency: 16 };
      const req = () => ({ method: 'GET' as const, path: QUERIES[query] });
      const app = await loadTest(PORTS.app, req, { seconds, ...settings });
      const bareResult = await loadTest(PORTS.bareJson, req, { seconds, ...settings });
      const concurrency = settings.concurrency;
      out.push({ query, ...shapes.get(query)!, concurrency, app, bare: bareResult });
    }
    return out;
  } finally {
    await bare.stop();
  }
}
