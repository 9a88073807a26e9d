import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { precompress } from './scripts/vite/precompress.ts';
import { prerender } from './scripts/vite/prerender.ts';

const apiPort = process.env.PORT ?? '8080';
const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);

/**
 * Network first for the byte ranges of a PMTiles archive, keeping each range seen (the last 400) for offline use.
 * Workbox's strategies cannot: the Cache API refuses 206 answers and ignores the Range header when matching. So each
 * range is stored as a 200 under a key that names the range, and served back as the 206 it was (with its ETag and
 * Content-Range, which the pmtiles reader checks). A replaced archive (a new ETag) empties the cache: ranges of two
 * versions must never be mixed. Copied into sw.js as source text, so it is self-contained on purpose.
 */
async function pmtilesRanges({ request }: { request: Request }): Promise<Response> {
  const at = (name: string) => `${request.url}${request.url.includes('?') ? '&' : '?'}${name}`;
  const key = at(`sw-range=${encodeURIComponent(request.headers.get('Range') ?? '')}`);
  const version = at('sw-etag');
  let cache = await caches.open('mapa-basemap');
  let res: Response;
  try {
    res = await fetch(request);
  } catch (offline) {
    const kept = await cache.match(key);
    if (!kept) throw offline;
    return new Response(kept.body, { status: 206, statusText: 'Partial Content', headers: kept.headers });
  }
  if (res.status !== 206) return res;
  const etag = res.headers.get('ETag') ?? '';
  const known = await cache.match(version);
  if (known && (await known.text()) !== etag) {
    await caches.delete('mapa-basemap');
    cache = await caches.open('mapa-basemap');
  }
  await cache.put(version, new Response(etag));
  await cache.put(key, new Response(await res.clone().arrayBuffer(), { status: 200, headers: res.headers }));
  const ranges = (await cache.keys()).filter((k) => k.url !== version);
  await Promise.all(ranges.slice(0, Math.max(0, ranges.length - 400)).map((k) => cache.delete(k)));
  return res;
}

/**
 * The service worker ("the app shell and the last data seen are available offline"): generateSW from
 * vite-plugin-pwa. Registered from our own module (src/client/offline/app-update.svelte.ts, `virtual:pwa-register`),
 * never by an injected inline script, which the CSP forbids. Off in `vite` dev (devOptions stays disabled).
 */
