import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { AmbassadorFile, SubareaFile, type Ambassador, type SubareaId } from '../common/subareas.ts';
import { Categories } from '../common/categories.ts';
import { areaHa } from '../common/geo/index.ts';
import type { AreaGeometry } from '../common/geojson.ts';
import { PrivacyNotice } from '../common/privacy-notice.ts';
import { AboutFile } from '../common/about.ts';

export interface SiteSubarea {
  id: SubareaId;
  name: string;
  districts: string[];
  areaHa: number;
  approximate: boolean;
  boundarySource: string;
  ambassador: Ambassador;
  geometry: AreaGeometry;
}

export interface SiteData {
  subareas: SiteSubarea[];
  categories: Categories;
  /** /prywatnosc: the RODO art. 13 information clause this deployment publishes. */
  privacy: PrivacyNotice;
  /** /o-mapie: the programme's resolution and links to the city's own pages. */
  about: AboutFile;
}

export class DataFileError extends Error {
  override name = 'DataFileError';
}

/** Names the feature (by index and id) and the field, so whoever replaced the file knows what to fix. */
function describeIssues(file: string, error: z.ZodError, raw: unknown): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const [first, index, ...rest] = issue.path;
    let where = issue.path.join('.') || '(whole file)';
    if (first === 'features' && typeof index === 'number') {
      const features = (raw as { features?: { properties?: { id?: unknown; name?: unknown } }[] }).features;
      const props = features?.[index]?.properties;
      const label = props?.id ?? props?.name ?? 'no id';
      where = `feature #${index} (${String(label)}) field ${rest.join('.') || '(feature)'}`;
    }
    return `  - ${where}: ${issue.message}`;
  });
  return `${file} is not valid:\n${lines.join('\n')}`;
}

export function parseDataFile<S extends z.ZodType>(schema: S, file: string, text: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new DataFileError(describeIssues(file, result.error, raw));
  return result.data;
}

/** Reads and validates everything in data/; any problem stops start-up with a message naming the fix. */
export function loadSiteData(dir: string): SiteData {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      throw new DataFileError(
        `data/${name} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): ${join(dir, name)}`,
      );
    }
  };
  const subareaFile = parseDataFile(SubareaFile, 'data/subareas.geojson', read('subareas.geojson'));
  const { ambassadors } = parseDataFile(AmbassadorFile, 'data/ambassadors.json', read('ambassadors.json'));
  const categories = parseDataFile(Categories, 'data/categories.json', read('categories.json'));
  const privacy = parseDataFile(PrivacyNotice, 'data/privacy.json', read('privacy.json'));
  const about = parseDataFile(AboutFile, 'data/about.json', read('about.json'));

  const ids = subareaFile.features.map((f) => f.properties.id);
  if (new Set(ids).size !== ids.length) {
    throw new DataFileError(`data/subareas.geojson: each subarea id must appear once, got ${ids.join(', ')}`);
  }
  const subareas = subareaFile.features.map((f): SiteSubarea => {
    const ambassador = ambassadors.find((a) => a.subarea === f.properties.id);
    if (!ambassador) throw new DataFileError(`data/ambassadors.json: no ambassador for subarea ${f.properties.id}`);
    return {
      id: f.properties.id,
      name: f.properties.name,
      districts: f.properties.districts,
      areaHa: areaHa(f.geometry),
      approximate: !/^OFFICIAL/i.test(f.properties.status),
      boundarySource: f.properties.official_source ?? f.properties.status,
      ambassador,
      geometry: f.geometry,
    };
  });
  return { subareas, categories, privacy, about };
}
