import type {
  ExpressionSpecification,
  GeoJSONSource,
  GeoJSONSourceSpecification,
  Map as MlMap,
  MapGeoJSONFeature,
  SourceSpecification,
  VectorTileSource,
} from 'maplibre-gl';
import type { Layer } from '../../common/points.ts';
import { CLUSTER_MAX_ZOOM } from '../../common/tiles.ts';
import { KIND_COLORS } from './help-icons.ts';

/**
 * What a points layer needs to draw from the server's vector tiles (GET /api/tiles) instead of a clustered GeoJSON
 * source: the same style layers, the same cluster properties (point_count, keep/change), only the source differs.
 */

/** The layer's source: vector tiles when `tiles` (a URL template) is given, else the GeoJSON source as before. */
export function pointSource(
  layer: Layer,
  tiles: string | null,
  geojson: GeoJSONSourceSpecification,
): SourceSpecification {
  if (!tiles) return geojson;
  // Past the last clustered zoom a tile holds single pins: MapLibre enlarges it instead of asking for more.
  return { type: 'vector', tiles: [tiles], maxzoom: CLUSTER_MAX_ZOOM[layer] + 1, promoteId: 'id' };
}

/** Spread into every style layer of the source: a vector source needs the name of the layer in its tiles. */
export const sourceLayer = (layer: Layer, tiles: string | null) => (tiles ? { 'source-layer': layer } : {});

/** Points a tiled source at new tiles (filters or data changed); a GeoJSON source gets setData instead. */
export function retile(map: MlMap, source: string, tiles: string | null): void {
  const s = map.getSource<VectorTileSource>(source);
  if (tiles && s?.type === 'vector' && s.tiles?.[0] !== tiles) s.setTiles([tiles]);
}

/** The zoom at which a tapped cluster falls apart: the tile says it; a GeoJSON source is asked. */
export async function clusterZoom(map: MlMap, source: string, f: MapGeoJSONFeature): Promise<number | null> {
  const p = f.properties;
  if (typeof p['expansion_zoom'] === 'number') return p['expansion_zoom'];
  const s = map.getSource(source);
  if (s?.type !== 'geojson' || typeof p['cluster_id'] !== 'number') return null;
  return (s as GeoJSONSource).getClusterExpansionZoom(p['cluster_id']);
}

/** The help symbol of a tile's pin, named as help-icons.ts names them (the GeoJSON list carries it ready). */
export const helpIconFromTile: ExpressionSpecification = [
  'concat',
  'help-',
  ['case', ['==', ['get', 'person'], true], 'person', 'org'],
  '-',
  ['match', ['get', 'kind'], Object.keys(KIND_COLORS), ['get', 'kind'], 'other'],
];
