import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

/**
 * A minimal PMTiles v3 writer for test tilesets: one root directory, no leaf directories.
 * Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md — 127-byte header, then the root
 * directory, the JSON metadata and the tile data, in that order. Tiles are deduplicated by content and runs of
 * identical consecutive tiles share one entry, as go-pmtiles does.
 */

export interface TileInput {
  z: number;
  x: number;
  y: number;
  /** The tile as it should come out of the archive (e.g. an uncompressed MVT). */
  data: Uint8Array;
}

export interface PmtilesOptions {
  /** gzip (what Protomaps builds use) or none, for the directory, the metadata and every tile alike. */
  compression?: 'gzip' | 'none';
  /** [minLon, minLat, maxLon, maxLat] */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]; the middle of the bounds at the lowest zoom by default. */
  center?: [number, number, number];
  /** The JSON metadata section (name, attribution, vector_layers, …). */
  metadata: Record<string, unknown>;
}

/** Spec §3: the header and the root directory must fit in the first 16 KiB, which clients read in one request. */
const FIRST_READ_BYTES = 16_384;
const HEADER_BYTES = 127;
const COMPRESSION = { none: 1, gzip: 2 } as const;
const TILE_TYPE_MVT = 1;

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** Unsigned LEB128, with arithmetic instead of bit operators: tile ids exceed 32 bits from zoom 16 on. */
function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`varint must be a non-negative safe integer, got ${value}`);
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Spec §4.1: count, then tile id deltas, run lengths, lengths, and offsets (0 = "right after the previous tile"). */
export function serializeDirectory(entries: Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let lastId = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

function headerBytes(fields: {
  rootOffset: number;
  rootLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafOffset: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressed: number;
  entries: number;
  contents: number;
  compression: number;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
}): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  bytes[7] = 3;
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  u64(8, fields.rootOffset);
  u64(16, fields.rootLength);
  u64(24, fields.metadataOffset);
  u64(32, fields.metadataLength);
  u64(40, fields.leafOffset);
  u64(48, 0);
  u64(56, fields.tileDataOffset);
  u64(64, fields.tileDataLength);
  u64(72, fields.addressed);
  u64(80, fields.entries);
  u64(88, fields.contents);
  bytes[96] = 1; // clustered: tile data is in tile id order
  bytes[97] = fields.compression; // internal (directories, metadata)
  bytes[98] = fields.compression; // tiles
  bytes[99] = TILE_TYPE_MVT;
  bytes[100] = fields.minZoom;
  bytes[101] = fields.maxZoom;
  const e7 = (at: number, deg: number) => view.setInt32(at, Math.round(deg * 1e7), true);
  const [minLon, minLat, maxLon, maxLat] = fields.bounds;
  e7(102, minLon);
  e7(106, minLat);
  e7(110, maxLon);
  e7(114, maxLat);
  const [lon, lat, zoom] = fields.center;
  bytes[118] = zoom;
  e7(119, lon);
  e7(123, lat);
  return bytes;
}

/** Builds a whole PMTiles v3 archive in memory. Throws when there is nothing to write or the root would not fit. */
export function writePmtiles(tiles: TileInput[], options: PmtilesOptions): Uint8Array {
  if (tiles.length === 0) throw new Error('writePmtiles: no tiles given; an archive needs at least one');
  const compression = options.compression ?? 'gzip';
  const compress = (b: Uint8Array) => (compression === 'gzip' ? new Uint8Array(gzipSync(b)) : b);

  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  const byHash = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  let lastHash = '';
  for (const [i, t] of sorted.entries()) {
    if (sorted[i - 1]?.tileId === t.tileId) throw new Error(`writePmtiles: tile ${t.z}/${t.x}/${t.y} given twice`);
    const hash = createHash('sha256').update(t.data).digest('hex');
    const last = entries.at(-1);
    if (last && hash === lastHash && t.tileId === last.tileId + last.runLength) {
      last.runLength += 1;
      continue;
    }
    let stored = byHash.get(hash);
    if (!stored) {
      const blob = compress(t.data);
      stored = { offset: dataLength, length: blob.length };
      byHash.set(hash, stored);
      blobs.push(blob);
      dataLength += blob.length;
    }
    entries.push({ tileId: t.tileId, ...stored, runLength: 1 });
    lastHash = hash;
  }

  const root = compress(serializeDirectory(entries));
  if (HEADER_BYTES + root.length > FIRST_READ_BYTES) {
    throw new Error(
      `writePmtiles: root directory is ${root.length} bytes; this writer has no leaf directories, so use fewer tiles`,
    );
  }
  const metadata = compress(new TextEncoder().encode(JSON.stringify(options.metadata)));
  const zooms = sorted.map((t) => t.z);
  const minZoom = Math.min(...zooms);
  const [minLon, minLat, maxLon, maxLat] = options.bounds;
  const center = options.center ?? [(minLon + maxLon) / 2, (minLat + maxLat) / 2, minZoom];

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const tileDataOffset = metadataOffset + metadata.length;
  const header = headerBytes({
    rootOffset,
    rootLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafOffset: tileDataOffset,
    tileDataOffset,
    tileDataLength: dataLength,
    addressed: sorted.length,
    entries: entries.length,
    contents: blobs.length,
    compression: COMPRESSION[compression],
    minZoom,
    maxZoom: Math.max(...zooms),
    bounds: options.bounds,
    center,
  });

  const out = new Uint8Array(tileDataOffset + dataLength);
  out.set(header, 0);
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  let at = tileDataOffset;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}
