import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to send for an Accept-Encoding header: brotli when accepted, else gzip, else none. Honours q-values
 * (`gzip;q=0` refuses gzip) and `*`; our preference decides between two accepted ones, as RFC 9110 allows.
 */
export function pickEncoding(
  header: string | undefined,
  available: readonly Encoding[] = ['br', 'gzip'],
): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, weight === undefined ? 1 : Number(weight));
  }
  return available.find((e) => (q.get(e) ?? q.get('*') ?? 0) > 0) ?? null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compresses on libuv's thread pool, never on the event loop. Brotli at quality 5 for answers made per request:
 * most of quality 11's gain at a fraction of its time (the build's static files use 11, scripts/vite/precompress.ts).
 */
export function compressBytes(bytes: Uint8Array, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes, { level: 6 });
  return brotli(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

/** Adds Accept-Encoding to Vary once, keeping what other layers put there. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (vary !== '*' && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))
    headers.set('Vary', `${vary}, Accept-Encoding`);
}

/** Below this compressing costs more (CPU, a header) than it saves on the wire. */
export const COMPRESS_MIN_BYTES = 1024;
/** JSON, GeoJSON, CSV, iCalendar, XML: what the API answers in text. Never the event stream, which must flow. */
const TEXT_ANSWER = /^(application\/(?:[\w.+-]+\+)?json|text\/(?:csv|calendar|plain|xml)|application\/xml)\b/i;

/**
 * API answers over 1 KB go out brotli- or gzip-compressed when the client accepts it. The body is read whole (API
 * answers are built whole anyway) so small ones are left alone; streams (SSE), ranges (PMTiles), images and answers
 * already encoded (the cached point lists) pass untouched.
 */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status === 206 || res.status === 304) return;
    // Headers before the body: reading `res.body` turns the adapter's lightweight answer into a full web Response
    // whose bytes then go through a stream, which is most of what a cached answer would otherwise cost.
    if (res.headers.has('Content-Encoding') || !TEXT_ANSWER.test(res.headers.get('Content-Type') ?? '')) return;
    if (/\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
    varyOnEncoding(res.headers);
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    if (!encoding || !res.body) return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let body: Uint8Array<ArrayBuffer> = bytes;
    if (bytes.length >= COMPRESS_MIN_BYTES) {
      body = (await compressBytes(bytes, encoding)) as Uint8Array<ArrayBuffer>;
      headers.set('Content-Encoding', encoding);
      // A strong validator names one representation; the compressed bytes are another (RFC 9110 §8.8.3).
      const etag = headers.get('ETag');
      if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    }
    headers.set('Content-Length', String(body.length));
    // Cleared first: Hono's setter would otherwise copy the old headers (Vary, ETag) over the new ones.
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}
