/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker: it keeps the app shell and the last data seen for offline use (vite.config.ts
 * says what it caches). Registered from this module, not an inline script, so the CSP stays without
 * 'unsafe-inline'. A new version installs in the background and waits; `waiting` turns the banner on and
 * `apply()` lets it take over and reloads the page.
 */
/** How long "Odśwież" waits for the new version to take over before reloading anyway (see `apply`). */
const APPLY_FALLBACK_MS = 3000;

export class AppUpdate {
  /** A newer version is installed and waits for the resident's "Odśwież". */
  waiting = $state(false);
  #activate: (() => Promise<void>) | null = null;

  /** Only a production build has a /sw.js; `vite` dev runs without a service worker. */
  start(): void {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    this.#activate = registerSW({
      onNeedRefresh: () => (this.waiting = true),
      // apply() reloads on controllerchange itself: workbox-window reloads only pages that were already controlled
      // when they registered, not the page of a first visit that was claimed later.
      onNeedReload: () => {},
      // Not an error for the resident: the app works online as before, it just will not open offline.
      // (Also what a browser with service workers blocked — Playwright's default for our e2e tests — reports.)
      onRegisterError: (e: unknown) =>
        console.warn('service worker not registered, so the app will not open offline:', e),
    });
  }

  /**
   * Lets the waiting version take over; the page reloads once it controls it, so old and new never mix.
   *
   * If nothing has changed after a few seconds, the page reloads anyway. Chromium swaps versions only when the
   * running one has no request in flight: it stops that worker as soon as it is idle, but a request from the page at
   * that moment (the map loading its tiles right after the first touch) starts it again, and then the swap waits
   * until the worker has been idle for 30 s, which a page that keeps fetching never gives it. A navigation asks for
   * the swap again: the reload gets the new version if the old one is idle by then, or the banner again if not.
   */
  apply(): void {
    const fallback = setTimeout(() => window.location.reload(), APPLY_FALLBACK_MS);
    navigator.serviceWorker.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(fallback);
        window.location.reload();
      },
      { once: true },
    );
    void this.#activate?.();
  }
}
