// Shared pieces of `npm run bench`: paths, ports, seeded points, child servers and a static server
// (browser.ts: the browser; load.ts: the HTTP load loop). Loopback only; every loop stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { KRAKOW_BBOX } from '../../src/common/geo/bounds.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const HOST = '127.0.0.1';
/** Our own port range (BENCH_PORT, default 4310, and the next three), away from other developers' test runs. */
const BASE = Number(process.env.BENCH_PORT ?? 4310);
if (!Number.isInteger(BASE) || BASE < 1024 || BASE > 65_530)
  throw new Error(`BENCH_PORT must be a free port, got ${BASE}`);
export const PORTS = { app: BASE, static: BASE + 1, bareJson: BASE + 2, bareSqlite: BASE + 3 } as const;

/** How many points measurements 3 and 4 use ("50,000 pins"). */
export const PIN_COUNT = 50_000;

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) throw new RangeError('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a tiny seeded generator, so every run (and both sides of a comparison) gets the same points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** PIN_COUNT [lng, lat] pairs, uniform inside Kraków's bbox, rounded like a phone's GPS fix (~1 m). */
export function krakowPoints(count = PIN_COUNT, seed = 7): [number, number][] {
  const rnd = seeded(seed);
  const [w, s, e, n] = KRAKOW_BBOX;
  const r6 = (x: number) => Math.round(x * 1e5) / 1e5;
  return Array.from({ length: count }, () => [r6(w + rnd() * (e - w)), r6(s + rnd() * (n - s))]);
}

/** Newest modification time under the given paths (same rule as scripts/build-if-needed.mjs). */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => visit(join(ROOT, p)));
  return newest;
}

// ——— child processes ———

const children = new Set<ChildProcess>();
/** A crash of the bench must not leave servers holding our ports. */
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export interface Child {
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <file>` (one process, so the numbers are about it alone) and waits for `healthUrl`. */
export async function startNode(file: string, env: NodeJS.ProcessEnv, healthUrl: string): Promise<Child> {
  // Someone else's server on our port would be measured instead of ours, silently.
  const taken = await fetch(healthUrl).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`${new URL(healthUrl).host} is already in use: set BENCH_PORT to a free range of four`);
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": to see where a server's time goes.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...extra, '--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(proc);
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const until = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${file} exited (${proc.exitCode}) before answering:\n${stderr}`);
    const ok = await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      proc.kill('SIGKILL');
      throw new Error(`${file} did not answer ${healthUrl} within 60 s:\n${stderr}`);
    }
    await sleep(100);
  }
  return {
    proc,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      // Bounded: a server that ignores SIGTERM for 10 s is killed.
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      children.delete(proc);
    },
  };
}

/** The real server (src/server/index.ts) on PORTS.app: offline basemap, our own build and data directory. */
export function startAppServer(dataDir: string, staticDir: string): Promise<Child> {
  return startNode(
    'src/server/index.ts',
    {
      PORT: String(PORTS.app),
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      BASEMAP_STYLE_URL: 'offline',
      // Every request comes from 127.0.0.1: the per-address abuse limits would measure themselves instead.
      RATE_LIMIT_WRITES: '1000000000',
      RATE_LIMIT_VOTES: '1000000000',
    },
    `http://${HOST}:${PORTS.app}/api/health`,
  );
}

// ——— a tiny static server for the bare pages ———

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.png': 'image/png',
};

/**
 * Serves `mounts` (URL prefix → folder or file) on PORTS.static, gzip-compressed when asked, as the app's own server
 * compresses its files, so both sides of a comparison pay a like transfer. Paths outside a mount are refused.
 * Paths under `/api/tiles/` are passed to the app server on PORTS.app as they are (a bare page drawing its tiles).
 */
export function startStaticServer(mounts: Record<string, string>): Promise<Server> {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/tiles/')) {
      const upstream = request({ host: HOST, port: PORTS.app, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      return void upstream.end();
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = entries.find(
      ([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
    );
    if (!mount) return void res.writeHead(404).end();
    const [prefix, target] = mount;
    const file = path === prefix ? target : normalize(join(target, path.slice(prefix.length)));
    if (file !== target && !file.startsWith(target + sep)) return void res.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && /text|javascript|json/.test(type);
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    res.end(gzip ? gzipSync(readFileSync(file)) : readFileSync(file));
  });
  return new Promise((r) => server.listen(PORTS.static, HOST, () => r(server)));
}
