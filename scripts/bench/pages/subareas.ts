// Bare comparison page for measurement 2: MapLibre with the app's offline style and the three subareas as one
// fill layer — nothing else (no Svelte, no panel, no API client, no zod). Same test hook as the app, same probe.
import { Map as MlMap, setWorkerUrl } from 'maplibre-gl';
import { offlineStyle } from '../../../src/client/map/basemap.ts';
import { installTestHook } from '../../../src/client/map/test-hook.ts';
import { boundsOf } from '../../../src/common/geo/bounds.ts';
import type { AreaGeometry } from '../../../src/common/geojson.ts';

interface Subareas {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { id: string }; geometry: AreaGeometry }[];
}

setWorkerUrl('/maplibre-gl-worker.mjs');
const data = (await (await fetch('/subareas.geojson')).json()) as Subareas;
if (data.features.length !== 3)
  throw new Error(`expected the 3 subareas in /subareas.geojson, got ${data.features.length}`);
const map = new MlMap({
  container: 'map',
  style: offlineStyle(location.origin),
  bounds: boundsOf(data.features.map((f) => f.geometry)),
  fitBoundsOptions: { padding: 40 },
});
installTestHook(map);
map.on('load', () => {
  map.addSource('subareas', { type: 'geojson', data, promoteId: 'id' });
  map.addLayer({
    id: 'subareas-fill',
    type: 'fill',
    source: 'subareas',
    paint: { 'fill-color': '#1d3557', 'fill-opacity': 0.16 },
  });
});
