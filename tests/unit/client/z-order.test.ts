import { describe, expect, it } from 'vitest';
import { LAYER_ORDER } from '../../../src/client/map/z-order.ts';

describe('LAYER_ORDER', () => {
  it('draws the subarea names above every pin and cluster, so a pin cannot cover „Kazimierz-Stradom”', () => {
    const label = LAYER_ORDER.indexOf('subareas-label');
    for (const pins of [
      'walk-points',
      'walk-clusters',
      'help-points',
      'help-clusters',
      'help-cluster-count',
    ] as const) {
      expect(LAYER_ORDER.indexOf(pins), pins).toBeLessThan(label);
    }
  });
});
