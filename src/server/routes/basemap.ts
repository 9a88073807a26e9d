import { Hono } from 'hono';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * Where the SPA finds the local basemap (GET /api/config says whether there is one). Under /api so that `npm run dev`
 * (Vite proxying /api) reaches it too, and so that a missing file is a JSON 404, never the SPA's index.html.
 */
export const BASEMAP_PMTILES_URL = '/api/basemap/krakow.pmtiles';

/**
 * Browsers may keep parts of the archive for an hour. Replacing the file changes its ETag, and the pmtiles client
 * notices a changed ETag between two reads and re-reads with `cache: 'reload'`, so a stale hour costs nothing.
 */
const CACHE_CONTROL = 'public, max-age=3600';

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` header against a file of `size` bytes (RFC 9110 §14.1.2): `a-b`, `a-` or the suffix `-n`,
 * an end past the file clamped to its last byte (the pmtiles client asks for the first 16 KiB of any archive).
 * null: serve the whole file, as RFC 9110 allows for a unit we do not know or several ranges (no client of ours
 * sends those, and multipart answers are not worth their code). 'unsatisfiable': answer 416.
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const value = header.trim();
  if (!value.toLowerCase().startsWith('bytes=') || value.includes(',')) return null;
  const m = /^(\d*)-(\d*)$/.exec(value.slice('bytes='.length).trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  // Digits only, so Number() gives a whole number or Infinity, and both compare correctly below.
  const [first, last] = [m[1] === '' ? null : Number(m[1]), m[2] === '' ? null : Number(m[2])];
  if (first === null) {
    // Suffix: the last `last` bytes.
    if (last === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - last!), end: size - 1 };
  }
  if (first >= size || (last !== null && last < first)) return 'unsatisfiable';
  return { start: first, end: last === null ? size - 1 : Math.min(last, size - 1) };
}

/**
 * The operator's PMTiles extract of Kraków (README "Offline basemap (PMTiles)"), served with HTTP range
 * requests so MapLibre (through the pmtiles protocol) reads only the header, directories and tiles it needs:
 * no tile server, no internet. `file` null: no local basemap, every request is a JSON 404.
 * The file is stat'ed per request, so an operator may replace it while the server runs (the ETag follows).
 */
export function basemapRoutes(file: string | null) {
  return new Hono().get('/krakow.pmtiles', async (c) => {
    const missing = () =>
      c.json(
        {
          error:
            'no local basemap: put a PMTiles extract at $DATA_DIR/basemap/krakow.pmtiles or set BASEMAP_PMTILES (README, "Offline basemap (PMTiles)")',
        },
        404,
      );
    if (!file) return missing();
    const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!info?.isFile()) return missing();

    const size = info.size;
    // Strong, from size and modification time (as nginx does): the pmtiles client ignores weak ETags.
    const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const common = {
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Cache-Control': CACHE_CONTROL,
      'Last-Modified': info.mtime.toUTCString(),
    };

    const rangeHeader = c.req.header('Range');
    const ifRange = c.req.header('If-Range');
    // If-Range with another validator: the client's parts are of an older file, so send the whole new one.
    const range = rangeHeader && (!ifRange || ifRange === etag) ? parseRange(rangeHeader, size) : null;
    if (range === 'unsatisfiable') {
      return c.body(null, 416, { ...common, 'Content-Range': `bytes */${size}` });
    }
    if (
      !range &&
      c.req
        .header('If-None-Match')
        ?.split(',')
        .some((t) => t.trim() === etag)
    ) {
      return c.body(null, 304, common);
    }

    const { start, end } = range ?? { start: 0, end: size - 1 };
    const length = size === 0 ? 0 : end - start + 1;
    const headers: Record<string, string> = {
      ...common,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(length),
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    };
    const status = range ? 206 : 200;
    // Hono answers HEAD through this GET handler and drops the body: open no file for it.
    if (c.req.method === 'HEAD' || length === 0) return c.body(null, status, headers);
    const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
    return c.body(body, status, headers);
  });
}
