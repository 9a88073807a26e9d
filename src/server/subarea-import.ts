import { z } from 'zod';
import type { SubareaId } from '../common/subareas.ts';
import { AreaGeometry } from '../common/geojson.ts';

/**
 * Turns the MSIP Kraków answer (ArcGIS layer "Podobszary rewitalizacji", field `nazwa_gpr`, outSR=4326,
 * f=geojson) into our data/subareas.geojson: our ids, provenance kept, polygons of one subarea merged.
 * The README's "Replacing the subarea boundaries" gives the query URL.
 */
const MsipFeature = z.object({
  type: z.literal('Feature'),
  properties: z.looseObject({ nazwa_gpr: z.string().min(1, 'nazwa_gpr is empty') }),
  geometry: AreaGeometry,
});
const MsipCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(MsipFeature).min(1) });

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').toLowerCase();

/** Matches the official names however they are spelled (with or without „stara”, diacritics, prefixes). */
export function subareaIdFor(nazwa: string): SubareaId | null {
  const n = fold(nazwa);
  if (n.includes('kazimierz')) return 'kazimierz-stradom';
  if (n.includes('grzegorz')) return 'grzegorzki-wesola';
  if (n.includes('nowa huta')) return 'stara-nowa-huta';
  return null;
}

const NAMES: Record<SubareaId, { name: string; districts: string[] }> = {
  'kazimierz-stradom': { name: 'Kazimierz-Stradom', districts: ['Dzielnica I Stare Miasto'] },
  'grzegorzki-wesola': { name: 'Grzegórzki-Wesoła', districts: ['Dzielnica II Grzegórzki'] },
  'stara-nowa-huta': { name: '„stara” Nowa Huta', districts: ['Dzielnica XVIII Nowa Huta'] },
};

export interface ImportResult {
  collection: { type: 'FeatureCollection'; name: string; features: unknown[] };
  skipped: string[];
}

export function importMsipSubareas(raw: unknown, source: string, today: string): ImportResult {
  const parsed = MsipCollection.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`not an MSIP subarea GeoJSON: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const polygons = new Map<SubareaId, { nazwa: string; coordinates: number[][][][] }>();
  const skipped: string[] = [];
  for (const f of parsed.data.features) {
    const id = subareaIdFor(f.properties.nazwa_gpr);
    if (!id) {
      skipped.push(f.properties.nazwa_gpr);
      continue;
    }
    const entry = polygons.get(id) ?? { nazwa: f.properties.nazwa_gpr, coordinates: [] };
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    entry.coordinates.push(...(parts as number[][][][]));
    polygons.set(id, entry);
  }
  const missing = (Object.keys(NAMES) as SubareaId[]).filter((id) => !polygons.has(id));
  if (missing.length)
    throw new Error(`the file has no feature for: ${missing.join(', ')} (names seen: ${skipped.join(', ') || 'none'})`);

  const features = [...polygons].map(([id, { nazwa, coordinates }]) => ({
    type: 'Feature',
    properties: {
      id,
      ...NAMES[id],
      official_name: nazwa,
      status: `OFFICIAL – imported from MSIP Kraków on ${today}`,
      official_source: source,
    },
    geometry:
      coordinates.length === 1
        ? { type: 'Polygon', coordinates: coordinates[0] }
        : { type: 'MultiPolygon', coordinates },
  }));
  return { collection: { type: 'FeatureCollection', name: 'krakow-podobszary-rewitalizacji-msip', features }, skipped };
}
