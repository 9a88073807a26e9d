// `npm run test:durability`: every acknowledged point survives the server being killed mid-write.
//
// 1. Starts the real server (src/server/index.ts, one node process) on a loopback port with a throw-away DATA_DIR.
// 2. Sends SUBMISSIONS (default 1200) POST /api/points, CONCURRENCY (default 50) in flight, each with its own
//    Idempotency-Key, and SIGKILLs the server once KILL_AFTER (default half) of them have been acknowledged (201).
// 3. Restarts it on the same database and proves that every acknowledged point is there (GET with its edit token).
// 4. Sends every unacknowledged submission again with the same key and body, as the offline outbox would, and proves
//    each submission is stored exactly once (points in the database = submissions; no duplicates from the replays).
// Prints a summary; exits 1 when a point is lost or duplicated. Loopback only, bounded work.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 1200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const KILL_AFTER = Number(process.env.KILL_AFTER ?? Math.floor(SUBMISSIONS / 2));
const started = Date.now();

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'mapa-durability-'));
const dataDir = join(dir, 'data');
// index.ts refuses to start without a built app; the API is what is measured here, so a stub page will do.
const staticDir = join(dir, 'static');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>durability</title>');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  STATIC_DIR: staticDir,
  BASEMAP_STYLE_URL: 'offline',
  // Every submission comes from 127.0.0.1: lift the per-address write limit for this run only.
  RATE_LIMIT_WRITES: '1000000',
};

/** One node process (node --import tsx), not the tsx CLI: SIGKILL must hit the process that holds the database. */
function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.on('exit', (code, signal) => {
    if (!child.expectedExit) {
      console.error(`server exited unexpectedly (${code ?? signal})\n${stderr}`);
      process.exit(1);
    }
  });
  return child;
}

async function waitHealthy(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${base} did not become healthy within ${timeoutMs} ms`);
}

const THEMES = ['zielen', 'architektura', 'ruch', 'czystosc', 'dostepnosc'];
const submissions = Array.from({ length: SUBMISSIONS }, (_, i) => ({
  key: `durability-${randomUUID()}`,
  body: {
    layer: 'walk',
    lng: 19.94 + (i % 100) * 0.0001,
    lat: 50.05 + Math.floor(i / 100) * 0.0001,
    kind: i % 2 ? 'keep' : 'change',
    theme: THEMES[i % THEMES.length],
    title: `Punkt trwałości nr ${i}`,
    consent: true,
  },
  /** 'acked' (201 seen), 'failed' (no answer or an error: in doubt), or 'unsent'. */
  state: 'unsent',
  answer: null,
}));

const post = (s) =>
  fetch(`${base}/api/points`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': s.key },
    body: JSON.stringify(s.body),
    signal: AbortSignal.timeout(15_000),
  });

/** Runs `work` over `items` with at most CONCURRENCY in flight. */
async function pool(items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// ——— phase 1: load, then SIGKILL mid-way ———
let server = startServer();
await waitHealthy();
let acked = 0;
let killedAt = null;
const otherStatuses = new Map();
const t1 = Date.now();
await pool(submissions, async (s) => {
  try {
    const res = await post(s);
    if (res.status === 201) {
      s.answer = await res.json();
      s.state = 'acked';
      acked += 1;
      if (acked === KILL_AFTER && !killedAt) {
        killedAt = { acked, at: Date.now() - t1 };
        server.expectedExit = true;
        server.kill('SIGKILL');
      }
    } else {
      otherStatuses.set(res.status, (otherStatuses.get(res.status) ?? 0) + 1);
      s.state = 'failed';
      await res.body?.cancel();
    }
  } catch {
    s.state = 'failed';
  }
});
const phase1Ms = Date.now() - t1;
const ackedBeforeKill = submissions.filter((s) => s.state === 'acked');
const inDoubt = submissions.filter((s) => s.state !== 'acked');
if (!killedAt) {
  console.error(
    `the server was never killed: only ${acked} of ${SUBMISSIONS} acknowledged (statuses: ${[...otherStatuses]})`,
  );
  process.exit(1);
}
await new Promise((r) => (server.exitCode !== null || server.signalCode ? r() : server.once('exit', r)));

// ——— phase 2: restart, every acknowledged point must be there ———
const t2 = Date.now();
server = startServer();
await waitHealthy();
const restartMs = Date.now() - t2;
const lost = [];
await pool(ackedBeforeKill, async (s) => {
  const res = await fetch(`${base}/api/points/${s.answer.id}`, {
    headers: { Authorization: `Bearer ${s.answer.editToken}` },
  });
  const record = res.ok ? await res.json() : null;
  if (!record || record.id !== s.answer.id || record.title !== s.body.title)
    lost.push({ id: s.answer.id, status: res.status });
});

// ——— phase 3: the outbox sends the in-doubt ones again with the same key: each stored exactly once ———
let replayed = 0;
let createdOnRetry = 0;
const retryFailures = [];
await pool(inDoubt, async (s) => {
  const res = await post(s);
  if (res.status !== 201) {
    retryFailures.push({ key: s.key, status: res.status, body: await res.text() });
    return;
  }
  s.answer = await res.json();
  if (res.headers.get('Idempotent-Replayed') === 'true') replayed += 1;
  else createdOnRetry += 1;
});
server.expectedExit = true;
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

const db = new Database(join(dataDir, 'mapa.sqlite'), { readonly: true });
const stored = db
  .prepare("SELECT COUNT(*) FROM points WHERE json_extract(data, '$.title') LIKE 'Punkt trwałości nr %'")
  .pluck()
  .get();
const distinctTitles = db
  .prepare(
    "SELECT COUNT(DISTINCT json_extract(data, '$.title')) FROM points WHERE json_extract(data, '$.title') LIKE 'Punkt trwałości nr %'",
  )
  .pluck()
  .get();
db.close();
rmSync(dir, { recursive: true, force: true });

const ok = lost.length === 0 && retryFailures.length === 0 && stored === SUBMISSIONS && distinctTitles === SUBMISSIONS;
const rows = [
  ['submissions sent (each with an Idempotency-Key)', SUBMISSIONS],
  ['in flight at once', CONCURRENCY],
  ['acknowledged (201) before SIGKILL', ackedBeforeKill.length],
  ['SIGKILL after (ms of load)', killedAt.at],
  ['unanswered / refused at the kill (in doubt)', inDoubt.length],
  ['phase 1 load time (ms)', phase1Ms],
  ['restart until healthy (ms)', restartMs],
  ['acknowledged points missing after restart', lost.length],
  ['in-doubt resent: replayed (had been stored before the kill)', replayed],
  ['in-doubt resent: stored now', createdOnRetry],
  ['resends refused', retryFailures.length],
  ['points in the database at the end', stored],
  ['distinct submissions among them (duplicates if lower)', distinctTitles],
  ['total time (s)', ((Date.now() - started) / 1000).toFixed(1)],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log('\ndurability: SIGKILL during concurrent POST /api/points');
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
if (lost.length) console.log('  lost:', lost.slice(0, 5));
if (retryFailures.length) console.log('  resend failures:', retryFailures.slice(0, 5));
console.log(
  ok
    ? 'durability: OK — every acknowledged point survived, every submission stored exactly once'
    : 'durability: FAILED',
);
process.exit(ok ? 0 : 1);
