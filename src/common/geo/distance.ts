/**
 * Distances for "Znajdź pomoc": how far each offer is from the place a resident chose, and the offers in
 * that order. Great-circle (haversine) on a sphere: within a city the error is far below a metre per kilometre.
 */
export type LngLat = readonly [number, number];

/** Mean Earth radius in metres (IUGG), the same one @turf/distance uses. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

function check([lng, lat]: LngLat, what: string): void {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new RangeError(`${what}: expected [lng, lat] in degrees, got [${lng}, ${lat}]`);
  }
}

/** Metres between two [lng, lat] positions. */
export function distanceM(a: LngLat, b: LngLat): number {
  check(a, 'distanceM first point');
  check(b, 'distanceM second point');
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Ranked<T> {
  item: T;
  distanceM: number;
}

/**
 * Items nearest first, each with its distance from `origin`. Stable: items at the same distance keep their input
 * order (so a list does not reshuffle when it is refreshed). Does not modify `items`.
 */
export function sortByDistance<T>(items: readonly T[], origin: LngLat, positionOf: (item: T) => LngLat): Ranked<T>[] {
  check(origin, 'sortByDistance origin');
  return items
    .map((item, index) => ({ item, index, distanceM: distanceM(origin, positionOf(item)) }))
    .sort((x, y) => x.distanceM - y.distanceM || x.index - y.index)
    .map(({ item, distanceM }) => ({ item, distanceM }));
}
