// Bare comparison page for measurement 8: the same MapLibre page as maplibre-pins.ts, but its pins come from the
// app's vector tiles (/api/tiles/walk, proxied to the app server by the bench's static server) instead of one
// points.json clustered in the browser: what tiles alone change, without the app's own start-up.
import { Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import { installTestHook } from '../../../src/client/map/test-hook.ts';
import { KRAKOW_BBOX } from '../../../src/common/geo/bounds.ts';

setWorkerUrl('/maplibre-gl-worker.mjs');
const map = new MlMap({
  container: 'map',
  style: {
    version: 8,
    glyphs: `${location.origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      pins: { type: 'vector', tiles: [`${location.origin}/api/tiles/walk/{z}/{x}/{y}.mvt`], maxzoom: 17 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
      {
        id: 'clusters',
        type: 'circle',
        source: 'pins',
        'source-layer': 'walk',
        filter: ['has', 'point_count'],
        paint: { 'circle-color': '#51bbd6', 'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24] },
      },
      {
        id: 'cluster-count',
        type: 'symbol',
        source: 'pins',
        'source-layer': 'walk',
        filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['Noto Sans Bold'], 'text-size': 12 },
      },
      {
        id: 'pins',
        type: 'circle',
        source: 'pins',
        'source-layer': 'walk',
        filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': '#1d3557', 'circle-radius': 5 },
      },
    ],
  },
  bounds: KRAKOW_BBOX,
});
installTestHook(map);
