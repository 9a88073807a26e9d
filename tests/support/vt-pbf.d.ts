// vt-pbf 3 ships no types; only the one function the test tileset uses (tests/support/krakow-tileset.ts).
declare module 'vt-pbf' {
  interface VtPbf {
    /** Encodes geojson-vt tiles, keyed by layer name, as one uncompressed Mapbox Vector Tile. */
    fromGeojsonVt(
      layers: Record<string, { features: unknown[] }>,
      options?: { version?: number; extent?: number },
    ): Uint8Array;
  }
  const vtpbf: VtPbf;
  export default vtpbf;
}
