/**
 * When the main page starts its live map. MapLibre's start-up (a 1 MB script, a WebGL context, the first frames)
 * is seconds of busy main thread on a slow phone, and the first screen needs none of it: the header, the lists,
 * the forms and a still picture of the subareas are in the HTML already. So the map waits until the resident
 * does something (a touch, a scroll, a key, the mouse moving over the page) — the page is theirs by then, and the
 * map is what they are likely to reach for. On a large screen (a laptop, the projector in a community room) a
 * resident who only reads gets it anyway once the page has been quiet for a while after it loaded. On a phone
 * they do not: there the picture stands in until the first touch, so someone who only opened the page to read an
 * ambassador's address spends neither the ~450 KB of map code on their mobile data nor the seconds of a frozen
 * page on starting a map they did not look at.
 */
/** A laptop or a projector, not a phone: the same width as the main page's two-column layout (MapView.svelte). */
export const WIDE_SCREEN = '(min-width: 900px)';

/**
 * Whether the map's chunk is worth asking for before the page is even hydrated: on a wide screen the map starts
 * within seconds whatever the resident does (below), so its ~250 KB download can overlap the page's own start-up
 * instead of following it. Only on the main page, drawn as a map; a phone keeps waiting for the first touch.
 */
export function prefetchMapNow(loc: Pick<Location, 'pathname' | 'search'>, wide: boolean): boolean {
  return wide && loc.pathname === '/' && new URLSearchParams(loc.search).get('view') !== 'list';
}

const EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel', 'scroll'] as const;

/** How long after the page has loaded a resident who does nothing gets the live map anyway. */
export const MAP_START_AFTER_LOAD_MS = 4000;

/**
 * Calls `start` once, on the first interaction or — with `afterLoad` — after the quiet wait; the returned function
 * cancels it.
 */
export function onMapStart(start: () => void, { afterLoad = true } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const go = () => {
    cancel();
    start();
  };
  const cancel = () => {
    for (const type of EVENTS) window.removeEventListener(type, go, { capture: true });
    window.removeEventListener('load', startWhenQuiet);
    clearTimeout(timer);
    if (idle !== undefined) window.cancelIdleCallback?.(idle);
  };
  // requestIdleCallback: not while the browser is still busy with the page (Safari has none: the timer alone).
  const startWhenQuiet = () => {
    timer = setTimeout(() => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(go, { timeout: 2000 });
      else go();
    }, MAP_START_AFTER_LOAD_MS);
  };
  for (const type of EVENTS) window.addEventListener(type, go, { capture: true, passive: true });
  if (!afterLoad) return cancel;
  if (document.readyState === 'complete') startWhenQuiet();
  else window.addEventListener('load', startWhenQuiet, { once: true });
  return cancel;
}
