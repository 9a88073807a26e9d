import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, '../../../src/server');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const sources = files(SERVER).map((file) => ({ path: relative(SERVER, file), source: readFileSync(file, 'utf8') }));

/** The server modules whose code matches `pattern`, comments left out (they may name what they do not do). */
function where(pattern: RegExp, all = sources): string[] {
  const code = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return all.filter(({ source }) => pattern.test(code(source))).map(({ path }) => path);
}

/**
 * Each of these once had twins that drifted apart (a second bearer parser, four moderator guards, two rate-limit
 * types, settings read beside configFromEnv). One home each: a new twin fails here and should use the one there.
 */
describe('the server has one of each', () => {
  it('reads the edit token from Authorization in one helper, bearer() in middleware/guards.ts', () => {
    expect(where(/header\(\s*['"]Authorization['"]\s*\)/)).toEqual(['middleware/guards.ts']);
    expect(where(/export function bearer\(/)).toEqual(['middleware/guards.ts']);
  });

  it('looks up a staff session in one place, and guards staff routes with one middleware (requireRole)', () => {
    expect(where(/\.sessionAccount\(/).filter((p) => !p.startsWith('db/'))).toEqual(['middleware/roles.ts']);
    expect(where(/ApiError\(\s*401,\s*'login required'/)).toEqual(['middleware/roles.ts']);
  });

  it('has one RateLimit type, and reads the environment only through configFromEnv', () => {
    expect(where(/^\s*(readonly )?windowMs\??:\s*number;/m)).toEqual(['middleware/rate-limit.ts']);
    const readers = where(/process\.env\b/).filter((p) => !p.startsWith('cli/'));
    expect(readers).toEqual(['index.ts']);
    expect(
      where(
        /process\.env\b(?!\))/,
        sources.filter((s) => s.path === 'index.ts'),
      ),
    ).toEqual([]);
  });

  it('would catch a second bearer parser or a route checking the session by hand', () => {
    const twin = [
      { path: 'routes/x.ts', source: "const t = c.req.header('Authorization');" },
      {
        path: 'routes/y.ts',
        source: "if (!(await auth.sessionAccount(h, at))) throw new ApiError(401, 'login required');",
      },
    ];
    expect(where(/header\(\s*['"]Authorization['"]\s*\)/, twin)).toEqual(['routes/x.ts']);
    expect(where(/\.sessionAccount\(/, twin)).toEqual(['routes/y.ts']);
    expect(where(/ApiError\(\s*401,\s*'login required'/, twin)).toEqual(['routes/y.ts']);
  });
});
