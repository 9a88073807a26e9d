import { Hono } from 'hono';

/**
 * Pages worth indexing: the public map and its readable views. Tools for moderators and facilitators, residents'
 * private edit links and the API stay out (robots.txt below). Add a public page here when it is added to the app.
 */
export const PUBLIC_PAGES = ['/', '/?view=list', '/?tab=walk', '/?tab=help', '/statystyki', '/api/docs'] as const;

const PRIVATE_PREFIXES = ['/api/', '/moderacja', '/spacer', '/prezentacja'];

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * /robots.txt and /sitemap.xml as the plain-text and XML files crawlers expect, not the SPA's page. Both name
 * absolute addresses, so they are written for the origin the request came to.
 */
export function crawlerRoutes() {
  return new Hono()
    .get('/robots.txt', (c) => {
      const origin = new URL(c.req.url).origin;
      const lines = [
        'User-agent: *',
        ...PRIVATE_PREFIXES.map((p) => `Disallow: ${p}`),
        'Allow: /api/docs',
        '',
        `Sitemap: ${origin}/sitemap.xml`,
        '',
      ];
      c.header('Cache-Control', 'public, max-age=86400');
      return c.text(lines.join('\n'));
    })
    .get('/sitemap.xml', (c) => {
      const origin = new URL(c.req.url).origin;
      const urls = PUBLIC_PAGES.map((p) => `  <url><loc>${xmlEscape(origin + p)}</loc></url>`);
      c.header('Content-Type', 'application/xml; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
          ...urls,
          '</urlset>',
          '',
        ].join('\n'),
      );
    });
}
