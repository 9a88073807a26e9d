// Measurement 4: GET /api/points answered per second by the real server over 50,000 published rows, against a
// bare node:http server sending the same bytes from memory. Two queries: a street-level bbox around Kazimierz
// (what a viewport-limited client would ask) and the whole walk layer (what the app's client asks for today). Each
// twice: plain (no Accept-Encoding) and as a browser asks (`Accept-Encoding: br, gzip`), where the bare server
// sends the very brotli bytes the app sent, with the same Content-Encoding: both sides negotiate the same thing.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { HOST, PORTS, startNode } from './lib.ts';
import { compareLoads, type LoadResult } from './load.ts';

export const QUERIES = {
  bbox: '/api/points?layer=walk&bbox=19.935,50.045,19.955,50.058',
  all: '/api/points?layer=walk',
} as const;
type Query = keyof typeof QUERIES;
export const BROWSER_ENCODINGS = 'br, gzip';

export interface GetResult {
  query: Query;
  /** null: plain; 'br': what the app chose for `Accept-Encoding: br, gzip`. */
  encoding: string | null;
  features: number;
  /** Bytes on the wire per answer. */
  bytes: number;
  concurrency: number;
  app: LoadResult;
  bare: LoadResult;
}

/** One GET, raw: the body exactly as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; encoding: string | null; body: Buffer }>((resolve, reject) => {
    const req = request({ host: HOST, port: PORTS.app, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
          body: Buffer.concat(parts),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The app server must already run on PORTS.app over the seeded database. */
export async function measureGets(tmp: string, seconds: number): Promise<GetResult[]> {
  const routes: Record<string, { plain: string; encoded?: { encoding: string; file: string } }> = {};
  const shapes = new Map<Query, { features: number; plain: number; encoding: string | null; encoded: number }>();
  for (const [query, url] of Object.entries(QUERIES) as [Query, string][]) {
    const plain = await rawGet(url, {});
    if (plain.status !== 200) throw new Error(`GET ${url} answered ${plain.status}: ${plain.body.toString()}`);
    const features = (JSON.parse(plain.body.toString('utf8')) as { features: unknown[] }).features.length;
    if (features === 0) throw new Error(`GET ${url} returned no features: the seeded database is not being served`);
    const encoded = await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODINGS });
    const file = join(tmp, `get-${query}.json`);
    writeFileSync(file, plain.body);
    routes[url] = { plain: file };
    if (encoded.encoding) {
      writeFileSync(`${file}.${encoded.encoding}`, encoded.body);
      routes[url].encoded = { encoding: encoded.encoding, file: `${file}.${encoded.encoding}` };
    }
    shapes.set(query, { features, plain: plain.body.length, encoding: encoded.encoding, encoded: encoded.body.length });
  }
  const bare = await startNode(
    'scripts/bench/bare-json-server.ts',
    { PORT: String(PORTS.bareJson), BARE_ROUTES: JSON.stringify(routes) },
    `http://${HOST}:${PORTS.bareJson}/health`,
  );
  try {
    const out: GetResult[] = [];
    for (const query of Object.keys(QUERIES) as Query[]) {
      const shape = shapes.get(query)!;
      for (const compressed of [false, true]) {
        // The whole layer is ~20 MB plain and ~50 ms of socket writing per answer: one connection, no separate
        // warm-up (the bbox query ran the same code just before); the loop still waits for the answer in flight.
        const settings = query === 'all' ? { concurrency: 1, warmupSeconds: 0 } : { concurrency: 16 };
        const headers: Record<string, string> = compressed ? { 'Accept-Encoding': BROWSER_ENCODINGS } : {};
        const req = () => ({ method: 'GET' as const, path: QUERIES[query], headers });
        const [app, bareResult] = await compareLoads(
          { port: PORTS.app, next: req },
          { port: PORTS.bareJson, next: req },
          { seconds, ...settings },
        );
        out.push({
          query,
          encoding: compressed ? shape.encoding : null,
          features: shape.features,
          bytes: compressed ? shape.encoded : shape.plain,
          concurrency: settings.concurrency,
          app,
          bare: bareResult,
        });
      }
    }
    return out;
  } finally {
    await bare.stop();
  }
}
