// Builds the offline basemap's glyph PBFs from Debian's Noto Sans (apt: fonts-noto-core).
// The output is committed; run again only to change fonts or ranges. See docs/toolchain.md.
// Stack names match OpenFreeMap's ("Noto Sans Bold"), so our label layers work on the online and offline style alike.
import fontnik from 'fontnik';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const range = promisify(fontnik.range);
const FONTS = {
  'Noto Sans Regular': '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  'Noto Sans Bold': '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
};
// Latin-1, Latin Extended-A (ą ę ł ń ó ś ź ż), Cyrillic (Ukrainian), General Punctuation („ ” – — …).
const RANGES = [0, 256, 1024, 8192];

for (const [stack, file] of Object.entries(FONTS)) {
  const font = readFileSync(file);
  mkdirSync(`public/glyphs/${stack}`, { recursive: true });
  for (const start of RANGES) {
    const pbf = await range({ font, start, end: start + 255 });
    writeFileSync(`public/glyphs/${stack}/${start}-${start + 255}.pbf`, pbf);
  }
  console.log(`glyphs: ${stack} ${RANGES.length} ranges`);
}
