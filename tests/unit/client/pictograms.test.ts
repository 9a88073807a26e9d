import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Categories } from '../../../src/common/categories.ts';
import { PICTOGRAM_IDS, pictogram, pictogramName } from '../../../src/client/map/pictograms.ts';

const categories = Categories.parse(JSON.parse(readFileSync('data/categories.json', 'utf8')));

describe('pictograms', () => {
  it('gives every help kind and walk theme in the data its own shape within its layer (only "inne" is plain)', () => {
    for (const [layer, ids] of [
      ['help', categories.helpKinds.map((k) => k.id)],
      ['walk', categories.walkThemes.map((t) => t.id)],
    ] as const) {
      const named = ids.filter((id) => id !== 'inne');
      expect(
        named.filter((id) => !PICTOGRAM_IDS[layer].includes(id)),
        `${layer} ids without a pictogram`,
      ).toEqual([]);
      const names = named.map((id) => pictogramName(layer, id));
      expect(new Set(names).size, `${layer}: two ids share a pictogram`).toBe(names.length);
      expect(names).not.toContain('circle');
    }
  });

  it('draws an unknown id as the plain circle instead of failing', () => {
    expect(pictogram('walk', 'a-theme-added-later')).toBe(pictogram('help', 'inne'));
    expect(pictogram('help', undefined)).toMatch(/^M/);
  });
});
