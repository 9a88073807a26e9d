import { untrack } from 'svelte';
import { online as browserOnline } from 'svelte/reactivity/window';

/**
 * Whether the app can reach its server. `navigator.onLine` alone is not enough: it stays true on a Wi-Fi without
 * internet, and Debian's Chromium 150 keeps it true in a page reloaded under network emulation. So a request that
 * could not reach the server (NETWORK_FAILED, sent by api/http.ts and the live stream) is checked with a small probe
 * of /api/health, which the service worker never answers from its cache: if the probe fails too, the app is offline
 * until a later probe (every PROBE_MS) or the browser's `online` event finds the server again.
 */
export const NETWORK_FAILED = 'mapa:network-failed';
/** How often an offline app looks for its server again: often enough that "Jesteś offline" goes within seconds. */
const PROBE_MS = 3000;

/** Tells the connection status that a request did not reach the server (no answer at all, not an HTTP error). */
export function reportNetworkFailure(): void {
  globalThis.dispatchEvent?.(new Event(NETWORK_FAILED));
}

export class Connection {
  private unreachable = $state(false);
  /** `navigator.onLine` as Svelte follows it (undefined on the server: online), and the probe's verdict. */
  readonly online = $derived(browserOnline.current !== false && !this.unreachable);

  /** Follows the browser's events and failed requests; returns the cleanup for an $effect. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let probing = false;
    let stopped = false;
    const probe = async () => {
      if (probing || stopped) return;
      probing = true;
      clearTimeout(timer);
      try {
        await fetch('/api/health', { cache: 'no-store' });
        this.unreachable = false;
      } catch {
        this.unreachable = true;
        if (!stopped) timer = setTimeout(() => void probe(), PROBE_MS);
      } finally {
        probing = false;
      }
    };
    // The browser says it is back: check at once rather than wait for the next timed probe.
    const stopWatching = $effect.root(() => {
      $effect(() => {
        if (browserOnline.current && untrack(() => this.unreachable)) void probe();
      });
    });
    const failed = () => void probe();
    window.addEventListener(NETWORK_FAILED, failed);
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopWatching();
      window.removeEventListener(NETWORK_FAILED, failed);
    };
  }
}
