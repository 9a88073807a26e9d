import { expect, test } from './fixtures.ts';

test.describe('compressed delivery', () => {
  test('the page, its scripts and its styles come brotli-compressed to a browser that asks, gzip to one that asks for that', async ({
    page,
    request,
  }) => {
    const encodings = new Map<string, { encoding?: string; length: number }>();
    page.on('response', async (res) => {
      const url = new URL(res.url());
      const headers = await res.allHeaders();
      if (url.pathname.startsWith('/assets/') || url.pathname === '/') {
        encodings.set(url.pathname, {
          encoding: headers['content-encoding'],
          length: Number(headers['content-length']),
        });
      }
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mapa Rewitalizacji');
    const scripts = [...encodings].filter(([path]) => path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // Every script is brotli, except the few under 1 KB, which the build does not bother to compress.
    for (const [path, { encoding, length }] of scripts) {
      if (encoding !== 'br') expect(length, path).toBeLessThan(1024);
    }
    expect(encodings.get('/')?.encoding).toBe('br');
    const main = /<script type="module"[^>]*\ssrc="([^"]+)"/.exec(await (await request.get('/')).text())![1]!;
    expect(encodings.get(main)?.encoding).toBe('br');
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
