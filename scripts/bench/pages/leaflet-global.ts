// leaflet.markercluster is a UMD script that extends a global `L`: it must exist before that module runs,
// and ES imports run in order, so this module is imported first.
import L from 'leaflet';

(globalThis as unknown as { L: typeof L }).L = L;
