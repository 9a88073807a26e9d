import { Hono } from 'hono';
import type { ClientConfig } from '../../common/client-config.ts';
import type { SiteData } from '../site-data.ts';

/** Deployment settings and editable categories the SPA needs before it draws anything. */
export function metaRoutes(site: SiteData, client: ClientConfig) {
  return new Hono().get('/config', (c) => c.json(client)).get('/categories', (c) => c.json(site.categories));
}
