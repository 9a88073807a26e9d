import { createContext } from 'svelte';
import { POINT_EVENTS, PointEvent, type Layer, type PointCollection, type PointFeature } from '../../shared/points.ts';
import { fetchPoints } from '../api/points.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Published points of both layers, kept current by Server-Sent Events (GET /api/events): a pin approved by a
 * moderator appears on every open map without a reload. EventSource reconnects by itself after a network
 * drop; on every (re)connect we reload the lists so nothing published while we were away is missed.
 */
export class LivePoints {
  walk = $state.raw<PointCollection>({ type: 'FeatureCollection', features: [] });
  help = $state.raw<PointCollection>({ type: 'FeatureCollection', features: [] });
  status = $state<LiveStatus>('connecting');
  /** False until the first lists arrived: until then the server's own counts are the better figures. */
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Ids published since the page opened, newest last: the presentation view highlights them. */
  arrivals = $state.raw<{ id: string; layer: Layer; at: number }[]>([]);

  async reload(): Promise<void> {
    try {
      const [walk, help] = await Promise.all([fetchPoints('walk'), fetchPoints('help')]);
      this.walk = walk;
      this.help = help;
      this.loaded = true;
      this.error = null;
    } catch (e) {
      console.error('loading points failed', e);
      this.error = (e as Error).message;
    }
  }

  /** Opens the event stream and keeps it open; returns the cleanup for an $effect. */
  connect(): () => void {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_FIRST_MS;
    let stopped = false;
    const open = () => {
      const stream = new EventSource('/api/events');
      source = stream;
      stream.onopen = () => {
        delay = RETRY_FIRST_MS;
        this.status = 'live';
        void this.reload();
      };
      stream.onerror = () => {
        this.status = 'reconnecting';
        // Opened offline (issue 7) the stream never opens, but the service worker still has the lists of the last
        // visit: load them now instead of waiting for a connection that may not come.
        if (!this.loaded) void this.reload();
        // After a network error the browser retries by itself (readyState CONNECTING). After an HTTP error, e.g.
        // a reverse proxy's 502 while the server restarts, it gives up for good (CLOSED): a projector left on a
        // wall must not stay frozen, so open a new stream, waiting longer each time (1 s … 30 s).
        if (stream.readyState === EventSource.CLOSED && !stopped) {
          retry = setTimeout(open, delay);
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        }
      };
      for (const name of POINT_EVENTS) {
        stream.addEventListener(name, (e: MessageEvent<string>) => this.#apply(name, e.data));
      }
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }

  #apply(name: (typeof POINT_EVENTS)[number], raw: string): void {
    let parsed;
    try {
      parsed = PointEvent.safeParse(JSON.parse(raw));
    } catch (e) {
      console.error(`malformed ${name} event`, e);
      return;
    }
    if (!parsed.success) {
      console.error(`unexpected ${name} event`, parsed.error.issues);
      return;
    }
    const { id, layer, feature } = parsed.data;
    const others = this[layer].features.filter((f) => f.id !== id);
    const next: PointFeature[] = name !== 'removed' && feature ? [...others, feature] : others;
    this[layer] = { type: 'FeatureCollection', features: next };
    if (name === 'published') this.arrivals = [...this.arrivals.slice(-49), { id, layer, at: Date.now() }];
  }
}

const [getLivePoints, setLivePoints, hasLivePoints] = createContext<LivePoints>();
export { setLivePoints };
export function useLivePoints(): LivePoints {
  if (!hasLivePoints()) throw new Error('LivePoints context not found: App.svelte must call setLivePoints(new LivePoints())');
  return getLivePoints();
}
