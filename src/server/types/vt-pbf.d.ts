// vt-pbf 3 ships no types; only the one function we use (the SQLite tile engine, the test basemap tileset).
declare module 'vt-pbf' {
  interface VtPbf {
    /** Encodes geojson-vt tiles (or supercluster's, the same shape), keyed by layer name, as one uncompressed MVT. */
    fromGeojsonVt(
      layers: Record<string, { features: unknown[] }>,
      options?: { version?: number; extent?: number },
    ): Uint8Array;
  }
  const vtpbf: VtPbf;
  export default vtpbf;
}
