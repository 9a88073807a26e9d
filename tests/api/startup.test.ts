import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/server/app.ts';

/**
 * The real server process, started as `npm start` starts it (tsx), with a broken environment. Whoever runs it must
 * read one line that names the path or port to fix, and get exit code 1 — no stack trace to scroll through.
 */
const root = mkdtempSync(join(tmpdir(), 'mapa-startup-'));
const staticDir = join(root, 'dist');
mkdirSync(staticDir);
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test</title>');
afterAll(() => rmSync(root, { recursive: true, force: true }));

// root ignores file modes: the read-only case runs the server as "nobody", for whom they hold.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function startServer(env: Record<string, string>, opts: { asNobody?: boolean } = {}) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: root,
        BASEMAP_STYLE_URL: 'offline',
        STATIC_DIR: staticDir,
        PORT: '0',
        ...env,
      },
      ...(opts.asNobody && asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A server that started instead of failing would run until killed: fail the test, not the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

function expectOneLine(result: { code: number | null; stderr: string }, ...mentions: string[]) {
  expect(result.code, result.stderr).toBe(1);
  // Warnings printed on the way (e.g. an unfilled privacy notice) may precede it; the failure is one line.
  const lines = result.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('data/privacy.json: not filled in'));
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start: /);
  for (const m of mentions) expect(lines[0]).toContain(m);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('start-up failures', () => {
  it('a read-only DATA_DIR: one line naming the directory, exit 1', async () => {
    const dataDir = join(root, 'readonly');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    chmodSync(root, 0o755);
    expectOneLine(await startServer({ DATA_DIR: dataDir }, { asNobody: true }), dataDir);
  });

  it('a DATA_DIR that cannot be created: one line naming it, exit 1', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a directory');
    expectOneLine(await startServer({ DATA_DIR: join(file, 'var') }), join(file, 'var'));
  });

  it('a missing data file (the configured basemap extract): one line naming the path, exit 1', async () => {
    const missing = join(root, 'nowhere', 'krakow.pmtiles');
    expectOneLine(
      await startServer({ DATA_DIR: join(root, 'var-basemap'), BASEMAP_PMTILES: missing }),
      missing,
      'BASEMAP_PMTILES',
    );
  });

  it('a port already in use: one line naming the port, exit 1', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, r));
    const port = (busy.address() as { port: number }).port;
    try {
      expectOneLine(await startServer({ DATA_DIR: join(root, 'var-port'), PORT: String(port) }), `port ${port}`);
    } finally {
      busy.close();
    }
  });

  it('a DATABASE_URL that is not a PostgreSQL address: one line naming the setting, without echoing it, exit 1', async () => {
    const result = await startServer({ DATA_DIR: join(root, 'var-url'), DATABASE_URL: 'mysql://u:secret@db/mapa' });
    expectOneLine(result, 'DATABASE_URL', 'postgres://');
    expect(result.stderr).not.toContain('secret');
  });

  it('a PostgreSQL that cannot be reached: one line naming its address without the password, no SQLite', async () => {
    const dataDir = join(root, 'var-pg');
    const result = await startServer({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/mapa' });
    expectOneLine(result, 'cannot open the PostgreSQL database', '127.0.0.1:1/mapa');
    expect(result.stderr).not.toContain('hunter2');
    expect(existsSync(join(dataDir, 'mapa.sqlite'))).toBe(false);
  });
});
