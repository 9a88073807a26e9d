import type { Context } from 'hono';
import { compressBytes, pickEncoding, COMPRESS_MIN_BYTES, type Encoding } from './compression.ts';
import { digestOf, type Bytes } from './slices.ts';

/**
 * One serialized answer: its bytes, a strong validator, and its compressed forms, each made once (on libuv's thread
 * pool, off the event loop) by the first request that accepts it and shared by every later one. What a repeated
 * request costs is then the headers and one buffer written to the socket.
 */
export class CachedAnswer {
  readonly body: Buffer;
  private readonly digest: string;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  /** The compressed copies already made, for a caller that must not wait (fast-reads.ts). */
  private readonly made = new Map<Encoding, Buffer>();

  constructor(
    /** Bytes made by slices.ts (hashed as they were made), or a buffer to hash now. */
    bytes: Bytes | Buffer,
    readonly contentType = 'application/json',
    /** Sent with every representation, e.g. Content-Disposition for a download. */
    readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {
    ({ body: this.body, digest: this.digest } = Buffer.isBuffer(bytes) ? digestOf(bytes) : bytes);
  }

  /** The ETag of one representation: the bytes differ per encoding, so the tags do too (RFC 9110 §8.8.3). */
  tag(encoding: Encoding | null): string {
    return `"${this.digest}${encoding ? `-${encoding}` : ''}"`;
  }

  /** The encoding to send for an Accept-Encoding header: none for bodies too small to gain from it. */
  encodingFor(acceptEncoding: string | undefined): Encoding | null {
    return this.body.length >= COMPRESS_MIN_BYTES ? pickEncoding(acceptEncoding) : null;
  }

  /** The bytes in an encoding if they are made already; undefined when a compression has yet to run. */
  ready(encoding: Encoding | null): Buffer | undefined {
    return encoding ? this.made.get(encoding) : this.body;
  }

  bytes(encoding: Encoding | null): Promise<Buffer> {
    if (!encoding) return Promise.resolve(this.body);
    let p = this.encoded.get(encoding);
    if (!p) {
      p = compressBytes(this.body, encoding);
      this.encoded.set(encoding, p);
      p.then(
        (bytes) => this.made.set(encoding, bytes),
        () => {},
      );
      // A failed compression is not kept: the next request tries again.
      p.catch(() => this.encoded.get(encoding) === p && this.encoded.delete(encoding));
    }
    return p;
  }
}

/**
 * Serialized answers kept per data version: the first request after a change builds and serializes the answer, the
 * next ones (a room of phones opening the map) get the same bytes, already compressed. Requests that arrive while an
 * answer is being built wait for that one build (the promise is what is kept), so ten phones asking at once cost one
 * build. A new version empties the cache; the key says which answer (layer and filters). Bounded in entries and in
 * bytes (a whole layer of 50,000 pins is ~20 MB), oldest dropped first.
 */
export class AnswerCache {
  private version = -1;
  private readonly entries = new Map<string, { answer: Promise<CachedAnswer>; bytes: number; built?: CachedAnswer }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 64,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  get(version: number, key: string, build: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit) return hit.answer;
    const entry: { answer: Promise<CachedAnswer>; bytes: number; built?: CachedAnswer } = { answer: build(), bytes: 0 };
    this.entries.set(key, entry);
    entry.answer.then(
      (a) => {
        if (this.entries.get(key) !== entry) return;
        entry.built = a;
        // The compressed copies come on top; brotli's are a tenth of the body or less.
        entry.bytes = Math.ceil(a.body.length * 1.2);
        this.bytes += entry.bytes;
        this.evict();
      },
      // A failed build is not kept: the next request tries again.
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    this.evict();
    return entry.answer;
  }

  /** The answer if it is built already for this version; never starts a build. */
  peek(version: number, key: string): CachedAnswer | undefined {
    return version === this.version ? this.entries.get(key)?.built : undefined;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      // The newest answer stays even when it alone is over the limit: it is the one being asked for.
      if (this.entries.size === 1) return;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

/** Whether an If-None-Match header names this representation (or any: `*`). */
export function notModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
  return !!ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim() === etag));
}

/**
 * Sends a cached answer: `304 Not Modified` when the browser's copy is current (If-None-Match), else the bytes in
 * the encoding it accepts. `no-cache`: a browser may keep it but must ask each time, which costs one small round
 * trip and never shows a pin removed a minute ago. The headers are a plain object, which the Node adapter writes
 * as they are; the compression middleware leaves an answer that names its encoding alone.
 */
export async function sendCached(
  c: Context,
  answer: CachedAnswer,
  contentType = answer.contentType,
): Promise<Response> {
  const encoding = answer.encodingFor(c.req.header('Accept-Encoding'));
  const etag = answer.tag(encoding);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...answer.extraHeaders,
  };
  if (notModified(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  const body = await answer.bytes(encoding);
  if (encoding) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.length);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
}
