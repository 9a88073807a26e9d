// The browser tests need Debian's Chromium (Playwright's own download cannot work on these machines)
// and Noto fonts (labels and screenshots with Polish and Ukrainian letters). Installs them when missing.
import { existsSync } from 'node:fs';
import { run } from './lib.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureBrowser() {
  const fonts = '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf';
  if (existsSync(CHROMIUM) && existsSync(fonts)) return;
  // Root (CI, these machines) runs apt-get itself; anyone else goes through sudo.
  const apt = (args) =>
    process.getuid?.() === 0 ? run('apt-get', args, { env }) : run('sudo', ['apt-get', ...args], { env });
  console.log(`Installing Chromium and Noto fonts from apt (${CHROMIUM} or the fonts are missing)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let status = apt(['update', '-qq']);
  if (status === 0) status = apt(['install', '-y', '-qq', 'chromium', 'fonts-noto-core']);
  if (status !== 0 || !existsSync(CHROMIUM)) {
    console.error(
      `Could not install Chromium. Install it yourself: apt-get install -y chromium fonts-noto-core (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowser();
