// One bounded HTTP load loop for `npm run bench` (measurements 4 and 5): keep-alive connections on loopback.
import { Agent, request } from 'node:http';
import { HOST } from './lib.ts';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Answers per status code; 0 counts requests that got no answer (reset, timeout), see `firstError`. */
  statuses: Map<number, number>;
  firstError?: string;
  /** Answers with `okStatus` per second of wall time. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
}

/**
 * `concurrency` keep-alive connections, each sending the next request as soon as the previous answer is read,
 * for `seconds`; then every loop stops by itself. A short warm-up first (JIT, connection set-up) is not counted.
 */
export async function loadTest(
  port: number,
  next: (i: number) => LoadRequest,
  {
    seconds,
    concurrency,
    okStatus = 200,
    warmupSeconds = 1,
  }: { seconds: number; concurrency: number; okStatus?: number; warmupSeconds?: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let counter = 0;
  const once = (r: LoadRequest) =>
    new Promise<{ status: number; bytes: number }>((resolvePromise, reject) => {
      const req = request(
        {
          host: HOST,
          port,
          method: r.method,
          path: r.path,
          agent,
          headers: { ...r.headers, ...(r.body ? { 'Content-Length': Buffer.byteLength(r.body) } : {}) },
        },
        (res) => {
          let bytes = 0;
          res.on('data', (d: Buffer) => (bytes += d.length));
          res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, bytes }));
          res.on('error', reject);
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error(`no answer from :${port}${r.path} within 120 s`)));
      req.on('error', reject);
      req.end(r.body);
    });
  const run = async (ms: number) => {
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let bytes = 0;
    let firstError: string | undefined;
    const started = performance.now();
    const end = started + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          // A failed request is an answer too (status 0): counted and named in the report, never retried.
          const { status, bytes: b } = await once(next(counter++)).catch((e: Error) => {
            firstError ??= e.message;
            return { status: 0, bytes: 0 };
          });
          latencies.push(performance.now() - t);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          bytes += b;
        }
      }),
    );
    // Requests still in flight at `end` are waited for and counted, so elapsed includes them.
    const elapsed = (performance.now() - started) / 1000;
    return { statuses, latencies, bytes, elapsed, firstError };
  };
  try {
    if (warmupSeconds > 0) await run(warmupSeconds * 1000);
    const { statuses, latencies, bytes, elapsed, firstError } = await run(seconds * 1000);
    const sorted = latencies.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    return {
      statuses,
      firstError,
      perSecond: (statuses.get(okStatus) ?? 0) / elapsed,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      bytes,
    };
  } finally {
    agent.destroy();
  }
}

export const fmtStatuses = (m: Map<number, number>) => [...m].map(([s, n]) => `${s}×${n}`).join(' ');
