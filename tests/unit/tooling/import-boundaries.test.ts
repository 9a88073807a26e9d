import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, so a change there that loosens a boundary fails here.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'local/import-boundaries').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses a client module importing server code', async () => {
    const errors = await boundaryErrors(
      'src/client/state/wrong.ts',
      "import { createApp } from '../../server/app.ts';\nexport const app = createApp;\n",
    );
    expect(errors).toEqual([expect.stringContaining('src/client may not import src/server')]);
  });

  it('refuses a server module importing client code, also through a dynamic import or a re-export', async () => {
    const errors = await boundaryErrors(
      'src/server/routes/wrong.ts',
      "export { Route } from '../../client/state/route.svelte.ts';\n" +
        "export const load = () => import('../../client/App.svelte');\n",
    );
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.includes('src/server may not import src/client'))).toBe(true);
  });

  it('refuses shared code importing either side', async () => {
    const errors = await boundaryErrors(
      'src/common/wrong.ts',
      "import type { Db } from '../server/db/index.ts';\nimport { useRoute } from '../client/state/route.svelte.ts';\n" +
        'export type X = Db | typeof useRoute;\n',
    );
    expect(errors).toEqual([
      expect.stringContaining('src/common may not import src/server'),
      expect.stringContaining('src/common may not import src/client'),
    ]);
  });

  it('refuses a map layer importing a view, in a Svelte component too', async () => {
    const errors = await boundaryErrors(
      'src/client/map/WrongLayer.svelte',
      '<script lang="ts">\n  import { useWalk } from \'../views/walk/walk-state.svelte.ts\';\n  const walk = useWalk();\n</script>\n' +
        '<p>{walk}</p>\n',
    );
    expect(errors).toEqual([expect.stringContaining('src/client/map may not import src/client/views')]);
  });

  it('is never switched off in the source by an eslint-disable comment', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|svelte|js)$/.test(f));
    const disabled = files.filter((f) =>
      /eslint-disable.*import-boundaries/.test(readFileSync(join('src', f), 'utf8')),
    );
    expect(disabled).toEqual([]);
  });

  it('sees through a path that wanders out of its folder and back', async () => {
    const errors = await boundaryErrors(
      'src/client/ui/wrong.ts',
      "import { x } from '../../common/../server/config.ts';\nexport const y = x;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('allows the directions the architecture allows', async () => {
    const allowed = [
      [
        'src/client/views/walk/ok.ts',
        "import { a } from '../../../common/points.ts';\nimport { b } from '../../map/z-order.ts';",
      ],
      ['src/server/routes/ok.ts', "import { a } from '../../common/points.ts';"],
      ['src/common/ok.ts', "import { a } from './points.ts';\nimport { z } from 'zod';"],
      [
        'src/client/map/ok.ts',
        "import { a } from '../state/route.svelte.ts';\nimport { b } from '../../common/points.ts';",
      ],
      [
        'tests/unit/ok.test.ts',
        "import { a } from '../../src/server/app.ts';\nimport { b } from '../../src/client/map/z-order.ts';",
      ],
    ] as const;
    for (const [file, code] of allowed) {
      expect(await boundaryErrors(file, `${code}\nexport const used = [a, b, z];\n`), file).toEqual([]);
    }
  });
});
