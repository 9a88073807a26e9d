// Starts the tile worker (tile-worker.ts) in a worker thread. The server runs its TypeScript through tsx, and a
// worker thread does not inherit that: it registers tsx itself, then loads the worker. Plain JavaScript for that
// reason.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
