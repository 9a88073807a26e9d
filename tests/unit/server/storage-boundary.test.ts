import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, '../../../src/server');

/**
 * Where a database handle may be opened and wrapped in a store: the engines, the start-up, the commands, and the
 * tile worker's thread, which opens a read-only connection of its own.
 */
const MAY_OPEN = [/^db\//, /^cli\//, /^index\.ts$/, /^app\.ts$/, /^tiles\/tile-worker\.ts$/];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module a file names: static imports, re-exports, dynamic imports, `import type` included. */
function specifiers(source: string): string[] {
  const found = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return [...new Set(found)];
}

/** A module that hands out a database handle or an engine's repositories, rather than the store's interfaces. */
const isDatabase = (spec: string) => /(^|\/)db\/|^better-sqlite3$|^pg$|^pg-/.test(spec);

function offenders(sources: { path: string; source: string }[]): string[] {
  return sources.flatMap(({ path, source }) =>
    specifiers(source)
      .filter(isDatabase)
      .map((spec) => `${path} imports ${spec}`),
  );
}

describe('routes and services see repositories, never a database handle', () => {
  it('no module outside db/, cli/, index.ts, app.ts and the tile worker imports a database module or driver', () => {
    const sources = files(SERVER)
      .map((file) => ({ path: relative(SERVER, file), source: readFileSync(file, 'utf8') }))
      .filter(({ path }) => !MAY_OPEN.some((re) => re.test(path)));
    expect(sources.map((s) => s.path)).toContain('routes/points.ts');
    expect(offenders(sources)).toEqual([]);
  });

  it('would catch a route factory that takes the handle, whichever way it imports it', () => {
    const route = (source: string) => [{ path: 'routes/wrong.ts', source }];
    expect(offenders(route("import type { Db } from '../db/open.ts';\nexport const r = (db: Db) => db;"))).toEqual([
      'routes/wrong.ts imports ../db/open.ts',
    ]);
    expect(offenders(route("export type { Db } from '../db/open.ts';"))).toHaveLength(1);
    expect(offenders(route("const m = await import('better-sqlite3');"))).toHaveLength(1);
    expect(offenders(route("import pg from 'pg';"))).toHaveLength(1);
    expect(offenders(route("import type { Store } from '../store/types.ts';"))).toEqual([]);
  });
});
