// One "process" of the key-claiming race (tests/unit/server/key-claim-threads.test.ts): its own connection to the
// shared database file, waiting at the barrier until every thread is ready, then one create with the shared key.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { openDb } = await tsImport('../../src/server/db/open.ts', import.meta.url);
const { sqliteStore } = await tsImport('../../src/server/db/store.ts', import.meta.url);

const { file, id, at, gate } = workerData;
const db = openDb(file);
const store = sqliteStore(db);
const record = {
  id,
  layer: 'walk',
  status: 'pending',
  lng: 19.9446,
  lat: 50.0513,
  subarea: null,
  kind: 'keep',
  theme: 'zielen',
  title: 'Ławka',
  createdAt: at,
  updatedAt: at,
  confirmedAt: null,
  rejectReason: null,
  votes: 0,
};
const flags = new Int32Array(gate);
Atomics.add(flags, 0, 1);
Atomics.notify(flags, 0);
Atomics.wait(flags, 1, 0); // until the test opens the gate for every thread at once
const outcome = await store.points.create(
  {
    point: { record, publicLng: record.lng, publicLat: record.lat, editTokenHash: `hash-${id}` },
    audit: { at, actor: 'author', action: 'create', pointId: id },
  },
  { keyHash: 'one-key', pointId: id, bodyHash: 'body', tokenCiphertext: `sealed-${id}` },
);
await store.close();
parentPort.postMessage({ id, outcome });
