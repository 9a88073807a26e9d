// Small helpers shared by the start and test scripts. Plain Node (no dependencies): they run before npm install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n"${command} ${args.join(' ')}" failed (exit ${status}).`);
    process.exit(status);
  }
}

/** A fresh clone has no node_modules: install exactly what package-lock.json says. */
export function ensureDependencies() {
  const stamp = 'node_modules/.package-lock.json';
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync('package-lock.json').mtimeMs) return;
  mustRun('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Newest modification time under the given paths (files or folders). */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}
