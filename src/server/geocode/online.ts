import { z } from 'zod';
import { inBBox, KRAKOW_BBOX } from '../../common/geo/index.ts';

export interface OnlineResult {
  label: string;
  detail?: string;
  lng: number;
  lat: number;
}

export interface OnlineOptions {
  /** GEOCODER_URL: a Photon `/api` or a Nominatim `/search` endpoint. */
  url: string;
  /** Shown under results that came from it; both services require crediting OpenStreetMap. */
  attribution?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** At most one request per this many ms (Nominatim's public policy is one per second). */
  minIntervalMs?: number;
  timeoutMs?: number;
}

const CACHE_ENTRIES = 1000;
const CACHE_MS = 24 * 3_600_000;

const PhotonAnswer = z.object({
  features: z.array(
    z.object({
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.looseObject({
        name: z.string().optional(),
        street: z.string().optional(),
        housenumber: z.string().optional(),
        postcode: z.string().optional(),
        city: z.string().optional(),
      }),
    }),
  ),
});
const NominatimAnswer = z.array(
  z.looseObject({ lat: z.coerce.number(), lon: z.coerce.number(), display_name: z.string() }),
);

/**
 * The optional online geocoder (GEOCODER_URL). Called by the server only — a resident's typing never goes to a third
 * party from their browser — with answers cached, calls spaced out, and results kept inside Kraków. A slow or failing
 * service yields no results (and a log line), never an error to the resident: the offline sources still answer.
 */
export class OnlineGeocoder {
  readonly attribution: string;
  readonly #photon: boolean;
  readonly #cache = new Map<string, { at: number; results: OnlineResult[] }>();
  #last = -Infinity;

  constructor(private readonly options: OnlineOptions) {
    const url = new URL(options.url);
    this.#photon = /\/api\/?$/.test(url.pathname);
    this.attribution = options.attribution ?? `Wyszukiwanie: ${url.host}, dane © OpenStreetMap contributors (ODbL)`;
  }

  async search(q: string): Promise<OnlineResult[]> {
    const now = (this.options.now ?? Date.now)();
    const key = q.trim().toLowerCase();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.results;
    if (now - this.#last < (this.options.minIntervalMs ?? 1000)) return [];
    this.#last = now;
    let results: OnlineResult[];
    try {
      results = await this.#request(q);
    } catch (e) {
      console.warn(`GEOCODER_URL search failed: ${(e as Error).message}`);
      return [];
    }
    if (this.#cache.size >= CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, { at: now, results });
    return results;
  }

  async #request(q: string): Promise<OnlineResult[]> {
    const [w, s, e, n] = KRAKOW_BBOX;
    const url = new URL(this.options.url);
    url.searchParams.set('q', q);
    url.searchParams.set('limit', '5');
    if (this.#photon) {
      url.searchParams.set('bbox', `${w},${s},${e},${n}`);
    } else {
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('viewbox', `${w},${n},${e},${s}`);
      url.searchParams.set('bounded', '1');
    }
    const res = await (this.options.fetch ?? fetch)(url, {
      headers: { Accept: 'application/json', 'User-Agent': 'Mapa Rewitalizacji (Kraków)' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    });
    if (!res.ok) throw new Error(`${url.host} answered ${res.status}`);
    const body: unknown = await res.json();
    const found: OnlineResult[] = this.#photon
      ? PhotonAnswer.parse(body).features.map(
          ({
            geometry: {
              coordinates: [lng, lat],
            },
            properties: p,
          }) => ({
            label: [p.street ?? p.name, p.housenumber].filter(Boolean).join(' ') || 'Kraków',
            detail:
              [p.name !== p.street ? p.name : undefined, p.postcode, p.city].filter(Boolean).join(', ') || undefined,
            lng,
            lat,
          }),
        )
      : NominatimAnswer.parse(body).map((r) => ({
          label: r.display_name.split(',').slice(0, 2).join(','),
          detail: r.display_name,
          lng: r.lon,
          lat: r.lat,
        }));
    // "Bounded" is a request, not a promise every server keeps.
    return found
      .filter((r) => inBBox([r.lng, r.lat], KRAKOW_BBOX))
      .map((r) => (r.detail ? r : { label: r.label, lng: r.lng, lat: r.lat }));
  }
}
