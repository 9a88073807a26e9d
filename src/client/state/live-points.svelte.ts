import { createContext } from 'svelte';
import type { Layer, PointCollection, PointEvent, PointEventName, PointFeature } from '../../shared/points.ts';
import { fetchChanges, fetchPoints } from '../api/points.ts';
import { openPointStream, type LiveStatus } from './point-stream.ts';

export type { LiveStatus };

/**
 * Published points of both layers, kept current by the point stream (Server-Sent Events): a pin approved by a
 * moderator appears on every open map without a reload. On the first connect we load both lists; on a reconnect
 * only what changed since the version we hold (GET /api/points/changes), so a phone on a shaky connection does not
 * download every pin again each time the stream drops.
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
  /** The public data's version our lists are known to include; null before the first lists (or when unknown). */
  #version: number | null = null;

  async reload(): Promise<void> {
    try {
      const [walk, help] = await Promise.all([fetchPoints('walk'), fetchPoints('help')]);
      this.walk = walk;
      this.help = help;
      // Two requests may see two versions: the older one is what both lists surely include.
      this.#version =
        walk.version !== undefined && help.version !== undefined ? Math.min(walk.version, help.version) : null;
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
      onopen: () => void this.catchUp(),
      // Opened offline the stream never opens, but the service worker still has the lists of the last
      // visit: load them now instead of waiting for a connection that may not come.
      onerror: () => {
        if (!this.loaded) void this.reload();
      },
      onevent: (name, event) => this.#apply(name, event),
    });
  }

  /** After a (re)connect: what changed since our version, or both lists when we have none or are too far behind. */
  async catchUp(): Promise<void> {
    const since = this.#version;
    if (since === null) return this.reload();
    try {
      const delta = await fetchChanges(since);
      if (delta.reset) return this.reload();
      for (const change of delta.changes) this.#apply(change.feature ? 'updated' : 'removed', change);
      this.#version = Math.max(delta.version, this.#version ?? 0);
      this.error = null;
    } catch (e) {
      console.error('loading the changes failed', e);
      this.error = (e as Error).message;
    }
  }

  #apply(name: PointEventName, { id, layer, feature, version }: PointEvent): void {
    // An event right after the version we hold extends it; after a gap (a change we never heard of) we keep the old
    // version, so the next catch-up asks for the gap too.
    if (version !== undefined && this.#version !== null && version === this.#version + 1) this.#version = version;
    const others = this[layer].features.filter((f) => f.id !== id);
    const next: PointFeature[] = name !== 'removed' && feature ? [...others, feature] : others;
    this[layer] = { type: 'FeatureCollection', features: next };
    if (name === 'published') this.arrivals = [...this.arrivals.slice(-49), { id, layer, at: Date.now() }];
  }
}

const [getLivePoints, setLivePoints, hasLivePoints] = createContext<LivePoints>();
export { setLivePoints };
export function useLivePoints(): LivePoints {
  if (!hasLivePoints())
    throw new Error('LivePoints context not found: App.svelte must call setLivePoints(new LivePoints())');
  return getLivePoints();
}
