// Measurement 10: an approval on one app instance reaching a live-stream client of another instance, both on one
// PostgreSQL (LISTEN/NOTIFY). Timed from sending the moderator's approve request to instance A until the "published"
// event arrives on a Server-Sent Events connection to instance B; the same approval's event on A's own stream is
// timed too. Baseline: the floor of that path, a bare node-postgres client's NOTIFY heard by another connection's
// LISTEN on the same cluster. Each of FANOUT_ROUNDS approvals one after another, pins created beforehand.
import pg from 'pg';
import { startCluster } from '../pg/cluster.mjs';
import { hashPassword } from '../../src/server/crypto.ts';
import { openPostgres } from '../../src/server/db/pg/open.ts';
import { pgStore } from '../../src/server/db/pg/store.ts';
import { HOST, PORTS, startNode } from './lib.ts';

export const FANOUT_ROUNDS = 30;
const PASSWORD = 'bench moderator password';
/** One event must come within this, or the measurement stops: a lost event is a failure, not a slow figure. */
const EVENT_BOUND_MS = 10_000;

export interface FanoutResult {
  /** Milliseconds per approval: to B's stream, to A's own stream, and the bare NOTIFY → LISTEN. */
  otherInstance: number[];
  sameInstance: number[];
  bare: number[];
}

export const p95 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

export async function measureFanout(staticDir: string): Promise<FanoutResult> {
  const cluster = await startCluster({ database: 'mapa_fanout', durable: true });
  try {
    const store = pgStore(await openPostgres(cluster.url));
    await store.auth.upsertAccount(
      { login: 'bench', passwordHash: await hashPassword(PASSWORD), role: 'moderator', subarea: null, email: null },
      new Date().toISOString(),
    );
    await store.close();
    const instance = (port: number) =>
      startNode(
        'src/server/index.ts',
        {
          PORT: String(port),
          DATABASE_URL: cluster.url,
          STATIC_DIR: staticDir,
          BASEMAP_STYLE_URL: 'offline',
          RATE_LIMIT_WRITES: '1000000000',
        },
        `http://${HOST}:${port}/api/health`,
      );
    const [a, b] = await Promise.all([instance(PORTS.app), instance(PORTS.static)]);
    try {
      const A = `http://${HOST}:${PORTS.app}`;
      const B = `http://${HOST}:${PORTS.static}`;
      const [onA, onB] = await Promise.all([listen(A), listen(B)]);
      try {
        const cookie = await login(A);
        const ids: string[] = [];
        for (let i = 0; i < FANOUT_ROUNDS; i++) ids.push(await createPin(A, i));
        const otherInstance: number[] = [];
        const sameInstance: number[] = [];
        for (const id of ids) {
          const sent = performance.now();
          const res = await post(A, `/api/moderation/points/${id}/approve`, {}, { Cookie: cookie });
          if (res.status !== 200) throw new Error(`approve answered ${res.status}: ${await res.text()}`);
          const [atB, atA] = await Promise.all([onB.published(id), onA.published(id)]);
          otherInstance.push(atB - sent);
          sameInstance.push(atA - sent);
        }
        return { otherInstance, sameInstance, bare: await bareNotify(cluster.url) };
      } finally {
        onA.close();
        onB.close();
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    cluster.stop();
  }
}

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function login(base: string): Promise<string> {
  const res = await post(base, '/api/auth/login', { login: 'bench', password: PASSWORD });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0]!;
}

async function createPin(base: string, i: number): Promise<string> {
  const res = await post(base, '/api/points', {
    layer: 'walk',
    lng: 19.9447 + i * 0.0001,
    lat: 50.0514,
    kind: 'keep',
    theme: 'zielen',
    title: `Pinezka ${i}`,
    consent: true,
  });
  if (res.status !== 201) throw new Error(`POST /api/points answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A live-stream client: `published(id)` resolves with when that point's "published" event arrived. */
async function listen(base: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  let buffer = '';
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const at = performance.now();
      buffer += value;
      if (buffer.includes(': connected')) connected();
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: published$/m.test(block)) {
          const id = (JSON.parse(/^data: (.+)$/m.exec(block)![1]!) as { id: string }).id;
          arrived.set(id, at);
          waiting.get(id)?.(at);
        }
      }
    }
  })();
  await ready;
  return {
    published: (id: string) =>
      new Promise<number>((resolve, reject) => {
        const seen = arrived.get(id);
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no event for ${id} from ${base}`)), EVENT_BOUND_MS);
        waiting.set(id, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    close: () => abort.abort(),
  };
}

/** NOTIFY on one connection, heard by LISTEN on another: FANOUT_ROUNDS times, one after another. */
async function bareNotify(url: string): Promise<number[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await Promise.all([listener.connect(), sender.connect()]);
  try {
    await listener.query('LISTEN bench_fanout');
    const times: number[] = [];
    for (let i = 0; i < FANOUT_ROUNDS; i++) {
      const heard = new Promise<number>((resolve) => listener.once('notification', () => resolve(performance.now())));
      const sent = performance.now();
      await sender.query("SELECT pg_notify('bench_fanout', $1)", [String(i)]);
      times.push((await heard) - sent);
    }
    return times;
  } finally {
    await Promise.all([listener.end(), sender.end()]);
  }
}
