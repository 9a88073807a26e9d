import type { Layer } from '../../common/points.ts';

/** The walk list's filters applied to the tiles (empty for help: its search highlights instead of filtering). */
export interface TileFilters {
  kind?: 'keep' | 'change';
  theme?: string;
  subarea?: string;
}

/**
 * What makes tiles from the published points. One per database engine: supercluster + vt-pbf in this process on
 * SQLite (cluster-tiles.ts); a database that can build MVT itself (PostGIS ST_AsMVT) implements the same two calls.
 * Either reads only the public projection of each point — a private person's cell centre, never their door.
 * `version`: the public data's version the caller is answering for, so an engine may keep work per version.
 */
export interface TileEngine {
  /** One tile, encoded as an uncompressed Mapbox Vector Tile with one layer named `layer`. */
  tile(version: number, layer: Layer, filters: TileFilters, z: number, x: number, y: number): Promise<Uint8Array>;
  /** How many pins the layer's map shows (the client picks tiles or GeoJSON by it). */
  count(version: number, layer: Layer): Promise<number>;
}
