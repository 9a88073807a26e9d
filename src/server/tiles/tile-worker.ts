// The tile worker: a thread of its own that reads a layer's pins, builds its cluster index and cuts tiles from it,
// so a map of a million pins never holds the server's thread for the seconds a build takes. Started by
// tile-worker-client.ts; speaks only the messages below. Like index.ts for the server, it opens its own database
// connection (a read-only one), the only module outside db/ besides the start-up and the commands that does.
import { parentPort, workerData } from 'node:worker_threads';
import type { FreshnessLimits } from '../../common/freshness.ts';
import type { Layer } from '../../common/points.ts';
import { buildIndex, cutTile, type ClusterIndex } from './cluster-index.ts';
import type { TileFilters } from './engine.ts';
import { openTileReader, type TileSource } from '../db/tile-reader.ts';
import { KeptTileRows } from './tile-rows.ts';

export type { TileSource };

export type WorkerRequest =
  | { op: 'build'; id: number; layer: Layer; filters: TileFilters; now: number }
  | { op: 'tile'; id: number; index: number; z: number; x: number; y: number }
  | { op: 'drop'; index: number };
export type WorkerReply =
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

async function answer(m: Exclude<WorkerRequest, { op: 'drop' }>): Promise<WorkerReply> {
  if (m.op === 'build') {
    const { index, count } = buildIndex(await rows.read(m.layer), m.layer, m.filters, new Date(m.now), limits);
    const id = next++;
    indexes.set(id, { index, layer: m.layer });
    return { id: m.id, ok: true, index: id, count };
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
