import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DataFileError, loadSiteData, parseDataFile } from '../../../src/server/site-data.ts';
import { SubareaFile } from '../../../src/common/subareas.ts';
import { fillRetention, PrivacyNotice, unfilled } from '../../../src/common/privacy-notice.ts';
import { AboutFile } from '../../../src/common/about.ts';
import { DEFAULT_RETENTION } from '../../../src/common/retention.ts';

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
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', JSON.stringify(broken))).toThrow(
      /feature #2 \(podgorze\) field properties\.id/,
    );
  });

  it('says when the file is not JSON at all', () => {
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', '{"type":')).toThrow(DataFileError);
    expect(() => parseDataFile(SubareaFile, 'data/subareas.geojson', '{"type":')).toThrow(/is not valid JSON/);
  });
});

const privacy = JSON.parse(readFileSync('data/privacy.json', 'utf8'));
const parsePrivacy = (raw: unknown) => parseDataFile(PrivacyNotice, 'data/privacy.json', JSON.stringify(raw));

describe('the privacy notice file', () => {
  it('is read at start-up with the rest of the site data', () => {
    const site = loadSiteData('data');
    expect(site.privacy.rights.length).toBeGreaterThanOrEqual(4);
    expect(site.about.programme.resolution).toMatch(/XCVII\/2644\/22/);
  });

  it('lists every placeholder still to be filled in, by path', () => {
    expect(unfilled(parsePrivacy(privacy))).toEqual(
      expect.arrayContaining(['controller.name', 'controller.address', 'controller.email', 'dpo.email']),
    );
  });

  it('has no placeholder left once a deployment fills in the facts', () => {
    const filled = structuredClone(privacy);
    filled.controller = { name: 'Administrator', address: 'ul. Przykładowa 1', email: 'iod@example.org' };
    filled.dpo = { email: 'iod@example.org' };
    filled.recipients = filled.recipients.filter((r: object) => !('todo' in r));
    filled.other = filled.other.filter((r: object) => !('todo' in r));
    expect(unfilled(parsePrivacy(filled))).toEqual([]);
  });

  it('names the field when a contact is neither an e-mail address nor a placeholder', () => {
    const broken = structuredClone(privacy);
    broken.dpo.email = 'iod at example';
    expect(() => parsePrivacy(broken)).toThrow(/data\/privacy\.json is not valid:\n {2}- dpo\.email: /);
  });

  it('names the language when a text is missing one', () => {
    const broken = structuredClone(privacy);
    delete broken.rights[2].uk;
    expect(() => parsePrivacy(broken)).toThrow(/rights\.2\.uk/);
  });

  it('refuses a retention text with a placeholder the server cannot fill', () => {
    const broken = structuredClone(privacy);
    broken.retention[1].en = 'Erased after {rejectDays} days.';
    expect(() => parsePrivacy(broken)).toThrow(/retention\.1\.en: unknown placeholder \{rejectDays\}/);
  });

  it('refuses unknown fields, so a misspelt section is not silently dropped', () => {
    expect(() => parsePrivacy({ ...privacy, recipient: [] })).toThrow(/Unrecognized key: "recipient"/);
  });

  it('fills the retention periods into the text', () => {
    expect(
      fillRetention('po {rejectedDays} dniach, {staleHelpDays} dni', { ...DEFAULT_RETENTION, rejectedDays: 7 }),
    ).toBe('po 7 dniach, 180 dni');
  });

  it('refuses a link to the city that is not https', () => {
    const about = JSON.parse(readFileSync('data/about.json', 'utf8'));
    about.links[0].url = 'http://example.org/';
    expect(() => parseDataFile(AboutFile, 'data/about.json', JSON.stringify(about))).toThrow(/links\.0\.url/);
  });
});
