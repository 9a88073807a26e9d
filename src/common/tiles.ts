import { z } from 'zod';
import { Layer, WalkKind } from './points.ts';
import { SubareaId } from './subareas.ts';

/**
 * Vector tiles of the published points (GET /api/tiles/<layer>/<z>/<x>/<y>.mvt): what a map with tens of thousands
 * of pins loads instead of the whole list. Each tile holds one MVT layer named after the points layer.
 */

/** Deepest zoom a tile is made for; MapLibre enlarges the last tile past it. */
export const TILE_MAX_ZOOM = 18;
/** Below this zoom walk pins are clustered (the GeoJSON source's clusterMaxZoom), from it on drawn one by one. */
export const CLUSTER_MAX_ZOOM = { walk: 16, help: 15 } as const satisfies Record<Layer, number>;
/** Cluster radius in pixels of a 512-pixel tile, the same as the GeoJSON sources use. */
export const CLUSTER_RADIUS_PX = 40;

const whole = (field: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `${field} must be a whole number`)
    .transform(Number)
    .refine((n) => n <= max, `${field} must be at most ${max}`);

/** The path's parts. x and y must lie inside the 2^z × 2^z grid of their zoom. */
export const TileParams = z
  .strictObject({
    layer: Layer,
    z: whole('z', TILE_MAX_ZOOM),
    x: whole('x', 2 ** TILE_MAX_ZOOM - 1),
    y: z
      .string()
      .regex(/^\d{1,7}\.mvt$/, 'y must be a whole number followed by .mvt')
      .transform((s) => Number(s.slice(0, -4))),
  })
  .superRefine((t, ctx) => {
    for (const field of ['x', 'y'] as const) {
      if (t[field] >= 2 ** t.z)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} must be below 2^z (${2 ** t.z})` });
    }
  });
export type TileParams = z.infer<typeof TileParams>;

/**
 * The walk list's filters, so clusters count only the pins the list shows. `v`: the data version the client last
 * heard of; it only makes the tile's URL change with the data (the browser must not reuse a tile from before).
 */
export const TileQuery = z.strictObject({
  kind: WalkKind.optional(),
  theme: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'theme must be a theme id')
    .optional(),
  subarea: z.union([SubareaId, z.literal('none')]).optional(),
  v: z
    .string()
    .regex(/^\d{1,15}$/, 'v must be a whole number (a data version)')
    .optional(),
});
export type TileQuery = z.infer<typeof TileQuery>;

/** GET /api/tiles/<layer>.json: a TileJSON 3 description, plus how many pins the layer holds now. */
export const TileInfo = z.object({
  tilejson: z.literal('3.0.0'),
  tiles: z.array(z.string()),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  vector_layers: z.array(z.object({ id: Layer, fields: z.record(z.string(), z.string()) })),
  /** Published pins the layer's map shows now. */
  count: z.number().int().nonnegative(),
  /** The public data's version these figures are from. */
  version: z.number().int().nonnegative(),
});
export type TileInfo = z.infer<typeof TileInfo>;
