import { Worker } from 'node:worker_threads';
import type { FreshnessLimits } from '../../common/freshness.ts';
import type { Layer } from '../../common/points.ts';
import { indexBuild, type BuiltIndex, type IndexBuild, type IndexBuilder } from './cluster-tiles.ts';
import type { TileFilters } from './engine.ts';
import type { TileSource, WorkerReply, WorkerRequest, WorkerSetup } from './tile-worker.ts';

const BOOT = new URL('./tile-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./tile-worker.ts', import.meta.url).href;

type Answer = Exclude<WorkerReply & { ok: true }, { counted: number }>;
type Pending = {
  resolve: (reply: Answer) => void;
  reject: (e: Error) => void;
  /** A build's first answer, before its last. */
  counted?: (count: number) => void;
};

/**
 * Builds cluster indexes and cuts tiles in the tile worker (tile-worker.ts), which reads the database through its
 * own connection: the server's thread only passes messages, so a build of a million pins (seconds) no longer stops
 * it from answering everyone else meanwhile. The worker starts on the first build and is started again after a
 * crash; a crash fails the requests it was answering, never the server.
 */
export class WorkerBuilder implements IndexBuilder {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly source: TileSource,
    private readonly limits: FreshnessLimits,
  ) {}

  build(layer: Layer, filters: TileFilters, now: Date): IndexBuild {
    let counted!: (count: number) => void;
    const count = new Promise<number>((resolve) => (counted = resolve));
    const index = this.ask({ op: 'build', id: 0, layer, filters, now: now.getTime() }, counted).then((reply) => {
      if (!('index' in reply)) throw new Error('tile worker: a build answered without an index');
      return this.handle(reply.index, reply.count);
    });
    // A build that fails before its pins are counted fails its count too; once counted, a count stays true.
    return indexBuild(Promise.race([count, index.then((built) => built.count)]), index);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  /** Tiles being cut keep a retired index alive; it is dropped in the worker when the last one is done. */
  private handle(index: number, count: number): BuiltIndex {
    const worker = this.worker;
    let cutting = 0;
    let retired = false;
    const dropIfDone = () => {
      if (retired && cutting === 0 && this.worker === worker) this.post({ op: 'drop', index });
    };
    return {
      count,
      tile: async (z, x, y) => {
        if (this.worker !== worker) throw new Error('tile worker: started again since this index was built');
        cutting++;
        try {
          const reply = await this.ask({ op: 'tile', id: 0, index, z, x, y });
          if (!('bytes' in reply)) throw new Error('tile worker: a tile answered without bytes');
          return reply.bytes;
        } finally {
          cutting--;
          dropIfDone();
        }
      },
      retire: () => {
        retired = true;
        dropIfDone();
      },
    };
  }

  private ask(request: Exclude<WorkerRequest, { op: 'drop' }>, counted?: (count: number) => void): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, counted });
      this.post({ ...request, id });
    });
  }

  private post(request: WorkerRequest): void {
    this.started().postMessage(request);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const setup: WorkerSetup = { source: this.source, limits: this.limits };
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, setup } });
    // It must not keep a finished process (a test run, a stopped server) alive.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (reply.ok && 'counted' in reply) return waiting?.counted?.(reply.counted);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(new Error(`tile worker: ${reply.message}`));
    });
    const fail = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(new Error(`tile worker crashed: ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`tile worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
