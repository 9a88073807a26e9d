import { describe, expect, it } from 'vitest';
import { Compression, PMTiles, TileType, zxyToTileId, type RangeResponse, type Source } from 'pmtiles';
// MapLibre's own MVT decoder (a maplibre-gl dependency), so the tiles are checked as the browser will read them.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { writePmtiles, type TileInput } from '../../support/pmtiles-writer.ts';
import { buildKrakowPmtiles, buildTiles, tileAt, TILESET_BOUNDS } from '../../support/krakow-tileset.ts';

/** The pmtiles package reading from memory: the same decoder the browser uses, minus HTTP. */
class BytesSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey() {
    return 'memory';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.bytes.slice(offset, offset + length);
    return { data: slice.buffer };
  }
}

const read = (bytes: Uint8Array) => new PMTiles(new BytesSource(bytes));
const tile = (z: number, x: number, y: number, text: string): TileInput => ({
  z,
  x,
  y,
  data: new TextEncoder().encode(text),
});
const options = { bounds: TILESET_BOUNDS, metadata: { name: 'test' } };

describe('the test PMTiles writer', () => {
  for (const compression of ['gzip', 'none'] as const) {
    it(`writes an archive the pmtiles package reads back tile for tile (${compression})`, async () => {
      const tiles = buildTiles();
      const archive = read(writePmtiles(tiles, { ...options, compression }));
      for (const t of tiles) {
        const got = await archive.getZxy(t.z, t.x, t.y);
        expect(got, `tile ${t.z}/${t.x}/${t.y}`).toBeDefined();
        expect(new Uint8Array(got!.data)).toEqual(new Uint8Array(t.data));
      }
      const header = await archive.getHeader();
      const expected = compression === 'gzip' ? Compression.Gzip : Compression.None;
      expect(header).toMatchObject({
        specVersion: 3,
        tileType: TileType.Mvt,
        internalCompression: expected,
        tileCompression: expected,
        clustered: true,
      });
    });
  }

  it('records zooms, bounds, centre, counts and metadata in the header', async () => {
    const tiles = [tile(10, 568, 346, 'a'), tile(11, 1137, 693, 'b'), tile(12, 2274, 1387, 'c')];
    const archive = read(
      writePmtiles(tiles, {
        ...options,
        center: [19.945, 50.056, 11],
        metadata: { name: 'Kraków', vector_layers: [] },
      }),
    );
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      minZoom: 10,
      maxZoom: 12,
      centerZoom: 11,
      numAddressedTiles: 3,
      numTileEntries: 3,
      numTileContents: 3,
    });
    expect(header.minLon).toBeCloseTo(TILESET_BOUNDS[0], 6);
    expect(header.maxLat).toBeCloseTo(TILESET_BOUNDS[3], 6);
    expect(header.centerLon).toBeCloseTo(19.945, 6);
    expect(await archive.getMetadata()).toEqual({ name: 'Kraków', vector_layers: [] });
  });

  it('stores identical tiles once and runs of them as one entry', async () => {
    // Consecutive tile ids at zoom 1 are a run; the zoom 2 copy elsewhere reuses the same bytes.
    const ids = [zxyToTileId(1, 0, 0), zxyToTileId(1, 0, 1), zxyToTileId(1, 1, 1)];
    expect(ids[1]! - ids[0]!).toBe(1);
    const tiles = [tile(1, 0, 0, 'sea'), tile(1, 0, 1, 'sea'), tile(1, 1, 1, 'land'), tile(2, 3, 3, 'sea')];
    const archive = read(writePmtiles(tiles, options));
    expect(await archive.getHeader()).toMatchObject({ numAddressedTiles: 4, numTileEntries: 3, numTileContents: 2 });
    for (const t of tiles)
      expect(new TextDecoder().decode((await archive.getZxy(t.z, t.x, t.y))!.data)).toBe(
        new TextDecoder().decode(t.data),
      );
  });

  it('answers undefined for a tile the archive does not hold', async () => {
    const archive = read(writePmtiles([tile(10, 571, 347, 'a')], options));
    expect(await archive.getZxy(10, 572, 347)).toBeUndefined();
    expect(await archive.getZxy(14, 0, 0)).toBeUndefined();
  });

  it('refuses an empty archive, a tile given twice and a root directory past the first 16 KiB', () => {
    expect(() => writePmtiles([], options)).toThrow(/no tiles/);
    expect(() => writePmtiles([tile(3, 1, 1, 'a'), tile(3, 1, 1, 'b')], options)).toThrow(/3\/1\/1 given twice/);
    // Every tile different and far apart in id order: about 5 bytes of directory each, uncompressed.
    const many = Array.from({ length: 4000 }, (_, i) => tile(12, (i * 7) % 4096, Math.floor(i / 8), `t${i}`));
    expect(() => writePmtiles(many, { ...options, compression: 'none' })).toThrow(/leaf directories/);
  });
});

describe('the Kraków test tileset', () => {
  it('carries Protomaps-schema roads, water and places in the tile over Kazimierz at zoom 14', async () => {
    const archive = read(buildKrakowPmtiles());
    const { x, y } = tileAt(19.945, 50.052, 14);
    const got = await archive.getZxy(14, x, y);
    expect(got).toBeDefined();
    const vt = new VectorTile(new PbfReader(new Uint8Array(got!.data)));
    expect(Object.keys(vt.layers).sort()).toEqual(expect.arrayContaining(['earth', 'roads', 'water']));
    const roads = vt.layers['roads']!;
    const kinds = Array.from({ length: roads.length }, (_, i) => roads.feature(i).properties);
    expect(kinds).toContainEqual(expect.objectContaining({ kind: 'minor_road', name: 'Józefa' }));
    expect(kinds).toContainEqual(expect.objectContaining({ kind: 'major_road', name: 'Starowiślna' }));
    const water = vt.layers['water']!;
    expect(Array.from({ length: water.length }, (_, i) => water.feature(i).type)).toContain(3); // a polygon
  });

  it('covers zooms 10 to 14 and names Kraków in the places layer', async () => {
    const archive = read(buildKrakowPmtiles());
    expect(await archive.getHeader()).toMatchObject({ minZoom: 10, maxZoom: 14 });
    const { x, y } = tileAt(19.9374, 50.0616, 10);
    const z10 = await archive.getZxy(10, x, y);
    const vt = new VectorTile(new PbfReader(new Uint8Array(z10!.data)));
    const places = vt.layers['places']!;
    const names = Array.from({ length: places.length }, (_, i) => places.feature(i).properties['name']);
    expect(names).toContain('Kraków');
  });
});
