import { describe, expect, it } from 'vitest';
import { withLiveCounts } from '../../../src/client/state/subarea-counts.ts';
import type { PointCollection, PointFeature } from '../../../src/common/points.ts';
import type { SubareaCollection } from '../../../src/common/subareas.ts';

const subareas = {
  type: 'FeatureCollection',
  features: ['kazimierz-stradom', 'grzegorzki-wesola'].map((id) => ({
    type: 'Feature',
    id,
    properties: { id, counts: { help: 9, keep: 9, change: 9 } },
    geometry: { type: 'Polygon', coordinates: [] },
  })),
} as unknown as SubareaCollection;

const meta = { createdAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T10:00:00Z', status: 'published' };
const walk = (id: string, subarea: string | null, kind: 'keep' | 'change', status = 'published') =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [19.94, 50.05] },
    properties: { ...meta, id, subarea, layer: 'walk', kind, status },
  }) as unknown as PointFeature;
const help = (id: string, subarea: string | null) =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [19.95, 50.06] },
    properties: { ...meta, id, subarea, layer: 'help' },
  }) as unknown as PointFeature;
const fc = (features: PointFeature[]): PointCollection => ({ type: 'FeatureCollection', features });

describe('withLiveCounts', () => {
  it('counts published keep, change and help pins per subarea, replacing the server figures', () => {
    const result = withLiveCounts(
      subareas,
      fc([
        walk('a1', 'kazimierz-stradom', 'keep'),
        walk('a2', 'kazimierz-stradom', 'change'),
        walk('a3', 'kazimierz-stradom', 'keep'),
      ]),
      fc([help('h1', 'grzegorzki-wesola')]),
    );
    expect(result.features.map((f) => [f.id, f.properties.counts])).toEqual([
      ['kazimierz-stradom', { help: 0, keep: 2, change: 1 }],
      ['grzegorzki-wesola', { help: 1, keep: 0, change: 0 }],
    ]);
  });

  it('ignores pins outside every subarea and pins that are not published', () => {
    const result = withLiveCounts(
      subareas,
      fc([walk('b1', null, 'keep'), walk('b2', 'kazimierz-stradom', 'keep', 'pending')]),
      fc([]),
    );
    expect(result.features[0]!.properties.counts).toEqual({ help: 0, keep: 0, change: 0 });
  });
});
