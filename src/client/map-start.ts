/**
 * When the main page starts its live map. MapLibre's start-up (a 1 MB script, a WebGL context, the first frames)
 * is seconds of busy main thread on a slow phone, and the first screen needs none of it: the header, the lists,
 * the forms and a still picture of the subareas are in the HTML already. So the map waits until the resident
 * does something (a touch, a scroll, a key, the mouse moving over the page) — the page is theirs by then, and the
 * map is what they are likely to reach for — or, if they only read, until the page has been quiet for a while
 * after it loaded.
 */
const EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel', 'scroll'] as const;

/** How long after the page has loaded a resident who does nothing gets the live map anyway. */
export const MAP_START_AFTER_LOAD_MS = 4000;

/** Calls `start` once, on the first interaction or after the quiet wait; the returned function cancels it. */
export function onMapStart(start: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const go = () => {
    cancel();
    start();
  };
  const cancel = () => {
    for (const type of EVENTS) window.removeEventListener(type, go, { capture: true });
    window.removeEventListener('load', afterLoad);
    clearTimeout(timer);
    if (idle !== undefined) window.cancelIdleCallback?.(idle);
  };
  // requestIdleCallback: not while the browser is still busy with the page (Safari has none: the timer alone).
  const afterLoad = () => {
    timer = setTimeout(() => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(go, { timeout: 2000 });
      else go();
    }, MAP_START_AFTER_LOAD_MS);
  };
  for (const type of EVENTS) window.addEventListener(type, go, { capture: true, passive: true });
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
  return cancel;
}
