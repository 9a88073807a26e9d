import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DataFileError, loadSiteData, parseDataFile } from '../../../src/server/site-data.ts';
import { SubareaFile } from '../../../src/shared/subareas.ts';

const good = JSON.parse(readFileSync('data/subareas.geojson', 'utf8'));

describe('data file validation', () => {
  it('accepts the data/ folder as committed', () => {
    const site = loadSiteData('data');
    expect(site.subareas).toHaveLength(3);
    expect(site.categories.helpKinds.map((k) => k.id)).toContain('tlumaczenia');
  });

  it('names the feature and the field when a geometry is broken', () => {
    const broken = structuredClone(good);
    broken.features[1].geometry.coordinates[0].pop(); // ring no longer closed
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', JSON.stringify(broken))).toThrow(
      /feature #1 \(grzegorzki-wesola\) field geometry\.coordinates\.0: a polygon ring must end where it starts/,
    );
  });

  it('names an unknown subarea id', () => {
    const broken = structuredClone(good);
    broken.features[2].properties.id = 'podgorze';
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', JSON.stringify(broken))).toThrow(/feature #2 \(podgorze\) field properties\.id/);
  });

  it('says when the file is not JSON at all', () => {
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', '{"type":')).toThrow(DataFileError);
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', '{"type":')).toThrow(/is not valid JSON/);
  });
});
