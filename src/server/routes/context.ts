import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Offline basemap context layers (data/context/*.geojson): the Vistula and friends, no network needed. */
const NAMES = ['vistula'] as const;

export function contextRoutes(dataDir: string) {
  const layers = new Map(NAMES.map((n) => [n, readFileSync(join(dataDir, 'context', `${n}.geojson`), 'utf8')]));
  return new Hono().get('/:name{[a-z-]+\\.geojson}', (c) => {
    const body = layers.get(c.req.param('name').replace(/\.geojson$/, '') as (typeof NAMES)[number]);
    if (!body) return c.json({ error: `no context layer ${c.req.param('name')}` }, 404);
    c.header('Content-Type', 'application/geo+json');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(body);
  });
}
