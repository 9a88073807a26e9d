import type { PointRepository, StoredPoint } from './store/types.ts';
import { inDefaultView } from './freshness.ts';
import type { FreshnessLimits } from '../common/freshness.ts';
import { sortByDistance, type LngLat } from '../common/geo/distance.ts';
import { NEAREST_DEFAULT, type NearestHelpQuery } from '../common/nearest-help.ts';
import type { PointCollection } from '../common/points.ts';
import { publicOf } from './contributions.ts';

/** The first search radius: a few streets, where a dense help map already has enough offers. */
const FIRST_RADIUS_M = 1_000;
/** Each round searches at least this many times farther, and at most MAX_GROWTH times. */
const MIN_GROWTH = 2;
const MAX_GROWTH = 4;
/** Farther than this nobody walks for neighbourly help; it also covers all of Kraków from anywhere in it. */
export const MAX_RADIUS_M = 50_000;
/**
 * Metres per degree of latitude, rounded down (the mean Earth radius gives 111,195): a box a little larger than the
 * circle, never smaller, so no offer inside the circle is left out of the read.
 */
const M_PER_DEGREE = 111_000;

/**
 * The published help offers nearest `origin` that the public list shows (not stale), of any of `kinds` (all when
 * empty), nearest first, at most `limit`, none farther than MAX_RADIUS_M. Distances are to the published position:
 * a private person's ~150 m cell centre, never their door (privacy.ts), so the order says no more than the map.
 *
 * A big help map has no list to rank on the device (it is drawn from tiles), and SQLite has no nearest-neighbour
 * index, so both engines search the public-position index in growing boxes: every offer within r of the origin lies
 * in the box around the circle of radius r, so once that circle holds `limit` matching offers, they are the nearest
 * of the whole layer. Otherwise the next radius is guessed from how many the circle held (offers per area), a little
 * more than enough: a common kind stops after a slightly wider circle instead of one 16 times the area.
 */
export async function nearestHelp(
  points: Pick<PointRepository, 'listPublished'>,
  q: { origin: LngLat; kinds: readonly string[]; limit: number; now: Date; limits: FreshnessLimits },
): Promise<StoredPoint[]> {
  const wanted = new Set(q.kinds);
  const matches = (p: StoredPoint) =>
    p.record.layer === 'help' &&
    inDefaultView(p.record, q.now, q.limits) &&
    (wanted.size === 0 || p.record.kinds.some((k) => wanted.has(k)));
  for (let radius = FIRST_RADIUS_M; ;) {
    const inBox = await points.listPublished('help', { bbox: boxAround(q.origin, radius) });
    const ranked = sortByDistance(inBox.filter(matches), q.origin, (p) => [p.publicLng, p.publicLat]);
    const inCircle = ranked.filter((r) => r.distanceM <= radius);
    if (inCircle.length >= q.limit || radius === MAX_RADIUS_M) return inCircle.slice(0, q.limit).map((r) => r.item);
    // The area needed grows with the count wanted, so the radius with its square root; twice that to spare, since
    // one round too few costs more than a wider box.
    const growth = 2 * Math.sqrt(q.limit / Math.max(1, inCircle.length));
    radius = Math.min(radius * Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, growth)), MAX_RADIUS_M);
  }
}

/** The answer of GET /api/points/nearest: the nearest offers' public projection (privacy.ts). */
export async function nearestHelpAnswer(
  points: Pick<PointRepository, 'listPublished'>,
  q: NearestHelpQuery,
  now: Date,
  limits: FreshnessLimits,
): Promise<PointCollection> {
  const found = await nearestHelp(points, {
    origin: q.near,
    kinds: q.kinds ?? [],
    limit: q.limit ?? NEAREST_DEFAULT,
    now,
    limits,
  });
  return { type: 'FeatureCollection', features: found.map(publicOf) };
}

/** [minLng, minLat, maxLng, maxLat] around the circle of `radiusM` metres. */
export function boxAround([lng, lat]: LngLat, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / M_PER_DEGREE;
  // The circle is widest in longitude on its side nearer the pole.
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLng = Math.min(180, radiusM / (M_PER_DEGREE * cos));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}
