import type { Db } from './open.ts';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every write of the store goes through here, and the writes queued while the event loop was busy
 * share one transaction, so one WAL sync (synchronous=FULL) makes a whole batch durable instead of one sync per
 * request. Each write runs in its own savepoint, so one that throws is rolled back alone and the others still
 * commit. No promise resolves before COMMIT has returned, i.e. before the batch is on disk: nothing is acknowledged
 * that a crash could lose. A failed COMMIT rejects every write of the batch.
 *
 * better-sqlite3 is synchronous, so a batch runs without interruption: no read ever sees another batch half done.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly batch: (jobs: Job[]) => { ok: boolean; value: unknown }[];

  constructor(db: Db) {
    const savepoint = db.transaction((work: () => unknown) => work());
    this.batch = db.transaction((jobs: Job[]) =>
      jobs.map((job) => {
        try {
          return { ok: true, value: savepoint(job.work) };
        } catch (error) {
          return { ok: false, value: error };
        }
      }),
    );
  }

  /** Runs `work` (synchronous SQL) in the next batch; resolves with its result once the batch is durable. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: requests whose bytes already arrived are parsed first and join this batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    let results: { ok: boolean; value: unknown }[];
    try {
      results = this.batch(jobs);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => (results[i]!.ok ? job.resolve(results[i]!.value) : job.reject(results[i]!.value)));
  }
}
