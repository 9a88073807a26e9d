export { areaHa } from './area.ts';
export { subareaAt, type AreaFeature } from './subarea-at.ts';
export { boundsOf, inBBox, KRAKOW_BBOX } from './bounds.ts';
