// Lint once, for the whole repository: `npm run lint` (also the first step of `npm test`, with `prettier --check`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import boundaries from './eslint/import-boundaries.js';

export default defineConfig(
  { ignores: ['dist/', 'dist-*/', 'var/', 'test-results/', 'playwright-report/', 'public/', 'data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { local: boundaries },
    rules: {
      'local/import-boundaries': 'error',
      // Prettier wraps code at 120; this catches the comments and markup it leaves long.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
      // `_name` marks a value left out on purpose, mostly fields dropped by destructuring (`{ secret: _, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Flags every `new Set()`/`new URL()` in a .svelte.ts file, also the local, never-reactive ones that only
      // compute a value; reactive collections here are `$state` fields, which review catches.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    // TypeScript already reports undefined names, and knows ambient types (`GeoJSON.Feature`) that this rule does not.
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
);
