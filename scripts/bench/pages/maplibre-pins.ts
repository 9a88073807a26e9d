// Bare comparison page for measurement 3: 50,000 points in a clustered GeoJSON source configured like the app's
// walk layer (clusterRadius 40, clusterMaxZoom 16), drawn as circles with their counts, on a background-only style.
import { Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import { installTestHook } from '../../../src/client/map/test-hook.ts';
import { KRAKOW_BBOX } from '../../../src/common/geo/bounds.ts';

setWorkerUrl('/maplibre-gl-worker.mjs');
const coords = (await (await fetch('/points.json')).json()) as [number, number][];
const data: GeoJSON.FeatureCollection<GeoJSON.Point> = {
  type: 'FeatureCollection',
  features: coords.map(([lng, lat], i) => ({
    type: 'Feature',
    properties: { id: String(i) },
    geometry: { type: 'Point', coordinates: [lng, lat] },
  })),
};
const map = new MlMap({
  container: 'map',
  style: {
    version: 8,
    glyphs: `${location.origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }],
  },
  bounds: KRAKOW_BBOX,
});
installTestHook(map);
map.on('load', () => {
  map.addSource('pins', { type: 'geojson', data, cluster: true, clusterRadius: 40, clusterMaxZoom: 16 });
  map.addLayer({
    id: 'clusters',
    type: 'circle',
    source: 'pins',
    filter: ['has', 'point_count'],
    paint: { 'circle-color': '#51bbd6', 'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24] },
  });
  map.addLayer({
    id: 'cluster-count',
    type: 'symbol',
    source: 'pins',
    filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': ['Noto Sans Bold'], 'text-size': 12 },
  });
  map.addLayer({
    id: 'pins',
    type: 'circle',
    source: 'pins',
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': '#1d3557', 'circle-radius': 5 },
  });
});
