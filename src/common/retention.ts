import { z } from 'zod';

/**
 * How long personal data is kept after it stops being needed (RODO art. 5(1)(e)). The privacy notice quotes these
 * numbers, so the page a resident reads always matches what the deployment is configured to erase.
 */
export const Retention = z.strictObject({
  /** A contribution a moderator rejected is erased this many days after the rejection. */
  rejectedDays: z.number().int().positive(),
  /** A contact request the ambassador closed (handed over or failed) is erased this many days after closing. */
  closedContactRequestDays: z.number().int().positive(),
  /** A help offer hidden as stale is erased this many days after the helper last confirmed it. */
  staleHelpDays: z.number().int().positive(),
});
export type Retention = z.infer<typeof Retention>;

/** The periods the product promises (30 / 30 / 180 days); deployments may shorten or lengthen them. */
export const DEFAULT_RETENTION: Retention = { rejectedDays: 30, closedContactRequestDays: 30, staleHelpDays: 180 };

export const RETENTION_TOKENS = Object.keys(DEFAULT_RETENTION) as (keyof Retention)[];
