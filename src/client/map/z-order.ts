import type { AddLayerObject, Map as MlMap } from 'maplibre-gl';

/**
 * Every layer the app adds, bottom to top. Basemap layers stay below all of these.
 * One list, so "why is this label under that fill?" has one answer (docs/style.md, habit 7).
 */
export const LAYER_ORDER = [
  'subareas-fill',
  'subareas-line',
  'subareas-line-selected',
  'walk-selected',
  'walk-points',
  'walk-clusters',
  // Help offers: persons' soft areas under the result ring, clusters and symbols on top.
  'help-person-area',
  'help-match',
  'help-clusters',
  'help-cluster-count',
  'help-points',
  // The ambassadors' activities: few, dated, and what a resident looks for first when planning a visit.
  'activities-selected',
  'activities-points',
  'activities-day',
  // Subarea names above the pins: a pin drawn over „Kazimierz-Stradom” made it unreadable; a name is a thin text
  // with a halo, so the pin under it still shows, and clicks go through it to the pin.
  'subareas-label',
  // Pins published while the projector is on: the ring must show even over a cluster.
  'arrivals-ring',
  // The location picker's chosen point sits above everything: it is what the resident is placing right now.
  'placement-point',
] as const;
export type LayerId = (typeof LAYER_ORDER)[number];

/** Adds the layer below the next app layer already on the map; throws for a layer missing from LAYER_ORDER. */
export function addLayerInOrder(map: MlMap, layer: AddLayerObject & { id: LayerId }): void {
  const index = LAYER_ORDER.indexOf(layer.id);
  if (index < 0) throw new Error(`layer "${layer.id}" is not in LAYER_ORDER (src/client/map/z-order.ts): add it there`);
  const before = LAYER_ORDER.slice(index + 1).find((id) => map.getLayer(id));
  map.addLayer(layer, before);
}

export function removeLayer(map: MlMap, id: LayerId): void {
  if (map.getLayer(id)) map.removeLayer(id);
}
