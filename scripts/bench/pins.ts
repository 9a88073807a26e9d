// Measurement 3: 50,000 pins, from navigation start to the first frame with clusters on screen — MapLibre with a
// clustered GeoJSON source like the app's (clusters and their counts rendered) against Leaflet + markercluster
// (cluster icons in the DOM). Both bare pages fetch the same seeded points (points.json) from the static server.
import type { Browser } from 'playwright';
import { timeUntil } from './browser.ts';
import { HOST, median, PORTS } from './lib.ts';

const MAPLIBRE_PROBE = `window.__mapa !== undefined && window.__mapa.renderedProperties(['clusters']).length > 0 &&
  window.__mapa.renderedProperties(['cluster-count']).length > 0`;
const LEAFLET_PROBE = `document.querySelector('.marker-cluster') !== null`;

export interface PinsResult {
  maplibre: number[];
  leaflet: number[];
  maplibreMedian: number;
  leafletMedian: number;
}

export async function measurePins(browser: Browser, runs: number): Promise<PinsResult> {
  const base = `http://${HOST}:${PORTS.static}`;
  const maplibre: number[] = [];
  const leaflet: number[] = [];
  await timeUntil(browser, `${base}/maplibre-pins.html`, MAPLIBRE_PROBE);
  await timeUntil(browser, `${base}/leaflet-pins.html`, LEAFLET_PROBE);
  for (let i = 0; i < runs; i++) {
    maplibre.push(await timeUntil(browser, `${base}/maplibre-pins.html`, MAPLIBRE_PROBE));
    leaflet.push(await timeUntil(browser, `${base}/leaflet-pins.html`, LEAFLET_PROBE));
  }
  return { maplibre, leaflet, maplibreMedian: median(maplibre), leafletMedian: median(leaflet) };
}
