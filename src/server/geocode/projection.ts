import proj4 from 'proj4';

/**
 * EPSG:2180 (PUWG 1992), the national grid the official address register is published in. The definition is
 * EPSG's own (Transverse Mercator on GRS 1980, ETRS89 ≈ WGS84 at map precision).
 */
const PUWG_1992 =
  '+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toWgs84 = proj4(PUWG_1992, 'WGS84');

/**
 * A `gml:pos` of a GML file stating urn:ogc:def:crs:EPSG::2180 holds NORTHING first, then easting (the EPSG axis
 * order; "243144.03 567746.40" is in Kazimierz). Swapping them lands in Ukraine, so the order is fixed here, once.
 */
export function puwg1992ToLngLat(northing: number, easting: number): [number, number] {
  const [lng, lat] = toWgs84.forward([easting, northing]);
  return [round6(lng!), round6(lat!)];
}

/** The inverse, for tests and fixtures: [lng, lat] → [northing, easting] in GML axis order. */
export function lngLatToPuwg1992(lng: number, lat: number): [number, number] {
  const [easting, northing] = toWgs84.inverse([lng, lat]);
  return [Math.round(northing! * 100) / 100, Math.round(easting! * 100) / 100];
}

// 6 decimals ≈ 0.1 m: the register's own precision is centimetres, and shorter numbers keep the DB small.
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
