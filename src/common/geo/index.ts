export { areaHa } from './area.ts';
export { subareaAt, type AreaFeature } from './subarea-at.ts';
export { boundsOf, inBBox, KRAKOW_BBOX } from './bounds.ts';
export { distanceM, sortByDistance, type LngLat, type Ranked } from './distance.ts';
export { labelPoint } from './label-point.ts';