const pwa = VitePWA({
  strategies: 'generateSW',
  registerType: 'prompt', // a new version waits until the resident presses "Odśwież" (UpdateBanner.svelte)
  injectRegister: false,
  includeManifestIcons: false, // icon.svg is in globPatterns already
  manifest: {
    name: 'Mapa Rewitalizacji',
    short_name: 'Rewitalizacja',
    description: 'Mapa podobszarów rewitalizacji Krakowa i mapy tworzone przez mieszkańców',
    lang: 'pl',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#1d3557', // --header in src/client/app.css
    background_color: '#ffffff',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
  workbox: {
    // The shell: index.html, every JS/CSS chunk (MapLibre's worker is an .mjs), the icon. Source maps stay out.
    // Glyphs: the offline style's ranges that labels use — Bold for subarea and pin labels (Latin-1, Polish,
    // Cyrillic titles, the „” in „stara” Nowa Huta), Regular only for "Wisła" (~600 KB of the 790 KB);
    // the two Regular ranges left are cached the first time MapLibre asks for them (runtime rule below).
    globPatterns: [
      '**/*.{js,mjs,css,html,svg}',
      'glyphs/Noto Sans Bold/*.pbf',
      'glyphs/Noto Sans Regular/{0-255,256-511}.pbf',
    ],
    globIgnores: ['**/node_modules/**', 'sw.js', 'workbox-*.js'],
    // The gazetteer behind "Albo wpisz miejsce lub adres" (12 KB): with it a resident offline can still place a pin
    // by typing, and the outbox sends it later. Versioned by the file's hash (scripts/build-if-needed.mjs rebuilds
    // when it changes, so an edited gazetteer reaches installed apps as a new version).
    additionalManifestEntries: [{ url: '/api/places', revision: fileHash('data/places.geojson') }],
    // A client-routed path opened offline (/?tab=walk, /spacer/ABC123) gets the cached shell; the API never does.
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/api\//],
    // The first installation takes over the open page at once, so what it loads next is cached already;
    // later versions still wait for the resident (registerType 'prompt').
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // Matchers are copied into sw.js as source text: they must not use anything from this file.
    runtimeCaching: [
      {
        // The last data seen: public, published, the same for everyone (also the privacy notice and the about page).
        // Fresh from the network when it answers within 3 s, else the copy from the last visit. Not here, on purpose:
        // /api/events (a live stream), /api/auth/* and /api/moderation/* (a moderator must see the real state),
        // /api/points/:id and its photo (an author's token, unpublished photos), /api/export/* (downloads),
        // /api/sessions/* (live walk state), and any request carrying Authorization. Only GET is ever matched
        // (workbox's default method).
        urlPattern: ({ url, request, sameOrigin }) =>
          sameOrigin &&
          !request.headers.has('Authorization') &&
          (/^\/api\/(subareas|config|categories|stats|points|privacy|about|activities)$/.test(url.pathname) ||
            /^\/api\/context\/[\w.-]+\.geojson$/.test(url.pathname)),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'mapa-data',
          networkTimeoutSeconds: 3,
          expiration: { maxEntries: 50, maxAgeSeconds: 60 * 60 * 24 * 30 },
          cacheableResponse: { statuses: [200] },
        },
      },
      {
        // Glyph ranges not precached: they never change between builds. Only real PBFs: a range we do not ship
        // is answered with the SPA's index.html (200, text/html), which must not be kept as a glyph.
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/glyphs/'),
        handler: 'CacheFirst',
        options: {
          cacheName: 'mapa-glyphs',
          expiration: { maxEntries: 40 },
          cacheableResponse: { statuses: [200], headers: { 'Content-Type': 'application/octet-stream' } },
        },
      },
      {
        // The local PMTiles basemap, read with Range requests: the parts of the map seen online stay for offline.
        urlPattern: ({ url, request, sameOrigin }) =>
          sameOrigin && url.pathname.endsWith('.pmtiles') && request.headers.has('Range'),
        handler: pmtilesRanges,
      },
    ],
  },
});

/**
 * API test files about SQLite itself, run on SQLite only: the bytes of its files after an erasure and its old
 * migrations (erasure), its write probe on a file and directory (health), reopening a file (persistence), statements
 * prepared once (prepared-once), a real server process (startup), and the copy and backup checks, which use both
 * engines already (db-copy, pg-*: these start PostgreSQL themselves).
 */
const SQLITE_ONLY = [
  'tests/api/erasure.test.ts',
  'tests/api/health.test.ts',
  'tests/api/persistence.test.ts',
  'tests/api/prepared-once.test.ts',
  'tests/api/startup.test.ts',
  'tests/api/db-copy.test.ts',
  'tests/api/pg-*.test.ts',
];

export default defineConfig({
  // prerender writes the main page into index.html before the service worker's manifest hashes it; precompress
  // last: it writes .br/.gz copies of everything, sw.js included.
  plugins: [svelte(), prerender(), pwa, precompress()],
  // DIST_DIR: parallel test runs build into separate folders (see playwright.config.ts).
  build: { outDir: process.env.DIST_DIR ?? 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
  // Dev only: the Hono server (npm start) answers /api; production serves everything from one port.
  server: { proxy: { '/api': `http://localhost:${apiPort}` } },
  test: {
    environment: 'node',
    pool: 'forks',
    // Both cores (vitest's default leaves one free): the PostgreSQL files spend most of their time waiting on the
    // database, so two at once roughly halves the run.
    maxWorkers: 2,
    // Behaviour, not speed (speed lives in `npm run bench`): scrypt and the privacy sweeps take 2-4 s alone and far
    // more on a loaded 2-core CI machine, so the default 5 s limit failed a passing test there.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit+api', include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'] } },
      // The same API tests again on PostgreSQL (tests/api/helpers.ts reads TEST_ENGINE): both engines pass one suite.
      {
        extends: true,
        test: {
          name: 'api-postgres',
          include: ['tests/api/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
