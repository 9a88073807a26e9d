// npm run subareas:import -- <msip-answer.geojson>
// Replaces data/subareas.geojson with the official boundaries (see README, "Replacing the subarea boundaries").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMsipSubareas } from '../subarea-import.ts';
import { loadSiteData } from '../site-data.ts';
import { PROJECT_ROOT } from '../app.ts';

const SOURCE =
  'MSIP Kraków, dataset 2341 „Obszar rewitalizacji w Mieście Krakowie od 2022”, https://msip.um.krakow.pl/arcgis/rest/services/Obserwatorium/Rewitalizacja_od_2022/MapServer/0; Uchwała XCVII/2644/22 RMK z 12.10.2022';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run subareas:import -- <file.geojson>   (the MSIP query answer, outSR=4326, f=geojson)');
  process.exit(2);
}
const dataDir = join(PROJECT_ROOT, 'data');
const target = join(dataDir, 'subareas.geojson');
const previous = readFileSync(target, 'utf8');
try {
  const { collection, skipped } = importMsipSubareas(
    JSON.parse(readFileSync(file, 'utf8')),
    SOURCE,
    new Date().toISOString().slice(0, 10),
  );
  writeFileSync(target, JSON.stringify(collection, null, 1) + '\n');
  // Validate exactly as the server will at start-up; put the old file back if it would not start.
  const site = loadSiteData(dataDir);
  for (const s of site.subareas) console.log(`${s.id}: ${s.areaHa} ha`);
  if (skipped.length) console.log(`ignored features: ${skipped.join(', ')}`);
  console.log(`wrote ${target}; restart the server to use it`);
} catch (e) {
  writeFileSync(target, previous);
  console.error(`import failed, data/subareas.geojson unchanged: ${(e as Error).message}`);
  process.exit(1);
}
