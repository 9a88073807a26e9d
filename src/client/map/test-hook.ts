import type { Map as MlMap } from 'maplibre-gl';

export interface MapTestHook {
  /** Ids (properties.id) of features MapLibre actually drew in these layers. */
  renderedIds(layers: string[]): string[];
  /** Properties of the features MapLibre drew in these layers (e.g. a walk pin's kind, to check its style). */
  renderedProperties(layers: string[]): Record<string, unknown>[];
  /** Screen position (CSS px, relative to the map container) of a geographic point. */
  project(lng: number, lat: number): { x: number; y: number };
  /** True once the map has loaded and finished drawing. */
  idle(): boolean;
  /** A feature's feature-state (hover, selection, search highlight) in a source; {} when none is set. */
  featureState(source: string, id: string): Record<string, unknown>;
  /** The camera's zoom level now. */
  zoom(): number;
  /** True while the camera is animating (a flight or an ease); false when it jumped (reduced motion). */
  moving(): boolean;
}

declare global {
  interface Window {
    __mapa?: MapTestHook;
  }
}

/**
 * A tiny read-only window into the real map for end-to-end tests: they assert on what MapLibre rendered,
 * not on DOM text. Harmless in production (it reads, never writes), so it is not build-gated.
 */
export function installTestHook(map: MlMap): () => void {
  window.__mapa = {
    renderedIds: (layers) => {
      const present = layers.filter((id) => map.getLayer(id));
      const features = present.length ? map.queryRenderedFeatures({ layers: present }) : [];
      return [...new Set(features.map((f) => String(f.properties['id'])))];
    },
    renderedProperties: (layers) => {
      const present = layers.filter((id) => map.getLayer(id));
      return present.length ? map.queryRenderedFeatures({ layers: present }).map((f) => ({ ...f.properties })) : [];
    },
    project: (lng, lat) => map.project([lng, lat]),
    idle: () => map.loaded() && map.isStyleLoaded() === true && !map.isMoving(),
    featureState: (source, id) => ({ ...map.getFeatureState({ source, id }) }),
    zoom: () => map.getZoom(),
    moving: () => map.isMoving(),
  };
  return () => {
    delete window.__mapa;
  };
}
