import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { Boot } from '../../src/client/boot.ts';

type ShellModule = typeof import('../../src/client/prerender.ts');
type BootModule = typeof import('../../src/client/boot.ts');
type SiteModule = typeof import('../../src/server/site-data.ts');
type SubareasModule = typeof import('../../src/server/routes/subareas.ts');

/**
 * Writes the main page, as Svelte's server renderer draws it from the site data in data/, into the built
 * index.html, with that data beside it for hydration (src/client/boot.ts, src/client/main.ts). A phone then shows
 * the header, the tabs and the subareas with their ambassadors from the HTML alone, before any script has run.
 *
 * The components are compiled for the server by a second, private Vite instance (the same Svelte plugin, so the
 * scoped class names match the client build's). Build only: `npm run dev` serves the empty page and mounts.
 */
export function prerender(): Plugin {
  let root = process.cwd();
  return {
    name: 'mapa:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const server = await createServer({
          configFile: false,
          root,
          logLevel: 'error',
          appType: 'custom',
          plugins: [svelte()],
          server: { middlewareMode: true, hmr: false, ws: false, watch: null },
          optimizeDeps: { noDiscovery: true, include: [] },
          resolve: { alias: { 'virtual:pwa-register': join(root, 'scripts/vite/pwa-register-stub.ts') } },
        });
        try {
          const { loadSiteData } = (await server.ssrLoadModule('/src/server/site-data.ts')) as SiteModule;
          const { subareaCollection } = (await server.ssrLoadModule(
            '/src/server/routes/subareas.ts',
          )) as SubareasModule;
          const { Boot, bootJson, BOOT_ELEMENT_ID } = (await server.ssrLoadModule('/src/client/boot.ts')) as BootModule;
          const { renderShell } = (await server.ssrLoadModule('/src/client/prerender.ts')) as ShellModule;
          const site = loadSiteData(join(root, 'data'));
          const boot: Boot = Boot.parse({
            subareas: subareaCollection(site, (id) => site.subareas.find((s) => s.id === id)!.ambassador),
            categories: site.categories,
          });
          const { body } = renderShell(boot);
          // The page's CSP allows no inline style (src/server/middleware/security.ts): a style="" in the markup
          // would be refused by the browser and logged as an error. Svelte's style: directives are fine after
          // hydration.
          const inline = /<[^>]+\sstyle="[^"]*"/.exec(body);
          if (inline)
            throw new Error(
              `the pre-rendered page has an inline style, which the CSP refuses: ${inline[0].slice(0, 200)}`,
            );
          const app = '<div id="app"></div>';
          if (!html.includes(app)) throw new Error(`index.html must contain ${app} for the pre-rendered page`);
          return lowPriorityScripts(html).replace(
            app,
            `<div id="app">${body}</div>\n    <script type="application/json" id="${BOOT_ELEMENT_ID}">${bootJson(boot)}</script>`,
          );
        } finally {
          await server.close();
        }
      },
    },
  };
}

/**
 * The page paints from its HTML and its one stylesheet; the scripts only make it work. Chromium fetches module
 * scripts and modulepreloads at high priority, next to the stylesheet, so on a slow mobile network they share its
 * bandwidth and hold back the first paint. Low priority lets the stylesheet go first; the scripts follow at once.
 */
export function lowPriorityScripts(html: string): string {
  if (!html.includes('<script type="module"'))
    throw new Error('index.html has no module script for the prerender to lower in priority');
  return html.replace(
    /<(script type="module"|link rel="modulepreload")(?![^>]*fetchpriority)/g,
    '<$1 fetchpriority="low"',
  );
}
