import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nearestPlace, PlaceCollection } from '../../../src/common/places.ts';

const places = PlaceCollection.parse(JSON.parse(readFileSync('data/places.geojson', 'utf8')));

describe('nearestPlace', () => {
  it('names the landmark closest to a pin, with its distance', () => {
    // A few metres from the Okrąglak on Plac Nowy.
    const near = nearestPlace(places, [19.9447, 50.0516]);
    expect(near?.place.properties.name).toBe('Plac Nowy (Okrąglak)');
    expect(near!.distanceM).toBeLessThan(100);
  });

  it('finds nothing in an empty list', () => {
    expect(nearestPlace({ type: 'FeatureCollection', features: [] }, [19.94, 50.05])).toBeNull();
  });
});
