// Baseline page for measurement 3: the same 50,000 points as Leaflet markers in Leaflet.markercluster (DOM icons),
// cluster radius and last clustered zoom matched to the MapLibre page; no tiles (nothing to fetch offline).
import './leaflet-global.ts';
import L from 'leaflet';
import 'leaflet.markercluster';
import { KRAKOW_BBOX } from '../../../src/common/geo/bounds.ts';

// ?points=/points-1000000.json: measurement 8's bigger sets; measurement 3's 50,000 by default.
const source = new URLSearchParams(location.search).get('points') ?? '/points.json';
const coords = (await (await fetch(source)).json()) as [number, number][];
const [w, s, e, n] = KRAKOW_BBOX;
// maxZoom: markercluster needs it, and a tile layer (there is none offline) would normally set it.
const map = L.map('map', { maxZoom: 19 }).fitBounds([
  [s, w],
  [n, e],
]);
// chunkedLoading off: one synchronous pass, the quickest way to the finished clusters (it blocks the page meanwhile).
// Leaflet's zoom is MapLibre's + 1 (256 px tiles), so MapLibre's clusterMaxZoom 16 is Leaflet's 17.
const group = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 18, chunkedLoading: false });
group.addLayers(coords.map(([lng, lat]) => L.marker([lat, lng])));
map.addLayer(group);
