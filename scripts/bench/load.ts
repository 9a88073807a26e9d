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

interface Options {
  seconds: number;
  concurrency: number;
  okStatus?: number;
  warmupSeconds?: number;
}

interface Sample {
  statuses: Map<number, number>;
  latencies: number[];
  bytes: number;
  elapsed: number;
  firstError?: string;
}

/** `concurrency` keep-alive connections to one port; `run(ms)` drives them for that long and returns what it saw. */
function loadRunner(port: number, next: (i: number) => LoadRequest, concurrency: number) {
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
  const run = async (ms: number): Promise<Sample> => {
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
    return { statuses, latencies, bytes, elapsed: (performance.now() - started) / 1000, firstError };
  };
  return { run, close: () => agent.destroy() };
}

function summary(samples: readonly Sample[], okStatus: number): LoadResult {
  const statuses = new Map<number, number>();
  for (const s of samples) for (const [k, n] of s.statuses) statuses.set(k, (statuses.get(k) ?? 0) + n);
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const elapsed = samples.reduce((t, s) => t + s.elapsed, 0);
  return {
    statuses,
    firstError: samples.find((s) => s.firstError)?.firstError,
    perSecond: (statuses.get(okStatus) ?? 0) / elapsed,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    bytes: samples.reduce((t, s) => t + s.bytes, 0),
  };
}

/**
 * `concurrency` keep-alive connections, each sending the next request as soon as the previous answer is read,
 * for `seconds`; then every loop stops by itself. A short warm-up first (JIT, connection set-up) is not counted.
 */
export async function loadTest(
  port: number,
  next: (i: number) => LoadRequest,
  { seconds, concurrency, okStatus = 200, warmupSeconds = 1 }: Options,
): Promise<LoadResult> {
  const runner = loadRunner(port, next, concurrency);
  try {
    if (warmupSeconds > 0) await runner.run(warmupSeconds * 1000);
    return summary([await runner.run(seconds * 1000)], okStatus);
  } finally {
    runner.close();
  }
}

/**
 * Two servers under the same load, taking turns: after a warm-up of each, `rounds` rounds of seconds/rounds on
 * one, then on the other. On a machine shared with other work the load changes from second to second; taking turns
 * lets both sides meet about the same load, where one 5-second run after the other would not.
 */
export async function compareLoads(
  a: { port: number; next: (i: number) => LoadRequest },
  b: { port: number; next: (i: number) => LoadRequest },
  { seconds, concurrency, okStatus = 200, warmupSeconds = 1, rounds = 5 }: Options & { rounds?: number },
): Promise<[LoadResult, LoadResult]> {
  const runners = [loadRunner(a.port, a.next, concurrency), loadRunner(b.port, b.next, concurrency)] as const;
  try {
    if (warmupSeconds > 0) for (const r of runners) await r.run(warmupSeconds * 1000);
    const samples: [Sample[], Sample[]] = [[], []];
    for (let i = 0; i < rounds; i++) {
      // Alternating which side goes first, so neither always follows the other's load.
      const order = i % 2 ? [1, 0] : [0, 1];
      for (const side of order) samples[side]!.push(await runners[side]!.run((seconds * 1000) / rounds));
    }
    return [summary(samples[0], okStatus), summary(samples[1], okStatus)];
  } finally {
    runners.forEach((r) => r.close());
  }
}

export const fmtStatuses = (m: Map<number, number>) => [...m].map(([s, n]) => `${s}×${n}`).join(' ');
