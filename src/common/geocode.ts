import { z } from 'zod';
import { Lat, Lng } from './points.ts';
import { SubareaId } from './subareas.ts';

/** GET /api/geocode?q= — what a resident typed; short, since nobody types a paragraph into an address box. */
export const GeocodeQuery = z.strictObject({
  q: z
    .string({ error: 'q is required' })
    .trim()
    .min(1, 'q must not be empty')
    .max(120, 'q is too long (at most 120 characters)'),
});
export type GeocodeQuery = z.infer<typeof GeocodeQuery>;

const coordinate = (schema: typeof Lng) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), schema);
/** GET /api/geocode/reverse?lng=&lat= — a position in Kraków. */
export const ReverseQuery = z.strictObject({ lng: coordinate(Lng), lat: coordinate(Lat) });
export type ReverseQuery = z.infer<typeof ReverseQuery>;

export const GEOCODE_KINDS = ['address', 'street', 'place', 'online'] as const;
export const GeocodeResult = z.object({
  /** What the list shows: "ul. Józefa 12", "ul. Miodowa", "Plac Nowy (Okrąglak)". */
  label: z.string(),
  /** A second line: the place's address, or the postcode. */
  detail: z.string().optional(),
  /** address: a numbered building; street: the middle of a street's address points; place: the landmarks list. */
  kind: z.enum(GEOCODE_KINDS),
  lng: z.number(),
  lat: z.number(),
  subarea: SubareaId.nullable(),
});
export type GeocodeResult = z.infer<typeof GeocodeResult>;

export const GeocodeAnswer = z.object({
  results: z.array(GeocodeResult),
  /** false when no address register is installed: only the landmarks list was searched (the client says so). */
  addresses: z.boolean(),
  /** The online provider's required credit, when any result came from it. */
  attribution: z.string().optional(),
});
export type GeocodeAnswer = z.infer<typeof GeocodeAnswer>;

/** The address nearest a position: a building within 50 m, or only its street when the nearest is further. */
export const ReverseAddress = z.object({
  street: z.string(),
  /** null when only the street is named (no building close enough, or a private person's street-only line). */
  number: z.string().nullable(),
  /** Metres from the asked position to the named building or to the street's nearest address point. */
  distanceM: z.number(),
});
export type ReverseAddress = z.infer<typeof ReverseAddress>;
export const ReverseAnswer = z.object({ address: ReverseAddress.nullable(), addresses: z.boolean() });
export type ReverseAnswer = z.infer<typeof ReverseAnswer>;

/** "ul. Józefa 12", or "ul. Józefa" when only the street is known. */
export const addressLabel = (a: { street: string; number: string | null }) =>
  a.number ? `${a.street} ${a.number}` : a.street;
