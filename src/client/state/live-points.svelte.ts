import { createContext } from 'svelte';
import type { Layer, PointCollection, PointEvent, PointEventName, PointFeature } from '../../shared/points.ts';
import { fetchPoints } from '../api/points.ts';
import { openPointStream, type LiveStatus } from './point-stream.ts';

export type { LiveStatus };

/**
 * Published points of both layers, kept current by the point stream (Server-Sent Events): a pin approved by a
 * moderator appears on every open map without a reload. On every (re)connect we reload the lists so nothing
 * published while we were away is missed.
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
    return openPointStream({
      onstatus: (status) => (this.status = status),
      onopen: () => void this.reload(),
      // Opened offline (issue 7) the stream never opens, but the service worker still has the lists of the last
      // visit: load them now instead of waiting for a connection that may not come.
      onerror: () => {
        if (!this.loaded) void this.reload();
      },
      onevent: (name, event) => this.#apply(name, event),
    });
  }

  #apply(name: PointEventName, { id, layer, feature }: PointEvent): void {
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
