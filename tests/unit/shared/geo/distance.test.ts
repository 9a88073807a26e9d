import turfDistance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { distanceM, sortByDistance, type LngLat } from '../../../../src/common/geo/distance.ts';

const PLAC_NOWY: LngLat = [19.9447, 50.0514];
const HALA_TARGOWA: LngLat = [19.9515, 50.0587];
const PLAC_CENTRALNY: LngLat = [20.0375, 50.0719];
const RYNEK: LngLat = [19.9373, 50.0617];
const STRADOM: LngLat = [19.941, 50.0525];

describe('distanceM', () => {
  it('is zero from a point to itself', () => {
    expect(distanceM(PLAC_NOWY, PLAC_NOWY)).toBe(0);
  });

  it('is symmetric', () => {
    expect(distanceM(PLAC_NOWY, PLAC_CENTRALNY)).toBeCloseTo(distanceM(PLAC_CENTRALNY, PLAC_NOWY), 6);
  });

  it('agrees with @turf/distance to within a centimetre across Kraków', () => {
    for (const [a, b] of [
      [PLAC_NOWY, HALA_TARGOWA],
      [PLAC_NOWY, PLAC_CENTRALNY],
      [RYNEK, HALA_TARGOWA],
    ] as const) {
      const turf = turfDistance([...a], [...b], { units: 'meters' });
      expect(Math.abs(distanceM(a, b) - turf)).toBeLessThan(0.01);
    }
  });

  it('measures about 111 km per degree of latitude', () => {
    expect(distanceM([20, 50], [20, 51]) / 1000).toBeCloseTo(111.2, 1);
  });

  it('throws, naming the bad point, for NaN or lat/lng swapped beyond range', () => {
    expect(() => distanceM([Number.NaN, 50], PLAC_NOWY)).toThrow(/first point: expected \[lng, lat\]/);
    expect(() => distanceM(PLAC_NOWY, [50, 190])).toThrow(/second point/);
  });
});

describe('sortByDistance', () => {
  const offers = [
    { name: 'Nowa Huta', at: PLAC_CENTRALNY },
    { name: 'Hala Targowa', at: HALA_TARGOWA },
    { name: 'Plac Nowy', at: PLAC_NOWY },
  ];

  it('puts the nearest offer first and reports each distance', () => {
    const ranked = sortByDistance(offers, STRADOM, (o) => o.at);
    expect(ranked.map((r) => r.item.name)).toEqual(['Plac Nowy', 'Hala Targowa', 'Nowa Huta']);
    expect(ranked[0]!.distanceM).toBeCloseTo(distanceM(STRADOM, PLAC_NOWY), 6);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i]!.distanceM).toBeGreaterThanOrEqual(ranked[i - 1]!.distanceM);
  });

  it('orders differently from a different origin', () => {
    const ranked = sortByDistance(offers, PLAC_CENTRALNY, (o) => o.at);
    expect(ranked.map((r) => r.item.name)).toEqual(['Nowa Huta', 'Hala Targowa', 'Plac Nowy']);
  });

  it('keeps input order for offers at the same distance (stable)', () => {
    const same = ['a', 'b', 'c', 'd'].map((name) => ({ name, at: HALA_TARGOWA }));
    expect(sortByDistance(same, RYNEK, (o) => o.at).map((r) => r.item.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not modify the list it was given', () => {
    const copy = [...offers];
    sortByDistance(offers, RYNEK, (o) => o.at);
    expect(offers).toEqual(copy);
  });

  it('returns an empty list for no offers and rejects a bad origin', () => {
    expect(sortByDistance([], RYNEK, (o: { at: LngLat }) => o.at)).toEqual([]);
    expect(() => sortByDistance(offers, [Number.POSITIVE_INFINITY, 0], (o) => o.at)).toThrow(/origin/);
  });
});
