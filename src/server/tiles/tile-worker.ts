// The tile worker: a thread of its own that reads a layer's pins, builds its cluster index and cuts tiles from it,
// so a map of a million pins never holds the server's thread for the seconds a build takes. Started by
// tile-worker-client.ts; speaks only the messages below. Like index.ts for the server, it opens its own database
// connection (a read-only one), the only module outside db/ besides the start-up and the commands that does.
import { parentPort, workerData } from 'node:worker_threads';
import type { FreshnessLimits } from '../../common/freshness.ts';
import type { Layer } from '../../common/points.ts';
import { clusterPoints, cutTile, selectPoints, type ClusterIndex, type ClusterInputs } from './cluster-index.ts';
import type { TileFilters } from './engine.ts';
import { openTileReader, type TileSource } from '../db/tile-reader.ts';
import { KeptTileRows } from './tile-rows.ts';

export type { TileSource };

export type WorkerRequest =
  | { op: 'build'; id: number; layer: Layer; filters: TileFilters; now: number }
  | { op: 'tile'; id: number; index: number; z: number; x: number; y: number }
  | { op: 'drop'; index: number };
/** A build answers twice: `counted` once its pins are selected, then the index once they are clustered. */
export type WorkerReply =
  | { id: number; ok: true; counted: number }
  | { id: number; ok: true; index: number; count: number }
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; message: string };
export interface WorkerSetup {
  source: TileSource;
  limits: FreshnessLimits;
}

const { source, limits } = workerData.setup as WorkerSetup;
const reader = openTileReader(source);
// Kept between builds: after a change only the changed pins are read again (tile-rows.ts).
const rows = new KeptTileRows(reader);
const indexes = new Map<number, { index: ClusterIndex; layer: Layer }>();
let next = 1;
const port = parentPort!;

/**
 * Clusterings waiting to run, oldest first. Clustering holds this thread for seconds at a million pins, and a page
 * asks for both layers' counts at once: each clustering waits until no read is in flight, so the other layer's count
 * waits only for its own pins. One clustering per turn of the event loop, so the messages that came meanwhile are
 * heard in between. Reads are short (one query), so the clusterings are not held back for long.
 */
const clusterings: (() => void)[] = [];
let reading = 0;
let scheduled = false;

function runClusterings(): void {
  if (scheduled || clusterings.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    // The last read to end calls again.
    if (reading > 0) return;
    clusterings.shift()!();
    runClusterings();
  });
}

function clusterLater(points: ClusterInputs, layer: Layer): Promise<ClusterIndex> {
  return new Promise((resolve, reject) => {
    clusterings.push(() => {
      try {
        resolve(clusterPoints(points, layer));
      } catch (e) {
        reject(e as Error);
      }
    });
    runClusterings();
  });
}

async function answer(m: Exclude<WorkerRequest, { op: 'drop' }>): Promise<WorkerReply> {
  if (m.op === 'build') {
    let points: ClusterInputs;
    reading++;
    try {
      points = selectPoints(await rows.read(m.layer), m.layer, m.filters, new Date(m.now), limits);
    } finally {
      reading--;
      runClusterings();
    }
    port.postMessage({ id: m.id, ok: true, counted: points.length } satisfies WorkerReply);
    const index = await clusterLater(points, m.layer);
    const id = next++;
    indexes.set(id, { index, layer: m.layer });
    return { id: m.id, ok: true, index: id, count: points.length };
  }
  const built = indexes.get(m.index);
  if (!built) throw new Error(`no cluster index ${m.index}`);
  return { id: m.id, ok: true, bytes: cutTile(built.index, built.layer, m.z, m.x, m.y) };
}

port.on('message', (m: WorkerRequest) => {
  if (m.op === 'drop') return void indexes.delete(m.index);
  answer(m).then(
    (reply) => port.postMessage(reply, 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : []),
    (e: Error) => port.postMessage({ id: m.id, ok: false, message: e.message } satisfies WorkerReply),
  );
});
