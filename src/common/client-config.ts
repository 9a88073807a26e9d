import { z } from 'zod';

/** GET /api/config: what the SPA needs to know about its deployment, decided by the server's env. */
export const ClientConfig = z.strictObject({
  /** Online OpenStreetMap vector style, or null to use the offline style only (tests, CI, air-gapped rooms). */
  basemapStyleUrl: z.url().nullable(),
  /** Same-origin path of a local PMTiles extract, or null; when set it wins over the online style. */
  basemap: z.strictObject({ pmtiles: z.string().startsWith('/').nullable() }),
  /** Days until an unconfirmed help offer fades / leaves the default view (src/common/freshness.ts). */
  helpFreshness: z.object({ fadeDays: z.number().int().positive(), hideDays: z.number().int().positive() }),
  /** A points layer with more published pins than this is drawn from vector tiles instead of one GeoJSON list. */
  mapTilesFromPins: z.number().int().positive(),
});
/** MAP_TILES_FROM_PINS's default: a list this long is ~2 MB of JSON, about what a phone fetches without a wait. */
export const DEFAULT_TILES_FROM_PINS = 5000;

export type ClientConfig = z.infer<typeof ClientConfig>;
