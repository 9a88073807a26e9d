// Measurement 1: the JavaScript a first visit downloads before the app can run — every script index.html loads
// (entry and modulepreloads, not lazy chunks, not MapLibre's worker) — gzip-compressed, against maplibre-gl's own
// entry file alone. MapLibre 6 ships ESM only: dist/maplibre-gl.mjs is the file the package exports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib.ts';

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

export interface SizeResult {
  appFiles: { file: string; raw: number; gzip: number }[];
  appGzip: number;
  appRaw: number;
  maplibreGzip: number;
  maplibreRaw: number;
  workerGzip: number;
}

/** Scripts index.html loads at once: <script src> and <link rel="modulepreload">, same-origin only. */
export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)]
    .map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1])
    .filter((h): h is string => h !== undefined);
  const all = [...new Set([...srcs, ...preloads])];
  const foreign = all.filter((u) => /^(https?:)?\/\//.test(u));
  if (foreign.length)
    throw new Error(`index.html loads scripts from elsewhere (${foreign.join(', ')}): measure those too`);
  return all;
}

export function measureSizes(dist: string): SizeResult {
  const scripts = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8'));
  if (scripts.length === 0) throw new Error(`no <script src> in ${dist}/index.html`);
  const appFiles = scripts.map((src) => {
    const bytes = readFileSync(join(dist, src.replace(/^\//, '')));
    return { file: src, raw: bytes.length, gzip: gzip(bytes) };
  });
  const maplibre = readFileSync(join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl.mjs'));
  const worker = readFileSync(join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'));
  return {
    appFiles,
    appGzip: appFiles.reduce((s, f) => s + f.gzip, 0),
    appRaw: appFiles.reduce((s, f) => s + f.raw, 0),
    maplibreGzip: gzip(maplibre),
    maplibreRaw: maplibre.length,
    workerGzip: gzip(worker),
  };
}
