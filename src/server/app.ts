import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { join } from 'node:path';
import type { Db } from './db/open.ts';
import { ApiError } from './http-error.ts';
import { loadSiteData, type SiteData } from './site-data.ts';
import { healthRoutes } from './routes/health.ts';
import { subareaRoutes } from './routes/subareas.ts';
import { metaRoutes } from './routes/meta.ts';
import { contextRoutes } from './routes/context.ts';
import { spaRoutes } from './routes/spa.ts';
import { DEFAULT_BASEMAP } from './config.ts';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

export interface AppOptions {
  site?: SiteData;
  dataDir?: string;
  basemapStyleUrl?: string | null;
  /** The built SPA (vite build output); omitted in API tests. */
  staticDir?: string;
}

/** The whole HTTP app over one database. No port, no env: tests call app.request() on it directly. */
export function createApp(db: Db, options: AppOptions = {}) {
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, 'data');
  const site = options.site ?? loadSiteData(dataDir);
  const basemapStyleUrl = options.basemapStyleUrl === undefined ? DEFAULT_BASEMAP : options.basemapStyleUrl;

  const api = new Hono()
    .route('/health', healthRoutes(db))
    .route('/subareas', subareaRoutes(site, () => ({})))
    .route('/context', contextRoutes(dataDir))
    .route('/', metaRoutes(site, { basemapStyleUrl }));

  // Last in the API: an unknown /api path is a JSON 404, never the SPA's index.html.
  api.all('*', (c) => c.json({ error: `no such API endpoint: ${c.req.method} ${c.req.path}` }, 404));

  const app = new Hono().route('/api', api);
  if (options.staticDir) app.route('/', spaRoutes(options.staticDir));

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json({ error: err.error, ...(err.issues ? { issues: err.issues } : {}) }, err.status);
    }
    if (err instanceof HTTPException) return c.json({ error: err.message || 'request refused' }, err.status);
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    return c.json({ error: 'internal error — the server logged the details' }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
