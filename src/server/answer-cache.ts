import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { compressBytes, pickEncoding, varyOnEncoding, COMPRESS_MIN_BYTES, type Encoding } from './compression.ts';

/** One serialized answer: its bytes, a strong validator, and its compressed forms, each made once when first asked. */
export class CachedAnswer {
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(readonly body: Buffer) {
    this.etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  }

  /** The ETag of one representation: the bytes differ per encoding, so the tags do too (RFC 9110 §8.8.3). */
  tag(encoding: Encoding | null): string {
    return `"${this.etag}${encoding ? `-${encoding}` : ''}"`;
  }

  bytes(encoding: Encoding | null): Promise<Buffer> {
    if (!encoding) return Promise.resolve(this.body);
    let p = this.encoded.get(encoding);
    if (!p) {
      p = compressBytes(this.body, encoding);
      this.encoded.set(encoding, p);
    }
    return p;
  }
}

/**
 * Serialized answers kept per data version: the first request after a change builds and serializes the answer, the
 * next ones (a room of phones opening the map) get the same bytes, already compressed. A new version empties the
 * cache; the key says which answer (layer and filters). Bounded, oldest dropped first.
 */
export class AnswerCache {
  private version = -1;
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(private readonly max = 64) {}

  get(version: number, key: string, build: () => unknown): CachedAnswer {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    let hit = this.entries.get(key);
    if (!hit) {
      hit = new CachedAnswer(Buffer.from(JSON.stringify(build())));
      this.entries.set(key, hit);
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    return hit;
  }
}

/**
 * Sends a cached answer (JSON unless told otherwise): `304 Not Modified` when the browser's copy is current (If-None-Match), else the bytes
 * in the encoding it accepts. `no-cache`: a browser may keep it but must ask each time, which costs one small
 * round trip and never shows a pin removed a minute ago.
 */
export async function sendCached(
  c: Context,
  answer: CachedAnswer,
  contentType = 'application/json',
): Promise<Response> {
  const encoding = answer.body.length >= COMPRESS_MIN_BYTES ? pickEncoding(c.req.header('Accept-Encoding')) : null;
  const headers = new Headers({
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    ETag: answer.tag(encoding),
  });
  varyOnEncoding(headers);
  const wanted = c.req.header('If-None-Match');
  if (wanted && (wanted.trim() === '*' || wanted.split(',').some((t) => t.trim() === answer.tag(encoding)))) {
    return new Response(null, { status: 304, headers });
  }
  const body = await answer.bytes(encoding);
  if (encoding) headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.length));
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}
