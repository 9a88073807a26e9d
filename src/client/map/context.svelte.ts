import type { Map as MlMap } from 'maplibre-gl';
import { createContext } from 'svelte';

/**
 * The map lives in context, owned by the component that created it (MapCanvas), which also removes it.
 * $state.raw: MapLibre's Map must never be wrapped in a deep proxy.
 */
export class MapContext {
  map = $state.raw<MlMap | null>(null);
}

const [getMapContext, setMapContext, hasMapContext] = createContext<MapContext>();
export { setMapContext };

export function useMap(): MlMap {
  if (!hasMapContext()) throw new Error('Map context not found: use this component inside <MapCanvas>');
  const { map } = getMapContext();
  if (!map) throw new Error('Map not ready: MapCanvas renders its children only after the style has loaded');
  return map;
}
