import { z } from 'zod';

/** GET /api/config: what the SPA needs to know about its deployment, decided by the server's env. */
export const ClientConfig = z.strictObject({
  /** Online OpenStreetMap vector style, or null to use the offline style only (tests, CI, air-gapped rooms). */
  basemapStyleUrl: z.url().nullable(),
  /** Same-origin path of a local PMTiles extract, or null; when set it wins over the online style. */
  basemap: z.strictObject({ pmtiles: z.string().startsWith('/').nullable() }),
  /** Days until an unconfirmed help offer fades / leaves the default view (src/shared/freshness.ts). */
  helpFreshness: z.object({ fadeDays: z.number().int().positive(), hideDays: z.number().int().positive() }),
});
export type ClientConfig = z.infer<typeof ClientConfig>;
