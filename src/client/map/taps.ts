import type { Map as MlMap, MapLayerMouseEvent } from 'maplibre-gl';
import { clusterZoom } from './point-tiles.ts';
import { motionMs } from './motion.ts';

interface Taps {
  /** The layer whose features carry an `id` property: a tap on one calls `onselect` with it. */
  points: string;
  onselect: (id: string) => void;
  /** A clustered source's cluster layer: a tap zooms in until the cluster falls apart. */
  clusters?: { layer: string; source: string };
}

/**
 * Taps on a point layer (and its clusters) with a pointer cursor over both, the same for every layer. Returns the
 * cleanup for the `$effect` that called it.
 */
export function onTaps(map: MlMap, { points, onselect, clusters }: Taps): () => void {
  const onPoint = (e: MapLayerMouseEvent) => {
    const id = e.features?.[0]?.properties['id'];
    if (typeof id === 'string') onselect(id);
  };
  const onCluster = async (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!clusters || f?.geometry.type !== 'Point') return;
    const zoom = await clusterZoom(map, clusters.source, f);
    if (zoom === null) return;
    map.easeTo({ center: f.geometry.coordinates as [number, number], zoom, duration: motionMs(500) });
  };
  const pointer = () => (map.getCanvas().style.cursor = 'pointer');
  const plain = () => (map.getCanvas().style.cursor = '');
  const layers = clusters ? [points, clusters.layer] : [points];
  map.on('click', points, onPoint);
  if (clusters) map.on('click', clusters.layer, onCluster);
  for (const id of layers) {
    map.on('mouseenter', id, pointer);
    map.on('mouseleave', id, plain);
  }
  return () => {
    map.off('click', points, onPoint);
    if (clusters) map.off('click', clusters.layer, onCluster);
    for (const id of layers) {
      map.off('mouseenter', id, pointer);
      map.off('mouseleave', id, plain);
    }
  };
}
