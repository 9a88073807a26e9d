// `npm start`, step 1: install dependencies on a fresh clone and (re)build the SPA when its sources changed.
import { existsSync, statSync } from 'node:fs';
import { ensureDependencies, mustRun, newestMtime } from './lib.mjs';

ensureDependencies();
const built = 'dist/index.html';
// data/places.geojson: the service worker precaches the gazetteer under its hash (vite.config.ts).
// data/: the main page is pre-rendered from the site data (scripts/vite/prerender.ts).
const sources = [
  'src/client',
  'src/common',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'data',
  'scripts/vite',
];
if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(sources)) {
  mustRun('npx', ['vite', 'build', '--logLevel', 'warn']);
}
