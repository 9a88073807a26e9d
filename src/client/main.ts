import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import { readBoot } from './boot.ts';
import { initialLocale } from './i18n/i18n.svelte.ts';
import { prefetchMapNow, WIDE_SCREEN } from './map-start.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html must contain <div id="app">');

// Asked for before hydrating, so the download overlaps it; MapView imports the same module when the map starts (a
// failure here, offline say, is MapView's to report, so it is ignored).
if (prefetchMapNow(location, window.matchMedia(WIDE_SCREEN).matches)) {
  import('./views/MapArea.svelte').catch(() => {});
}

const boot = readBoot(document);
// index.html carries the main page as the server renderer drew it at build time: '/', in Polish, subareas tab
// (scripts/vite/prerender.ts). That page is hydrated — the markup stays, Svelte attaches to it — and a resident
// whose language is another then gets it switched in place, like pressing the language switch. Any other start
// (another page, a shared link with ?subarea=…) is drawn afresh instead of patched.
const samePage = location.pathname === '/' && location.search === '';
let app;
if (boot && samePage && target.firstElementChild) {
  app = hydrate(App, { target, props: { boot, drawnIn: 'pl', locale: initialLocale() } });
} else {
  target.replaceChildren();
  app = mount(App, { target, props: { boot } });
}
export default app;
