import { expect, test } from './fixtures.ts';

test.describe('compressed delivery', () => {
  test('the page, its scripts and its styles come brotli-compressed to a browser that asks, gzip to one that asks for that', async ({ page, request }) => {
    const encodings = new Map<string, string | undefined>();
    page.on('response', async (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/assets/') || url.pathname === '/') encodings.set(url.pathname, (await res.allHeaders())['content-encoding']);
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mapa Rewitalizacji');
    const scripts = [...encodings].filter(([path]) => path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const [path, encoding] of scripts) expect(encoding, path).toBe('br');

    const main = scripts[0]![0];
    const gz = await request.get(main, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers()['content-encoding']).toBe('gzip');
    expect(gz.headers()['vary']).toBe('Accept-Encoding');
    expect(gz.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await request.get(main, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers()['content-encoding']).toBeUndefined();
    // Both decode to the same script.
    expect((await gz.body()).equals(await plain.body())).toBe(true);
  });

  test('robots.txt and sitemap.xml are real files, not the app page', async ({ request }) => {
    const robots = await request.get('/robots.txt');
    expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/^User-agent: \*/);
    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.headers()['content-type']).toMatch(/^application\/xml/);
    expect(await sitemap.text()).toContain('<urlset');
  });
});
