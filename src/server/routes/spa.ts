import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The built SPA: hashed assets cached for a year, every other path answered with index.html (client routing). */
export function spaRoutes(staticDir: string) {
  const root = relative(process.cwd(), staticDir) || '.';
  const indexHtml = readFileSync(join(staticDir, 'index.html'), 'utf8');
  return new Hono()
    .use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    })
    .use('*', serveStatic({ root }))
    .get('*', (c) => c.html(indexHtml));
}
