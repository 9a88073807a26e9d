import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const SCANNED = ['src', 'scripts', 'tests', 'docs', 'eslint', 'README.md'];
const TEXT = /\.(ts|mts|mjs|js|svelte|sql|md|css|html)$/;

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (TEXT.test(path)) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(path, e.name)) : TEXT.test(e.name) ? [join(full, e.name)] : [],
  );
}

/**
 * Pointers a reader of the repository cannot follow: issue numbers (the tracker is not shipped with the code) and
 * the design notes kept beside the repository (shared/data/, shared/design/) — what they say belongs in docs/.
 */
const UNFOLLOWABLE = [/\bissues?[ -]#?\d+/i, /\bshared\/(data|design|seed|hooks)\//];

function pointers(path: string, source: string): string[] {
  return source
    .split('\n')
    .flatMap((line, i) => (UNFOLLOWABLE.some((re) => re.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
}

describe('comments and docs point only at what the repository holds', () => {
  it('no source, test, script or doc names an issue number or the notes beside the repository', () => {
    // This file names them on purpose, as examples.
    const scanned = SCANNED.flatMap(files).filter((file) => file !== import.meta.filename);
    const found = scanned.flatMap((file) => pointers(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('would catch a migration that names its issue and a comment sending the reader to the design notes', () => {
    expect(pointers('m.sql', '-- 003: photos on walk pins (issue 4).')).toHaveLength(1);
    expect(pointers('a.ts', ' * See shared/data/README.md for the query URL.')).toHaveLength(1);
    expect(pointers('b.ts', "import { x } from '../common/points.ts'; // zod issues [0]")).toEqual([]);
  });
});

describe('code imports only what the repository holds', () => {
  it('every relative import resolves inside the repository (src/common is ours, not the notes beside it)', () => {
    const code = ['src', 'scripts', 'tests', 'eslint'].flatMap(files).filter((f) => !f.endsWith('.md'));
    const outside = code.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((spec) => relative(ROOT, resolve(dirname(file), spec)).startsWith('..'))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(code.length).toBeGreaterThan(100);
    expect(outside).toEqual([]);
    // The same test on the design notes beside the repository: it does leave it.
    const app = join(ROOT, 'src/client/App.svelte');
    expect(relative(ROOT, resolve(dirname(app), '../../../common/design/product.md')).startsWith('..')).toBe(true);
    expect(relative(ROOT, resolve(dirname(app), '../common/categories.ts')).startsWith('..')).toBe(false);
  });
});
