import { notModified } from './answer-cache.ts';
import type { PublicReads } from './public-reads.ts';
import type { PointsQuery } from '../common/points.ts';

const PATH = '/api/points';
/** Distinct query strings remembered; a flood of odd URLs only empties the list (they go the full way meanwhile). */
const MAX_QUERIES = 1_000;
/** Set per representation; everything else the full way put on an answer of the route is the same for all. */
const PER_ANSWER = new Set(['etag', 'content-length', 'content-encoding', 'set-cookie', 'date']);

/** The query string of a request to GET /api/points (with its "?", or ''), or undefined for any other request. */
export function pointsSearch(method: string, url: string): string | undefined {
  if (method !== 'GET') return undefined;
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const q = url.indexOf('?', pathStart);
  const path = q < 0 ? url.slice(pathStart) : url.slice(pathStart, q);
  if (path !== PATH) return undefined;
  return q < 0 ? '' : url.slice(q);
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * A repeated map read answered before the framework: the same URL asked again (a room of phones opening the map,
 * each reload) gets the answer already built and compressed for this data version, with the headers the full way
 * gave the same route — a header object and one buffer for the socket, as a bare server would. Anything else
 * goes the full way: a query string not yet validated by the route, an answer not built or compressed yet for the
 * current version, a request with credentials, any other method or path. The headers are learnt from the route's
 * own answers (security headers included), so they cannot drift from it; a middleware with side effects added
 * in front of GET /api/points would be skipped here, so such a middleware must be added to this path too.
 */
export class FastReads {
  private envelope: Record<string, string> | null = null;
  private readonly queries = new Map<string, PointsQuery>();

  constructor(private readonly reads: PublicReads) {}

  /** Called by the route once it has validated a query string: only such strings are ever answered here. */
  remember(url: string, q: PointsQuery): void {
    const search = pointsSearch('GET', url);
    if (search === undefined) return;
    if (this.queries.size >= MAX_QUERIES) this.queries.clear();
    this.queries.set(search, q);
  }

  /** The app's fetch with this in front of it. */
  wrap<F extends Fetch>(full: F): F {
    const fetch = (request: Request, ...rest: never[]) => {
      const search = pointsSearch(request.method, request.url);
      if (search === undefined) return full(request, ...rest);
      return this.answer(request, search).then(
        (fast) =>
          fast ??
          Promise.resolve(full(request, ...rest)).then((res) => {
            this.learn(res);
            return res;
          }),
      );
    };
    return fetch as F;
  }

  private learn(res: Response): void {
    if (res.status !== 200 || !res.headers.has('ETag')) return;
    const envelope: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!PER_ANSWER.has(name)) envelope[name] = value;
    });
    this.envelope = envelope;
  }

  private async answer(request: Request, search: string): Promise<Response | undefined> {
    const q = this.queries.get(search);
    if (!q || !this.envelope || request.headers.has('Authorization')) return undefined;
    const answer = await this.reads.peekPoints(q);
    if (!answer) return undefined;
    const encoding = answer.encodingFor(request.headers.get('Accept-Encoding') ?? undefined);
    const body = answer.ready(encoding);
    if (!body) return undefined;
    const etag = answer.tag(encoding);
    const headers: Record<string, string> = { ...this.envelope, etag };
    if (notModified(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
  }
}
