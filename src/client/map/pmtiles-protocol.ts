import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

let protocolAdded = false;
/**
 * Teaches MapLibre `pmtiles://` URLs (pmtiles-style.ts). Global and never removed: every map on the page (the map
 * view, the projector) shares it, and the Protocol keeps each archive's header and directories cached between maps.
 * Apart from the style so that choosing the basemap, which happens at once, never pulls in MapLibre itself: that
 * waits for the map's own chunk.
 */
export function addPmtilesProtocol(): void {
  if (protocolAdded) return;
  addProtocol('pmtiles', new Protocol().tile);
  protocolAdded = true;
}
