import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pickEncoding, type Encoding } from './compression.ts';

interface Variant {
  path: string;
  size: number;
  etag: string;
}
interface StaticFile {
  /** What the entry was made from: a rebuilt file (new size or time) is read again. */
  mtimeMs: number;
  size: number;
  type: string;
  identity: Variant;
  encoded: Partial<Record<Encoding, Variant>>;
}

const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

async function variant(path: string, tag: string): Promise<Variant> {
  const bytes = await readFile(path);
  return {
    path,
    size: bytes.length,
    etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}${tag}"`,
  };
}

/**
 * The built SPA's files. Each may have `.br` / `.gz` copies made at build time (scripts/vite/precompress.ts); the
 * one the client accepts is sent, with `Vary: Accept-Encoding` on every answer of such a file so no cache hands
 * brotli to a client that did not ask for it. Each representation has its own strong ETag, answered with 304 when
 * the browser has it. A file is hashed once and again only when it changes on disk (a rebuild, a new sw.js), and a
 * copy older than its file is ignored, so a rewritten file is never answered with its stale compressed copy.
 */
export class StaticFiles {
  private readonly root: string;
  private readonly entries = new Map<string, StaticFile>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file for a URL path, or null: no `..`, no dot-files, nothing outside the root. */
  private pathOf(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s.startsWith('.')))
      return null;
    const path = join(this.root, decoded);
    return path.startsWith(this.root + sep) ? path : null;
  }

  private async entry(urlPath: string): Promise<StaticFile | null> {
    const path = this.pathOf(urlPath);
    if (!path) return null;
    const st = await stat(path).catch(() => null);
    if (!st?.isFile()) return null;
    const known = this.entries.get(path);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known;
    const encoded: StaticFile['encoded'] = {};
    for (const [encoding, suffix] of Object.entries(SUFFIX) as [Encoding, string][]) {
      const copy = await stat(path + suffix).catch(() => null);
      if (copy?.isFile() && copy.mtimeMs >= st.mtimeMs)
        encoded[encoding] = await variant(path + suffix, `-${encoding}`);
    }
    const file = {
      mtimeMs: st.mtimeMs,
      size: st.size,
      type: getMimeType(path) ?? 'application/octet-stream',
      identity: await variant(path, ''),
      encoded,
    };
    this.entries.set(path, file);
    return file;
  }

  /** Answers GET/HEAD for a file of the build, or returns null when there is no such file. */
  async serve(c: Context, urlPath: string): Promise<Response | null> {
    const file = await this.entry(urlPath);
    if (!file) return null;
    const available = Object.keys(file.encoded) as Encoding[];
    const encoding = pickEncoding(c.req.header('Accept-Encoding'), available);
    const v = encoding ? file.encoded[encoding]! : file.identity;
    const headers = new Headers({ 'Content-Type': file.type, ETag: v.etag });
    if (available.length) headers.set('Vary', 'Accept-Encoding');
    if (encoding) headers.set('Content-Encoding', encoding);
    if (
      c.req
        .header('If-None-Match')
        ?.split(',')
        .some((t) => t.trim() === v.etag)
    )
      return new Response(null, { status: 304, headers });
    headers.set('Content-Length', String(v.size));
    const body = c.req.method === 'HEAD' ? null : ((await readFile(v.path)) as Uint8Array<ArrayBuffer>);
    return new Response(body, { status: 200, headers });
  }
}
