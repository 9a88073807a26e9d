import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const apiPort = process.env.PORT ?? '8080';

export default defineConfig({
  plugins: [svelte()],
  // DIST_DIR: parallel test runs build into separate folders (see playwright.config.ts).
  build: { outDir: process.env.DIST_DIR ?? 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
  // Dev only: the Hono server (npm start) answers /api; production serves everything from one port.
  server: { proxy: { '/api': `http://localhost:${apiPort}` } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
  },
});
