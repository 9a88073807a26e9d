import { freshness, type Freshness, type FreshnessLimits } from '../../../common/freshness.ts';
import { sortByDistance, type LngLat } from '../../../common/geo/distance.ts';
import type { HelpProperties, PointFeature } from '../../../common/points.ts';

export type HelpFeature = PointFeature & { properties: HelpProperties };
export const isHelp = (f: PointFeature): f is HelpFeature => f.properties.layer === 'help';

export interface RankedOffer {
  feature: HelpFeature;
  /** Metres from the chosen place; null when no place was chosen. */
  distanceM: number | null;
  state: Freshness;
}

export interface OfferQuery {
  /** Help kind ids; empty = every kind. An offer matches when it offers any of them. */
  kinds: readonly string[];
  origin: LngLat | null;
  now: Date;
  limits: FreshnessLimits;
}

/**
 * "Znajdź pomoc": matching offers, nearest first. Stale offers never show here (the server drops them too;
 * a live update may still carry one). Paused offers go last: in a crisis the first result must be one that can help
 * now. Without a place, alphabetical (Polish collation) so the list is still predictable.
 */
export function rankOffers(features: readonly PointFeature[], q: OfferQuery, locale = 'pl'): RankedOffer[] {
  const wanted = new Set(q.kinds);
  const offers = features
    .filter(isHelp)
    .filter((f) => wanted.size === 0 || f.properties.kinds.some((k) => wanted.has(k)))
    .map((feature) => ({
      feature,
      state: freshness(feature.properties.confirmedAt, feature.properties.paused === true, q.now, q.limits),
    }))
    .filter((o) => o.state !== 'stale');
  // Distances are measured to the geometry, which for a private person is the published cell centre: the client is
  // never sent their exact point, so the order cannot tell which side of the cell the door is on.
  const ranked: RankedOffer[] = q.origin
    ? sortByDistance(offers, q.origin, (o) => o.feature.geometry.coordinates).map(({ item, distanceM }) => ({
        ...item,
        distanceM,
      }))
    : offers
        .map((o) => ({ ...o, distanceM: null }))
        .sort((a, b) => a.feature.properties.name.localeCompare(b.feature.properties.name, locale));
  // Array.prototype.sort is stable: the distance order is kept within each group.
  return ranked.sort((a, b) => Number(a.state === 'paused') - Number(b.state === 'paused'));
}
