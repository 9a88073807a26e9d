import { Hono } from 'hono';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StaticFiles } from '../static-files.ts';

/**
 * Files whose name stays the same from build to build, so a browser must ask again each time: the service
 * worker script (the browser compares it byte for byte to find a new version; no-cache keeps an HTTP cache in
 * front of it from hiding one), the web manifest, and the page itself.
 */
const REVALIDATE = new Set(['/sw.js', '/manifest.webmanifest']);

/**
 * The built SPA: hashed assets cached for a year, every other path answered with index.html (client routing).
 * Every file goes out in the encoding the browser accepts (static-files.ts), compressed at build time.
 */
export function spaRoutes(staticDir: string) {
  if (!existsSync(join(staticDir, 'index.html')))
    throw new Error(`no index.html in ${staticDir}: build the app first (npm run build)`);
  const files = new StaticFiles(staticDir);
  return new Hono().on(['GET', 'HEAD'], '*', async (c) => {
    const path = c.req.path;
    const found = path === '/' || path === '/index.html' ? null : await files.serve(c, path);
    if (found) {
      if (path.startsWith('/assets/')) found.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
      else if (REVALIDATE.has(path)) found.headers.set('Cache-Control', 'no-cache');
      return found;
    }
    // The page itself, at / and on every client route (/spacer/ABC123, /moderacja, …).
    const page = (await files.serve(c, '/index.html'))!;
    page.headers.set('Cache-Control', 'no-cache');
    return page;
  });
}
