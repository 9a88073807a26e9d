import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Files whose name stays the same from build to build, so a browser must ask again each time (issue 7): the service
 * worker script (the browser compares it byte for byte to find a new version; no-cache keeps an HTTP cache in
 * front of it from hiding one), the web manifest, and the page itself.
 */
const REVALIDATE = new Set(['/sw.js', '/manifest.webmanifest', '/', '/index.html']);

/** The built SPA: hashed assets cached for a year, every other path answered with index.html (client routing). */
export function spaRoutes(staticDir: string) {
  const root = relative(process.cwd(), staticDir) || '.';
  const indexHtml = readFileSync(join(staticDir, 'index.html'), 'utf8');
  return new Hono()
    .use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    })
    .use('*', async (c, next) => {
      await next();
      if (c.res.ok && REVALIDATE.has(c.req.path)) c.header('Cache-Control', 'no-cache');
    })
    .use('*', serveStatic({ root }))
    .get('*', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    });
}
