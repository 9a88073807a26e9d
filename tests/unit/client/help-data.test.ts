import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESHNESS } from '../../../src/common/freshness.ts';
import type { PointCollection, PointFeature } from '../../../src/common/points.ts';
import { helpMapData } from '../../../src/client/map/help-data.ts';

const NOW = new Date('2026-05-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const offer = (id: string, extra: Record<string, unknown> = {}): PointFeature =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [19.9447, 50.0514] },
    properties: {
      id,
      layer: 'help',
      subarea: null,
      status: 'published',
      createdAt: daysAgo(1),
      updatedAt: daysAgo(1),
      helperType: 'organisation',
      name: id,
      kinds: ['transport', 'zakupy'],
      confirmedAt: daysAgo(1),
      approximate: false,
      ...extra,
    },
  }) as PointFeature;
const fc = (...features: PointFeature[]): PointCollection => ({ type: 'FeatureCollection', features });
const props = (c: GeoJSON.FeatureCollection) =>
  Object.fromEntries(c.features.map((f) => [f.properties!['id'], f.properties!]));

describe('the help layer data', () => {
  it('draws an organisation with the symbol of its first kind, fully opaque', () => {
    expect(props(helpMapData(fc(offer('org')), NOW, DEFAULT_FRESHNESS))['org']).toMatchObject({
      icon: 'help-org-transport',
      person: false,
      radiusM: 0,
      opacity: 1,
      state: 'fresh',
    });
  });

  it('draws a private person as an area of the advertised radius with the person symbol', () => {
    const p = props(
      helpMapData(
        fc(offer('ola', { helperType: 'person', approximate: true, approxRadiusM: 107 })),
        NOW,
        DEFAULT_FRESHNESS,
      ),
    );
    expect(p['ola']).toMatchObject({ icon: 'help-person-transport', person: true, radiusM: 107 });
  });

  it('fades offers past the fade limit and paused ones, and leaves out stale ones', () => {
    const data = helpMapData(
      fc(
        offer('fading', { confirmedAt: daysAgo(70) }),
        offer('paused', { paused: true }),
        offer('stale', { confirmedAt: daysAgo(120) }),
      ),
      NOW,
      DEFAULT_FRESHNESS,
    );
    const p = props(data);
    expect(Object.keys(p).sort()).toEqual(['fading', 'paused']);
    expect(p['fading']!['opacity']).toBeLessThan(0.5);
    expect(p['paused']!['opacity']).toBeLessThan(1);
  });

  it('uses a neutral symbol for a kind no longer in the data', () => {
    expect(props(helpMapData(fc(offer('x', { kinds: ['removed-kind'] })), NOW, DEFAULT_FRESHNESS))['x']!['icon']).toBe(
      'help-org-other',
    );
  });

  it('keeps only primitive properties (MapLibre workers drop arrays from expressions)', () => {
    for (const v of Object.values(props(helpMapData(fc(offer('org')), NOW, DEFAULT_FRESHNESS))['org']!)) {
      expect(['string', 'number', 'boolean']).toContain(typeof v);
    }
  });
});
