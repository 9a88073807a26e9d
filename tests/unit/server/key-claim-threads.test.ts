import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';
import type { CreateOutcome } from '../../../src/server/store/types.ts';

const WORKER = join(import.meta.dirname, '../../support/claim-key-worker.mjs');
const THREADS = 4;

/** Every thread opens its own connection, then all are released together: an OS-level race, not one event loop. */
async function race(file: string): Promise<{ id: string; outcome: CreateOutcome }[]> {
  const gate = new SharedArrayBuffer(8);
  const flags = new Int32Array(gate);
  const at = '2026-05-01T08:00:00.000Z';
  const workers = Array.from(
    { length: THREADS },
    (_, i) => new Worker(WORKER, { workerData: { file, id: `pin0000${i}`, at, gate } }),
  );
  const results = workers.map(
    (w) =>
      new Promise<{ id: string; outcome: CreateOutcome }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  // Open the gate only once every thread has its connection and store: none may start ahead.
  while (Atomics.load(flags, 0) < THREADS) await Atomics.waitAsync(flags, 0, Atomics.load(flags, 0), 10_000).value;
  Atomics.store(flags, 1, 1);
  Atomics.notify(flags, 1);
  try {
    return await Promise.all(results);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

describe('claiming an Idempotency-Key under real concurrency', () => {
  it('stores one point when four threads with their own connections submit one key at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-claim-'));
    const file = join(dir, 'race.sqlite');
    openDb(file).close(); // migrated once, so the threads race on the claim and not on the schema
    try {
      const results = await race(file);
      const winners = results.filter((r) => r.outcome.created);
      expect(winners).toHaveLength(1);
      for (const r of results.filter((r) => !r.outcome.created)) {
        expect(r.outcome).toEqual({ created: false, earlier: expect.objectContaining({ pointId: winners[0]!.id }) });
      }
      const db = openDb(file);
      try {
        expect(db.prepare('SELECT id FROM points').pluck().all()).toEqual([winners[0]!.id]);
        expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(1);
        expect(db.prepare('SELECT point_id FROM idempotency').pluck().all()).toEqual([winners[0]!.id]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
