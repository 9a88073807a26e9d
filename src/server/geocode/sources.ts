import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { puwg1992ToLngLat } from './projection.ts';

/** One address as a source file states it, before any filtering (positions already in WGS84). */
export interface SourceAddress {
  city: string;
  street: string | null;
  number: string;
  postcode: string | null;
  /** The register's status ("istniejacy", "wTrakcieBudowy", …); null when the source has none. */
  status: string | null;
  lng: number;
  lat: number;
}

/** Raised for a file that cannot be read as what it claims to be; the message names the place in the file. */
export class SourceError extends Error {
  override name = 'SourceError';
}

export type OnBytes = (bytesRead: number) => void;

/** The official register's namespace (GUGiK, „PRG – punkty adresowe”, GML application schema). */
export const PRG_NS = 'urn:gugik:specyfikacje:gmlas:panstwowyRejestrGranicAdresy:1.0';
const GML_NS = 'http://www.opengis.net/gml/3.2';
const PRG_FIELDS = new Set(['miejscowosc', 'ulica', 'numerPorzadkowy', 'kodPocztowy', 'status']);

/**
 * Streams a PRG address-points GML (hundreds of MB for a voivodeship) through a SAX parser: memory stays flat,
 * each `PRG_PunktAdresowy` becomes one SourceAddress as soon as it closes.
 */
export async function readPrgGml(file: string, onAddress: (a: SourceAddress) => void, onBytes: OnBytes): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, fileName: file });
  let fields: Record<string, string | null> | null = null;
  let field: string | null = null;
  let text = '';

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.uri === PRG_NS && tag.local === 'PRG_PunktAdresowy') {
      fields = {};
    } else if (
      fields &&
      ((tag.uri === PRG_NS && PRG_FIELDS.has(tag.local)) || (tag.uri === GML_NS && tag.local === 'pos'))
    ) {
      field = tag.local;
      text = '';
      const nil = Object.values(tag.attributes).some((a) => a.local === 'nil' && a.value === 'true');
      if (nil) fields[field] = null;
    }
  });
  parser.on('text', (t) => {
    if (field) text += t;
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    if (!fields) return;
    if (field && tag.local === field) {
      if (!(field in fields)) fields[field] = text.trim() || null;
      field = null;
    } else if (tag.uri === PRG_NS && tag.local === 'PRG_PunktAdresowy') {
      const f: Record<string, string | null> = fields;
      fields = null;
      const address = prgAddress(f, parser.line);
      if (address) onAddress(address);
    }
  });

  let bytes = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    bytes += Buffer.byteLength(chunk as string);
    parser.write(chunk as string);
    onBytes(bytes);
  }
  parser.close();
}

function prgAddress(f: Record<string, string | null>, line: number): SourceAddress | null {
  const { miejscowosc: city, numerPorzadkowy: number, pos } = f;
  if (!city || !number || !pos) return null; // an incomplete point cannot be searched for; skipped, not fatal
  const [n, e, ...rest] = pos.split(/\s+/).map(Number);
  if (rest.length || !Number.isFinite(n) || !Number.isFinite(e)) {
    throw new SourceError(`line ${line}: gml:pos "${pos}" is not "northing easting" in EPSG:2180`);
  }
  const [lng, lat] = puwg1992ToLngLat(n!, e!);
  return { city, street: f.ulica ?? null, number, postcode: f.kodPocztowy ?? null, status: f.status ?? null, lng, lat };
}

interface OsmFeature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/**
 * A GeoJSON of OSM-style address points (`addr:street`, `addr:housenumber`, `addr:city`), as
 * `ogr2ogr -f GeoJSON` writes it from an OpenStreetMap extract: one feature per line, so it streams line by line.
 * A file written otherwise (pretty-printed) is parsed whole when it is small enough to fit in memory.
 */
export async function readOsmGeoJson(
  file: string,
  onAddress: (a: SourceAddress) => void,
  onBytes: OnBytes,
): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  let bytes = 0;
  let features = 0;
  let lineNo = 0;
  const whole: string[] = [];
  for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo++;
    bytes += Buffer.byteLength(raw) + 1;
    // Kept only until the first feature line shows the file streams; then nothing more is held.
    if (features === 0 && whole.length < WHOLE_LINES_MAX) whole.push(raw);
    const line = raw.trim().replace(/,$/, '');
    if (line.startsWith('{') && line.includes('"Feature"') && !line.includes('"FeatureCollection"')) {
      let feature: OsmFeature;
      try {
        feature = JSON.parse(line) as OsmFeature;
      } catch (e) {
        throw new SourceError(`line ${lineNo}: not a GeoJSON feature (${(e as Error).message})`);
      }
      if (features++ === 0) whole.length = 0;
      const a = osmAddress(feature);
      if (a) onAddress(a);
    }
    if (lineNo % 10_000 === 0) onBytes(bytes);
  }
  onBytes(bytes);
  if (features > 0) return;
  if (whole.length >= WHOLE_LINES_MAX)
    throw new SourceError('no feature on a line of its own: write the file with ogr2ogr -f GeoJSON');
  let doc: { features?: unknown };
  try {
    doc = JSON.parse(whole.join('\n')) as { features?: unknown };
  } catch (e) {
    throw new SourceError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc.features)) throw new SourceError('not a GeoJSON FeatureCollection (no "features" list)');
  for (const f of doc.features as OsmFeature[]) {
    const a = osmAddress(f);
    if (a) onAddress(a);
  }
}
/** A pretty-printed file longer than this is not held in memory (real extracts come from ogr2ogr, one per line). */
const WHOLE_LINES_MAX = 2_000_000;

function osmAddress(f: OsmFeature): SourceAddress | null {
  const p = f.properties ?? {};
  const str = (k: string) => (typeof p[k] === 'string' && (p[k] as string).trim() ? (p[k] as string).trim() : null);
  const city = str('addr:city');
  const number = str('addr:housenumber');
  const position = centre(f.geometry);
  if (!city || !number || !position) return null;
  return {
    city,
    street: osmStreet(str('addr:street')),
    number,
    postcode: str('addr:postcode'),
    status: null,
    lng: position[0],
    lat: position[1],
  };
}

/**
 * OpenStreetMap writes Polish street names without "ulica" ("Józefa") but keeps other kinds ("Plac Nowy",
 * "Aleja Róż"); the register writes "ul. Józefa". Adding "ul." to a name that starts with no kind word makes the two
 * sources read alike.
 */
const KIND_WORD =
  /^(ul\.|ulica|al\.|aleja|aleje|pl\.|plac|os\.|osiedle|rondo|skwer|bulwar|rynek|most|park|droga|kopiec)\s/i;
function osmStreet(name: string | null): string | null {
  if (!name) return null;
  return KIND_WORD.test(name) ? name : `ul. ${name}`;
}

/** A point's position, or the mean of a polygon's outer ring (ogr2ogr may export buildings with addresses). */
function centre(g: OsmFeature['geometry']): [number, number] | null {
  const c = g?.coordinates;
  const isPos = (v: unknown): v is [number, number] =>
    Array.isArray(v) &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Number.isFinite(v[0]) &&
    Number.isFinite(v[1]);
  if (g?.type === 'Point' && isPos(c)) return [c[0], c[1]];
  if (g?.type === 'Polygon' && Array.isArray(c) && Array.isArray(c[0]) && c[0].every(isPos) && c[0].length) {
    const ring = c[0] as [number, number][];
    return [ring.reduce((s, q) => s + q[0], 0) / ring.length, ring.reduce((s, q) => s + q[1], 0) / ring.length];
  }
  return null;
}
