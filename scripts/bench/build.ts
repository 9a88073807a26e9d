// The two kinds of build the bench measures: the app's production build (dist-bench/, vite, like npm start)
// and the bare comparison pages (esbuild from node_modules into a temp folder; no CDN, no network).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { newestMtime, ROOT } from './lib.ts';

/** Our own output folder: other developers' test runs build into dist/ and dist-*. */
export const DIST = join(ROOT, 'dist-bench');
// data/ and scripts/vite: the page is pre-rendered from the site data by the build's own plugins.
const SOURCES = [
  'src/client',
  'src/common',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'data',
  'scripts/vite',
];

/**
 * Builds the app with vite when dist-bench/ is missing or (unless told not to) older than any client source.
 * Returns whether it built.
 */
export function ensureAppBuild(rebuildWhenStale = true): boolean {
  const stamp = join(DIST, 'index.html');
  if (existsSync(stamp) && (!rebuildWhenStale || statSync(stamp).mtimeMs >= newestMtime(SOURCES))) return false;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, DIST_DIR: 'dist-bench' },
    stdio: 'inherit',
  });
  if (r.status !== 0)
    throw new Error(`"DIST_DIR=dist-bench npx vite build" failed (exit ${r.status}); fix the build first`);
  return true;
}

const page = (title: string, script: string, css: string[]) => `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">${css.map((href) => `<link rel="stylesheet" href="${href}">`).join('')}
<style>html,body{margin:0;height:100%}#map{position:absolute;inset:0}</style></head>
<body><div id="map"></div><script type="module" src="${script}"></script></body></html>
`;

/**
 * Bundles the three bare pages (scripts/bench/pages/) minified into `dir`, with MapLibre's worker, Leaflet's CSS
 * and marker images next to them. Each page is one script, like a plain site would ship it.
 */
export async function buildBarePages(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: {
      subareas: join(ROOT, 'scripts/bench/pages/subareas.ts'),
      'maplibre-pins': join(ROOT, 'scripts/bench/pages/maplibre-pins.ts'),
      'leaflet-pins': join(ROOT, 'scripts/bench/pages/leaflet-pins.ts'),
      'maplibre-tiles': join(ROOT, 'scripts/bench/pages/maplibre-tiles.ts'),
    },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir: dir,
    logLevel: 'warning',
  });
  const nm = join(ROOT, 'node_modules');
  copyFileSync(join(nm, 'maplibre-gl/dist/maplibre-gl-worker.mjs'), join(dir, 'maplibre-gl-worker.mjs'));
  copyFileSync(join(nm, 'maplibre-gl/dist/maplibre-gl.css'), join(dir, 'maplibre-gl.css'));
  copyFileSync(join(nm, 'leaflet/dist/leaflet.css'), join(dir, 'leaflet.css'));
  copyFileSync(join(nm, 'leaflet.markercluster/dist/MarkerCluster.css'), join(dir, 'MarkerCluster.css'));
  copyFileSync(
    join(nm, 'leaflet.markercluster/dist/MarkerCluster.Default.css'),
    join(dir, 'MarkerCluster.Default.css'),
  );
  cpSync(join(nm, 'leaflet/dist/images'), join(dir, 'images'), { recursive: true });
  writeFileSync(join(dir, 'subareas.html'), page('bare MapLibre: subareas', '/subareas.js', ['/maplibre-gl.css']));
  writeFileSync(
    join(dir, 'maplibre-pins.html'),
    page('bare MapLibre: 50,000 pins', '/maplibre-pins.js', ['/maplibre-gl.css']),
  );
  writeFileSync(
    join(dir, 'maplibre-tiles.html'),
    page('bare MapLibre: pins from the app’s tiles', '/maplibre-tiles.js', ['/maplibre-gl.css']),
  );
  writeFileSync(
    join(dir, 'leaflet-pins.html'),
    page('Leaflet + markercluster: 50,000 pins', '/leaflet-pins.js', [
      '/leaflet.css',
      '/MarkerCluster.css',
      '/MarkerCluster.Default.css',
    ]),
  );
}
