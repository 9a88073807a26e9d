import { z } from 'zod';

/** GET /api/config: what the SPA needs to know about its deployment, decided by the server's env. */
export const ClientConfig = z.strictObject({
  /** Online OpenStreetMap vector style, or null to use the offline style only (tests, CI, air-gapped rooms). */
  basemapStyleUrl: z.url().nullable(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;
