// Measurement 8: the app drawing a big walk layer from its vector tiles (/api/tiles), at 50,000 and 1,000,000 pins —
// from navigation start to the first frame with clusters on screen on the app's own page `/`, against Leaflet +
// markercluster clustering the same points (the bare page of measurement 3, which may not finish at 1,000,000: it is
// given LEAFLET_BOUND_MS). Then tile requests per second over the 50,000-pin database against bare node:http
// sending the same tile bytes from memory (measurement 4's bare server).
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { timeUntil } from './browser.ts';
import { HOST, median, PORTS, startAppServer, startNode } from './lib.ts';
import { loadTest, type LoadResult } from './load.ts';
import { seedPoints } from './seed.ts';
import { BROWSER_ENCODINGS } from './get-points.ts';

/** The app's walk layer drew a cluster (from its tiles once the layer is past MAP_TILES_FROM_PINS). */
export const APP_PROBE = `window.__mapa !== undefined &&
  window.__mapa.renderedProperties(['walk-clusters']).some((p) => Number(p.point_count) > 0)`;
const BARE_PROBE = `window.__mapa !== undefined && window.__mapa.renderedProperties(['clusters']).length > 0 &&
  window.__mapa.renderedProperties(['cluster-count']).length > 0`;
const LEAFLET_PROBE = `document.querySelector('.marker-cluster') !== null`;
/** How long Leaflet may take before it counts as "did not finish". */
export const LEAFLET_BOUND_MS = 120_000;
/** The first load after start-up reads every pin and builds the index (at a million: 143 s once, about 10 s now). */
const FIRST_LOAD_BOUND_MS = 600_000;

export interface TilePinsResult {
  pins: number;
  seedMs: number;
  /** The first load after the server started: the tile worker starts, reads every pin and builds the index. */
  appFirst: number | null;
  appFirstError?: string;
  /**
   * A load right after one pin was added while the server ran (as an approval adds one): the tiles wait for the
   * index to be built again (the tile worker reads only the changed pins, then clusters them all).
   */
  appAfterChange: number | null;
  /** Later loads: tiles come from the per-version cache. */
  app: number[];
  appMedian: number;
  /** The bare MapLibre page (pages/maplibre-tiles.ts) drawing the same tiles: tiles without the app's start-up. */
  bare: number[];
  bareMedian: number;
  /** null: Leaflet did not draw a cluster within LEAFLET_BOUND_MS. */
  leaflet: number[] | null;
  leafletMedian: number | null;
  leafletError?: string;
}

export interface TileRateResult {
  tiles: number;
  bytes: number;
  encoding: string | null;
  app: LoadResult;
  bare: LoadResult;
}

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lng + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

/** The z13 tiles a 1280×800 screen shows around Kraków's centre: what a map opening on the city asks for. */
function cityTiles(): string[] {
  const [cx, cy] = tileOf(19.945, 50.06, 13);
  const out: string[] = [];
  for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++) out.push(`/api/tiles/walk/13/${cx + dx}/${cy + dy}.mvt`);
  return out;
}

