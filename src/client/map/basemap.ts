import type { StyleSpecification } from 'maplibre-gl';
import type { ClientConfig } from '../../common/client-config.ts';

/** Label font for our own layers; the offline glyphs (public/glyphs) and OpenFreeMap both carry it. */
export const LABEL_FONT = ['Noto Sans Bold'];

export const OSM_ATTRIBUTION =
  '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© autorzy OpenStreetMap</a>';

/**
 * A style that needs no network beyond this app's own origin: background, the Vistula, landmarks, local glyphs.
 * Used when the online style cannot load and always in tests (docs/architecture.md, Basemap).
 */
export function offlineStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    name: 'Mapa Rewitalizacji — offline',
    glyphs: `${origin}/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      vistula: { type: 'geojson', data: `${origin}/api/context/vistula.geojson`, attribution: OSM_ATTRIBUTION },
      // The landmarks the address search knows (data/places.geojson): without streets they are what says where one is.
      places: { type: 'geojson', data: `${origin}/api/places` },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
      {
        id: 'vistula',
        type: 'line',
        source: 'vistula',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': '#a9cbe6',
          'line-width': ['interpolate', ['exponential', 2], ['zoom'], 10, 3, 13, 14, 16, 80],
        },
      },
      {
        id: 'vistula-label',
        type: 'symbol',
        source: 'vistula',
        layout: {
          'symbol-placement': 'line',
          'text-field': ['get', 'name'],
          'text-font': ['Noto Sans Regular'],
          'text-size': 13,
          'symbol-spacing': 400,
        },
        paint: { 'text-color': '#3d6f99', 'text-halo-color': '#f3f1ec', 'text-halo-width': 1.5 },
      },
      // Landmarks once a subarea fills the screen; zoomed out they would only crowd the subarea names.
      {
        id: 'places-dot',
        type: 'circle',
        source: 'places',
        minzoom: 12.5,
        paint: {
          'circle-radius': 3,
          'circle-color': '#6b6358',
          'circle-stroke-color': '#f3f1ec',
          'circle-stroke-width': 1,
        },
      },
      {
        id: 'places-label',
        type: 'symbol',
        source: 'places',
        minzoom: 12.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['Noto Sans Regular'],
          'text-size': 12,
          'text-max-width': 9,
          'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
          'text-radial-offset': 0.6,
          'text-optional': true,
        },
        paint: { 'text-color': '#4a443c', 'text-halo-color': '#f3f1ec', 'text-halo-width': 1.5 },
      },
    ],
  };
}

export type BasemapChoice = { style: StyleSpecification | string; offline: boolean; failed: boolean };

/**
 * In order: the operator's local PMTiles extract (real streets with no internet and no third party
 * asked), else the online style if it answers within `timeoutMs`, else the offline one. Fetching the online
 * style first (instead of handing MapLibre the URL) lets us fall back before the map exists, with no blank map.
 */
export async function chooseBasemap(
  config: Pick<ClientConfig, 'basemapStyleUrl' | 'basemap'>,
  origin: string,
  timeoutMs = 5000,
): Promise<BasemapChoice> {
  if (config.basemap.pmtiles) {
    // Its own chunk: Protomaps' layers and the pmtiles reader are only downloaded where an extract is installed.
    // The map adds the pmtiles:// protocol itself (MapCanvas.svelte), so this chunk needs no MapLibre.
    const { pmtilesStyle } = await import('./pmtiles-style.ts');
    return { style: pmtilesStyle(config.basemap.pmtiles, origin), offline: true, failed: false };
  }
  const onlineUrl = config.basemapStyleUrl;
  if (!onlineUrl) return { style: offlineStyle(origin), offline: true, failed: false };
  // Known offline: asking would only fail, and the browser logs a failed request as a console error.
  if (globalThis.navigator?.onLine === false) return { style: offlineStyle(origin), offline: true, failed: true };
  try {
    const res = await fetch(onlineUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { style: (await res.json()) as StyleSpecification, offline: false, failed: false };
  } catch (e) {
    console.warn(`online basemap ${onlineUrl} unavailable (${(e as Error).message}); using the offline style`);
    return { style: offlineStyle(origin), offline: true, failed: true };
  }
}
