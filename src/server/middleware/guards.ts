import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../http-error.ts';

/** Writes must say they are JSON; anything else is 415 before a byte is parsed (never a silent `{}`). */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!/^application\/([\w.-]+\+)?json$/.test(type)) {
    throw new ApiError(415, 'send the body as JSON (Content-Type: application/json)');
  }
  await next();
};

/** Body cap → 413 JSON (docs/architecture.md). */
export const capBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, `request body too large (at most ${maxBytes} bytes)`);
    },
  });

/**
 * For answers no browser, proxy or service worker may keep: an edit token, an author's full record (exact position,
 * contacts), moderation data. Staff routes get it from checkCookieRequest; the author's routes use this.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  await next();
};

/**
 * A request body that breaks off (the client hung up, the connection dropped) is the client's failure: 400, not a
 * 500 with a stack trace in the log. Every body reader (bodyLimit, the JSON validator, the photo upload) reads
 * through this stream, so a cut-off body surfaces as one ApiError wherever it is noticed.
 */
export const cutOffBody: MiddlewareHandler = async (c, next) => {
  // GET and HEAD bodies are never read; asking for one would build a full web Request for every map read.
  const source = c.req.method === 'GET' || c.req.method === 'HEAD' ? null : c.req.raw.body;
  if (source) {
    const reader = source.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch {
          controller.error(new ApiError(400, 'the request body was cut off before its end; send it again'));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    c.req.raw = new Request(c.req.raw, { body, duplex: 'half' } as RequestInit);
  }
  await next();
};
/**
 * The request's `Authorization: Bearer <editToken>` → the token; undefined when absent. A malformed header is 401,
 * not 500. The one reader of the edit token: every author's route asks here.
 */
export function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/.exec(header);
  if (!m) throw new ApiError(401, 'Authorization must be "Bearer <editToken>"');
  return m[1];
}

/**
 * Any answer to a request that carries an edit token (`Authorization`) is its author's: never cached, on every route
 * present and future. A route that chose its own Cache-Control (a photo, say) keeps it.
 */
export const noStoreForAuthors: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.header('Authorization') !== undefined && !c.res.headers.has('Cache-Control'))
    c.header('Cache-Control', 'no-store');
};
