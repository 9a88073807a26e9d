import { z } from 'zod';

/** WGS84 position [lng, lat]; extra ordinates (altitude) are allowed by RFC 7946 and ignored. */
export const Position = z
  .array(z.number().finite())
  .min(2, 'a position needs [longitude, latitude]')
  .refine(([lng, lat]) => Math.abs(lng!) <= 180 && Math.abs(lat!) <= 90, 'longitude/latitude out of range');

const LinearRing = z
  .array(Position)
  .min(4, 'a polygon ring needs at least 4 positions')
  .refine((ring) => {
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    return a[0] === b[0] && a[1] === b[1];
  }, 'a polygon ring must end where it starts');

export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) });
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1),
});
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });

export type LngLat = readonly [lng: number, lat: number];
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];
