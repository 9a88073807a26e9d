import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp, PROJECT_ROOT } from './app.ts';
import { configFromEnv } from './config.ts';
import { openDb } from './db/open.ts';
import { DataFileError, loadSiteData } from './site-data.ts';
import { unfilled } from '../shared/privacy-notice.ts';
import { OnlineGeocoder } from './geocode/online.ts';
import { DEFAULT_FRESHNESS } from '../shared/freshness.ts';

/** HELP_FADE_DAYS / HELP_HIDE_DAYS (issue 5): whole days; a typo stops start-up instead of silently using defaults. */
function positiveDays(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`Cannot start: ${name} must be a positive whole number of days, got "${raw}"`);
    process.exit(1);
  }
  return n;
}

// The only file that reads the environment (architecture.md).
const config = configFromEnv(process.env);
// STATIC_DIR lets parallel test runs serve separate builds; normally the vite build output in dist/.
const staticDir = process.env.STATIC_DIR ? resolve(process.env.STATIC_DIR) : join(PROJECT_ROOT, 'dist');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No built app in ${staticDir}. Run "npm start" (it builds first) or "npm run build".`);
  process.exit(1);
}

let app;
const db = openDb(join(config.dataDir, 'mapa.sqlite'));
try {
  const site = loadSiteData(join(PROJECT_ROOT, 'data'));
  // Placeholders are allowed (the page shows them as not filled in), but whoever deploys should see them listed.
  const todo = unfilled(site.privacy);
  if (todo.length) console.warn(`data/privacy.json: not filled in yet, the privacy page says so: ${todo.join(', ')}`);
  app = createApp(db, {
    site,
    basemapStyleUrl: config.basemapStyleUrl,
    basemapPmtiles: config.basemapPmtiles,
    staticDir,
    limits: config.limits,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    onlineGeocoder: config.geocoderUrl ? new OnlineGeocoder({ url: config.geocoderUrl }) : null,
    helpFreshness: {
      fadeDays: positiveDays('HELP_FADE_DAYS', DEFAULT_FRESHNESS.fadeDays),
      hideDays: positiveDays('HELP_HIDE_DAYS', DEFAULT_FRESHNESS.hideDays),
    },
  });
} catch (e) {
  if (e instanceof DataFileError) {
    console.error(`Cannot start: ${e.message}`);
    process.exit(1);
  }
  throw e;
}

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`Mapa Rewitalizacji: http://localhost:${info.port}/  (database ${join(config.dataDir, 'mapa.sqlite')})`);
});

function shutdown() {
  server.close();
  db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
