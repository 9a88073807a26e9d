import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESHNESS } from '../../../src/common/freshness.ts';
import type { PointFeature } from '../../../src/common/points.ts';
import { rankOffers } from '../../../src/client/views/help/rank.ts';
import { formatDistance } from '../../../src/client/views/help/format.ts';

const NOW = new Date('2026-05-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

function offer(
  id: string,
  name: string,
  at: [number, number],
  kinds: string[],
  extra: Record<string, unknown> = {},
): PointFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: at },
    properties: {
      id,
      layer: 'help',
      subarea: null,
      status: 'published',
      createdAt: daysAgo(1),
      updatedAt: daysAgo(1),
      helperType: 'organisation',
      name,
      kinds,
      confirmedAt: daysAgo(1),
      approximate: false,
      ...extra,
    },
  } as PointFeature;
}

const PLAC_NOWY: [number, number] = [19.9447, 50.0514];
const features = [
  offer('far', 'Zupa w Nowej Hucie', [20.0375, 50.0719], ['posilki']),
  offer('near', 'Bistro przy placu', [19.945, 50.0516], ['posilki', 'zakupy']),
  offer('mid', 'Apteka i zakupy', [19.9515, 50.0587], ['zakupy']),
  offer('walk', 'not help', [19.9447, 50.0514], []),
];
features[3] = { ...features[3]!, properties: { ...features[3]!.properties, layer: 'walk' } } as unknown as PointFeature;
const q = { kinds: [] as string[], origin: PLAC_NOWY, now: NOW, limits: DEFAULT_FRESHNESS };

describe('finding help by kind and distance', () => {
  it('lists help offers nearest first, each with its distance', () => {
    const r = rankOffers(features, q);
    expect(r.map((o) => o.feature.id)).toEqual(['near', 'mid', 'far']);
    expect(r[0]!.distanceM).toBeLessThan(50);
    expect(r[2]!.distanceM).toBeGreaterThan(5000);
  });

  it('keeps offers that give any of the chosen kinds', () => {
    expect(rankOffers(features, { ...q, kinds: ['zakupy'] }).map((o) => o.feature.id)).toEqual(['near', 'mid']);
    expect(rankOffers(features, { ...q, kinds: ['nocleg'] })).toEqual([]);
  });

  it('orders alphabetically, without distances, when no place is chosen', () => {
    const r = rankOffers(features, { ...q, origin: null });
    expect(r.map((o) => o.feature.properties.name)).toEqual([
      'Apteka i zakupy',
      'Bistro przy placu',
      'Zupa w Nowej Hucie',
    ]);
    expect(r.every((o) => o.distanceM === null)).toBe(true);
  });

  it('puts paused offers last and leaves out stale ones, marking fading ones', () => {
    const list = [
      offer('paused', 'A', PLAC_NOWY, ['zakupy'], { paused: true }),
      offer('stale', 'B', PLAC_NOWY, ['zakupy'], { confirmedAt: daysAgo(95) }),
      offer('fading', 'C', [19.96, 50.06], ['zakupy'], { confirmedAt: daysAgo(70) }),
    ];
    const r = rankOffers(list, q);
    expect(r.map((o) => [o.feature.id, o.state])).toEqual([
      ['fading', 'fading'],
      ['paused', 'paused'],
    ]);
  });
});

describe('formatDistance', () => {
  it.each([
    [0, 'pl', '10 m'],
    [347, 'pl', '350 m'],
    [994, 'pl', '990 m'],
    [1_234, 'pl', '1,2 km'],
    [1_234, 'en', '1.2 km'],
    [12_600, 'pl', '13 km'],
  ] as const)('shows %d m in %s as "%s"', (m, locale, expected) => {
    expect(formatDistance(m, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('rejects negative or non-finite distances', () => {
    expect(() => formatDistance(-1, 'pl')).toThrow(/metres/);
  });
});
