import { render } from 'svelte/server';
import App from './App.svelte';
import type { Boot } from './boot.ts';

/**
 * The main page as the server renderer draws it from the site data: run at build time only
 * (scripts/vite/prerender.ts), never in the browser. `body` goes inside <div id="app">, where main.ts hydrates it.
 */
export function renderShell(boot: Boot): { head: string; body: string } {
  return render(App, { props: { boot } });
}
