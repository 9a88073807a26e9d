import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http-error.ts';
import { validate } from '../middleware/validate.ts';
import { sendCached } from '../answer-cache.ts';
import { Layer } from '../../common/points.ts';
import { TileParams, TileQuery } from '../../common/tiles.ts';
import type { Tiles } from '../tiles/tiles.ts';

const InfoParams = z.strictObject({
  file: z
    .string()
    .regex(/^(walk|help)\.json$/, 'the tile description is walk.json or help.json')
    .transform((f) => Layer.parse(f.slice(0, -5))),
});

/** /api/tiles: vector tiles of the published points, for a map with more pins than a list can carry. */
export function tileRoutes(tiles: Tiles) {
  return new Hono()
    .get('/:file', validate('param', InfoParams), async (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.json(await tiles.info(c.req.valid('param').file));
    })
    .get('/:layer/:z/:x/:y', validate('param', TileParams), validate('query', TileQuery), async (c) => {
      const { layer, z: zoom, x, y } = c.req.valid('param');
      const { kind, theme, subarea } = c.req.valid('query');
      if (layer !== 'walk') {
        const walkOnly = Object.entries({ kind, theme, subarea }).filter(([, v]) => v !== undefined);
        if (walkOnly.length)
          throw new ApiError(
            400,
            'invalid query',
            walkOnly.map(([path]) => ({ path, message: `${path} filters the walk layer only` })),
          );
      }
      return sendCached(c, await tiles.tile(layer, { kind, theme, subarea }, zoom, x, y));
    });
}