function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; encoding: string | null; body: Buffer }>((resolve, reject) => {
    const req = request({ host: HOST, port: PORTS.app, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
          body: Buffer.concat(parts),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tile requests per second, app vs bare, plain and as a browser asks; the app must run on the seeded database. */
async function measureTileRate(tmp: string, seconds: number): Promise<TileRateResult[]> {
  const urls = cityTiles();
  const routes: Record<string, { plain: string; encoded?: { encoding: string; file: string } }> = {};
  let plainBytes = 0;
  let encodedBytes = 0;
  let encoding: string | null = null;
  for (const [i, url] of urls.entries()) {
    const plain = await rawGet(url, {});
    if (plain.status !== 200) throw new Error(`GET ${url} answered ${plain.status}: ${plain.body.toString()}`);
    const encoded = await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODINGS });
    const file = join(tmp, `tile-${i}.mvt`);
    writeFileSync(file, plain.body);
    routes[url] = { plain: file };
    plainBytes += plain.body.length;
    encodedBytes += encoded.body.length;
    if (encoded.encoding) {
      encoding = encoded.encoding;
      writeFileSync(`${file}.${encoded.encoding}`, encoded.body);
      routes[url].encoded = { encoding: encoded.encoding, file: `${file}.${encoded.encoding}` };
    }
  }
  const bare = await startNode(
    'scripts/bench/bare-json-server.ts',
    { PORT: String(PORTS.bareJson), BARE_ROUTES: JSON.stringify(routes) },
    `http://${HOST}:${PORTS.bareJson}/health`,
  );
  try {
    const out: TileRateResult[] = [];
    for (const compressed of [false, true]) {
      const headers: Record<string, string> = compressed ? { 'Accept-Encoding': BROWSER_ENCODINGS } : {};
      const req = (i: number) => ({ method: 'GET' as const, path: urls[i % urls.length]!, headers });
      const app = await loadTest(PORTS.app, req, { seconds, concurrency: 16 });
      const bareResult = await loadTest(PORTS.bareJson, req, { seconds, concurrency: 16 });
      out.push({
        tiles: urls.length,
        bytes: Math.round((compressed ? encodedBytes : plainBytes) / urls.length),
        encoding: compressed ? encoding : null,
        app,
        bare: bareResult,
      });
    }
    return out;
  } finally {
    await bare.stop();
  }
}

/**
 * Seeds `pins` walk pins, starts the app on them and times its first clustered frame (`runs` loads after the first),
 * then Leaflet's on the same points written to `pagesDir` (served by measurement 3's static server). With `rate`,
 * also measures tile requests per second while the server is up.
 */
export async function measureTilePins(opts: {
  browser: Browser;
  tmp: string;
  pagesDir: string;
  dist: string;
  points: [number, number][];
  runs: number;
  leafletRuns: number;
  rateSeconds: number | null;
  log: (msg: string) => void;
}): Promise<{ pins: TilePinsResult; rate: TileRateResult[] }> {
  const { browser, tmp, points, runs, log } = opts;
  const dataDir = join(tmp, `app-tiles-${points.length}`);
  const t0 = performance.now();
  await seedPoints(dataDir, points);
  const seedMs = performance.now() - t0;
  log(`  seeded ${points.length.toLocaleString('en')} pins in ${(seedMs / 1000).toFixed(1)} s`);
  const app: number[] = [];
  const bare: number[] = [];
  let appFirst: number | null = null;
  let appFirstError: string | undefined;
  let appAfterChange: number | null = null;
  let rate: TileRateResult[] = [];
  const server = await startAppServer(dataDir, opts.dist);
  try {
    const url = `http://${HOST}:${PORTS.app}/`;
    try {
      appFirst = await timeUntil(browser, url, APP_PROBE, FIRST_LOAD_BOUND_MS, { act: true });
    } catch (e) {
      appFirstError = (e as Error).message.split('\n')[0];
      log(`  the app's first load failed: ${appFirstError}`);
    }
    const bareUrl = `http://${HOST}:${PORTS.static}/maplibre-tiles.html`;
    for (let i = 0; i < runs; i++) {
      app.push(await timeUntil(browser, url, APP_PROBE, undefined, { act: true }));
      bare.push(await timeUntil(browser, bareUrl, BARE_PROBE));
    }
    // Written by a connection of its own while the server runs, as a second instance's approval would be.
    await seedPoints(dataDir, [points[0]!], { n: points.length, at: Date.now() });
    try {
      appAfterChange = await timeUntil(browser, url, APP_PROBE, FIRST_LOAD_BOUND_MS, { act: true });
    } catch (e) {
      log(`  the load after a change failed: ${(e as Error).message.split('\n')[0]}`);
    }
    if (opts.rateSeconds) {
      log(`  tile requests per second, ${opts.rateSeconds} s per side`);
      rate = await measureTileRate(tmp, opts.rateSeconds);
    }
  } finally {
    await server.stop();
  }
  const file = `points-${points.length}.json`;
  writeFileSync(join(opts.pagesDir, file), JSON.stringify(points));
  const leaflet: number[] = [];
  let leafletError: string | undefined;
  for (let i = 0; i < opts.leafletRuns && !leafletError; i++) {
    try {
      leaflet.push(
        await timeUntil(
          browser,
          `http://${HOST}:${PORTS.static}/leaflet-pins.html?points=/${file}`,
          LEAFLET_PROBE,
          LEAFLET_BOUND_MS,
        ),
      );
    } catch (e) {
      leafletError = (e as Error).message.split('\n')[0];
    }
  }
  const done = leafletError ? null : leaflet;
  return {
    pins: {
      pins: points.length,
      seedMs,
      appFirst,
      appFirstError,
      appAfterChange,
      app,
      appMedian: median(app),
      bare,
      bareMedian: median(bare),
      leaflet: done,
      leafletMedian: done && done.length ? median(done) : null,
      leafletError,
    },
    rate,
  };
}
