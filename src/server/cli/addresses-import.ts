// npm run addresses:import -- <PRG address points GML | OSM-style GeoJSON>
// Builds the offline address gazetteer in the server's database (DATABASE_URL or DATA_DIR, like the server). Keeps
// Kraków only; a failed or empty import leaves the installed gazetteer as it was. See README, "Addresses".
// Like index.ts, this is an entry point, so it may read the environment.
import { openStore } from './open-store.ts';
import { importAddresses, type ImportProgress } from '../geocode/import.ts';

const file = process.argv[2];
if (!file) {
  console.error(
    'usage: npm run addresses:import -- <file>   (PRG „punkty adresowe” GML for małopolskie, or a GeoJSON with addr:* tags)',
  );
  process.exit(2);
}
const { store, where: dbFile } = await openStore(process.env);
const started = Date.now();
let lastShown = 0;
const showProgress = (p: ImportProgress) => {
  // Twice a second is enough for a person watching; a 500 MB file reports thousands of chunks.
  if (Date.now() - lastShown < 500) return;
  lastShown = Date.now();
  const pct = p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
  process.stderr.write(
    `\r${pct}%  ${p.read.toLocaleString('pl')} address points read, ${p.kept.toLocaleString('pl')} in Kraków   `,
  );
};
try {
  const s = await importAddresses(store.addresses, file, showProgress);
  process.stderr.write('\n');
  console.log(
    `installed ${s.points} Kraków addresses on ${s.streets} streets from ${s.format} (${s.read} read, ${s.skipped} skipped) ` +
      `in ${Math.round((Date.now() - started) / 1000)} s into ${dbFile}; the running server uses them at once`,
  );
} catch (e) {
  process.stderr.write('\n');
  console.error(`import failed, the installed addresses are unchanged: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
