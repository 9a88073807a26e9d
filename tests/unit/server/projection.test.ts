import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../src/common/geo/index.ts';
import { lngLatToPuwg1992, puwg1992ToLngLat } from '../../../src/server/geocode/projection.ts';

/**
 * Control points: EPSG:2180 coordinates printed by GDAL 3.6 (`gdaltransform -s_srs EPSG:4326 -t_srs EPSG:2180`,
 * which prints easting northing) for these WGS84 positions, written here in GML order (northing, easting).
 */
const CONTROL: { name: string; lngLat: [number, number]; ne: [number, number] }[] = [
  { name: 'ul. Józefa, Kazimierz', lngLat: [19.9466, 50.0517], ne: [243144.03, 567746.4] },
  { name: 'Rynek Główny', lngLat: [19.9373, 50.0617], ne: [244247.14, 567066.89] },
  { name: 'Grzegórzki', lngLat: [20.04, 50.07], ne: [245266.91, 574402.43] },
  { name: 'the central meridian 19°E at 52°N', lngLat: [19, 52], ne: [459309.21, 500000] },
];

describe('PUWG 1992 (EPSG:2180) conversion', () => {
  it.each(CONTROL)('reads a gml:pos as northing easting: $name', ({ lngLat, ne }) => {
    const [lng, lat] = puwg1992ToLngLat(ne[0], ne[1]);
    expect(lng).toBeCloseTo(lngLat[0], 6);
    expect(lat).toBeCloseTo(lngLat[1], 6);
  });

  it.each(CONTROL)('converts WGS84 to the same grid coordinates as GDAL to the centimetre: $name', ({ lngLat, ne }) => {
    const [n, e] = lngLatToPuwg1992(lngLat[0], lngLat[1]);
    expect(Math.abs(n - ne[0])).toBeLessThanOrEqual(0.011);
    expect(Math.abs(e - ne[1])).toBeLessThanOrEqual(0.011);
  });

  it('the swapped axis order lands hundreds of kilometres from Kraków, so a mix-up cannot pass unnoticed', () => {
    expect(distanceM(puwg1992ToLngLat(567746.4, 243144.03), [19.9466, 50.0517])).toBeGreaterThan(300_000);
  });
});
