import { z } from 'zod';
import type { Categories } from './categories.ts';
import { countParam, helpKind, Lat, Lng, uniq } from './points.ts';

/** At most this many offers in one answer of GET /api/points/nearest; without `limit`, NEAREST_DEFAULT. */
export const NEAREST_MAX = 200;
export const NEAREST_DEFAULT = 100;

/**
 * GET /api/points/nearest: "Znajdź pomoc" on a help map too big to send whole, the offers nearest a place, of any of
 * the chosen kinds. Built from data/categories.json (editable data) like the point schemas. Query strings, so numbers
 * and lists arrive as text.
 */
export function makeNearestHelpQuery(categories: Categories) {
  const Kind = helpKind(categories);
  return z.strictObject({
    near: z
      .string({ error: 'near is required: the place as lng,lat' })
      .regex(/^-?\d{1,3}(\.\d{1,12})?,-?\d{1,2}(\.\d{1,12})?$/, 'near is the place as lng,lat, e.g. 19.9447,50.0513')
      .transform((v) => v.split(',').map(Number) as [number, number])
      .pipe(z.tuple([Lng, Lat])),
    kinds: z
      .string()
      .max(1000, 'kinds: too long')
      .transform((v) => v.split(','))
      .pipe(z.array(Kind).refine(uniq, 'kinds: each kind once'))
      .optional(),
    limit: countParam('limit', NEAREST_MAX).optional(),
  });
}
export type NearestHelpQuery = z.infer<ReturnType<typeof makeNearestHelpQuery>>;
