import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AddressRepository, ImportStreet } from '../store/types.ts';
import { fold, numberKey, streetWords } from '../../common/address-text.ts';
import { inBBox, KRAKOW_BBOX } from '../../common/geo/index.ts';
import { readOsmGeoJson, readPrgGml, SourceError, type SourceAddress } from './sources.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Address points read so far, and how many of them are in Kraków. */
  read: number;
  kept: number;
}
export interface ImportSummary {
  format: 'prg-gml' | 'osm-geojson';
  read: number;
  streets: number;
  points: number;
  /** Kraków addresses left out: no street name, a duplicate number, a retired or planned building. */
  skipped: number;
}

/** Statuses of the register that name no building standing or being built: not offered to residents. */
const NOT_STANDING = new Set(['archiwalny', 'nieistniejacy', 'prognozowany']);

/**
 * Reads an official PRG address-points GML or an OSM-style GeoJSON, keeps Kraków's numbered street addresses, and
 * replaces the gazetteer with them. Nothing is written until the whole file was read: a broken file, or one with no
 * Kraków address at all (a wrong voivodeship), leaves the installed gazetteer as it was.
 */
export async function importAddresses(
  store: AddressRepository,
  file: string,
  onProgress: (p: ImportProgress) => void = () => {},
  now: () => Date = () => new Date(),
): Promise<ImportSummary> {
  const format = await sniff(file);
  const totalBytes = (await stat(file)).size;
  const streets = new Map<string, ImportStreet>();
  let read = 0;
  let kept = 0;
  let skipped = 0;

  const onAddress = (a: SourceAddress) => {
    read++;
    if (fold(a.city) !== 'krakow' || !inBBox([a.lng, a.lat], KRAKOW_BBOX)) return;
    const key = a.street ? numberKey(a.number) : '';
    const words = a.street ? streetWords(a.street).join(' ') : '';
    if (!a.street || !words || (a.status && NOT_STANDING.has(fold(a.status)))) {
      skipped++;
      return;
    }
    let s = streets.get(a.street);
    if (!s) streets.set(a.street, (s = { name: a.street, words, points: [] }));
    if (s.points.some((p) => p.numberKey === key)) {
      skipped++;
      return;
    }
    s.points.push({ number: a.number, numberKey: key, postcode: a.postcode, lng: a.lng, lat: a.lat });
    kept++;
  };
  const onBytes = (bytesRead: number) => onProgress({ bytesRead, totalBytes, read, kept });

  if (format === 'prg-gml') await readPrgGml(file, onAddress, onBytes);
  else await readOsmGeoJson(file, onAddress, onBytes);

  if (kept === 0) {
    throw new SourceError(
      `no Kraków street address in ${basename(file)} (${read} address points read): ` +
        'is it the file for województwo małopolskie, or a GeoJSON with addr:city = Kraków?',
    );
  }
  await store.replaceAll([...streets.values()], {
    source: format,
    file: basename(file),
    importedAt: now().toISOString(),
    points: String(kept),
  });
  return { format, read, streets: streets.size, points: kept, skipped };
}

/** By the first character that is not whitespace or a byte-order mark: "<" is XML, "{" JSON. */
async function sniff(file: string): Promise<ImportSummary['format']> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^[\uFEFF\s]+/, '');
    if (head.startsWith('<')) return 'prg-gml';
    if (head.startsWith('{')) return 'osm-geojson';
    throw new SourceError(
      `${basename(file)} is neither GML (PRG address points) nor GeoJSON: it starts with "${head.slice(0, 20)}"`,
    );
  } finally {
    await handle.close();
  }
}
