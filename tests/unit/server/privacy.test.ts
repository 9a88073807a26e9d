import { describe, expect, it } from 'vitest';
import { APPROX_RADIUS_M, coarsen, GRID_M, publicPosition } from '../../../src/server/privacy.ts';

const metres = ([a, b]: readonly number[], [c, d]: readonly number[]) =>
  Math.hypot((a! - c!) * 111_320 * Math.cos((b! * Math.PI) / 180), (b! - d!) * 111_320);

describe('coarsen', () => {
  it('gives the same published point for every position in one cell, so repeated reads reveal nothing more', () => {
    const a = coarsen(19.94471, 50.05141);
    expect(coarsen(19.94471, 50.05141)).toEqual(a);
    expect(coarsen(19.94472, 50.05142)).toEqual(a);
  });

  it('keeps the published point within the advertised radius of the truth', () => {
    for (let i = 0; i < 2000; i++) {
      const p = [19.8 + Math.random() * 0.4, 49.97 + Math.random() * 0.15] as const;
      expect(metres(p, coarsen(p[0], p[1]))).toBeLessThanOrEqual(APPROX_RADIUS_M);
    }
  });

  it('uses cells about 150 m wide', () => {
    const a = coarsen(19.94, 50.05);
    const b = coarsen(19.94, 50.05 + (GRID_M * 1.01) / 111_320);
    expect(metres(a, b)).toBeCloseTo(GRID_M, -1);
  });
});

describe('publicPosition', () => {
  it('is exact for walk pins and organisations and coarsened for private persons', () => {
    expect(publicPosition({ layer: 'walk', lng: 19.9447123, lat: 50.0514123 })).toEqual([19.9447123, 50.0514123]);
    expect(publicPosition({ layer: 'help', helperType: 'organisation', lng: 19.9447123, lat: 50.0514123 })).toEqual([
      19.9447123, 50.0514123,
    ]);
    expect(publicPosition({ layer: 'help', helperType: 'person', lng: 19.9447123, lat: 50.0514123 })).not.toEqual([
      19.9447123, 50.0514123,
    ]);
  });
});
