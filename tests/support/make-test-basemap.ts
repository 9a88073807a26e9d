// Writes the tiny Kraków test tileset (tests/support/krakow-tileset.ts) to the path given, creating its folder.
// scripts/e2e-server.mjs runs it so the end-to-end server serves a real PMTiles basemap.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildKrakowPmtiles } from './krakow-tileset.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx tests/support/make-test-basemap.ts <output.pmtiles>');
mkdirSync(dirname(out), { recursive: true });
const bytes = buildKrakowPmtiles();
writeFileSync(out, bytes);
console.log(`test basemap: ${out} (${bytes.length} bytes)`);
