import { createContext } from 'svelte';
import type { Layer, PointCollection, PointEvent, PointEventName, PointFeature } from '../../common/points.ts';
import { fetchChanges, fetchPoints } from '../api/points.ts';
import { fetchConfig } from '../api/site.ts';
import { fetchNewestPoints, fetchPointsInView, fetchPublicPoint, fetchTileInfo } from '../api/tiles.ts';
import { openPointStream, type LiveStatus } from './point-stream.ts';

export type { LiveStatus };

/**
 * Published points of both layers, kept current by the point stream (Server-Sent Events): a pin approved by a
 * moderator appears on every open map without a reload. On the first connect we load both lists; on a reconnect
 * only what changed since the version we hold (GET /api/points/changes), so a phone on a shaky connection does not
 * download every pin again each time the stream drops.
 *
 * A layer with more pins than the deployment's MAP_TILES_FROM_PINS is not downloaded whole: the map draws it from
 * vector tiles, and its list here holds only the pins in the map's view once zoomed in to LIST_ZOOM, or else (zoomed
 * out, or no map at all: the list view) the newest NEWEST_LISTED (plus what the stream brings either way). `listed`
 * says which, so the side list can say what it shows.
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
  /** Layers drawn from tiles; their list is the pins in view, not the whole layer. */
  tiled = $state.raw<Record<Layer, boolean>>({ walk: false, help: false });
  /** Changes with every change heard of: the tile URLs carry it, so the map fetches tiles anew. */
  tileVersion = $state(0);
  /** What each layer's list holds: the whole layer, the pins in the map's view, or the newest NEWEST_LISTED. */
  listed = $state.raw<Record<Layer, Listed>>({ walk: 'all', help: 'all' });
  /** How many pins each layer shows in all (asked when choosing tiles): a partial list says it of how many. */
  counts = $state.raw<Record<Layer, number | null>>({ walk: null, help: null });
  /** The public data's version our lists are known to include; null before the first lists (or when unknown). */
  #version: number | null = null;
  #view: { bbox: [number, number, number, number]; zoom: number } | null = null;
  #viewRequest = 0;
  #newestAsked: Partial<Record<Layer, Promise<PointCollection>>> = {};

  /** True when both lists are whole layers: only then may figures (per-subarea counts) be counted from them. */
  get complete(): boolean {
    return this.loaded && !this.tiled.walk && !this.tiled.help;
  }

  async reload(): Promise<void> {
    try {
      const { tiled, counts, version } = await tiledLayers();
      this.tiled = tiled;
      this.counts = counts;
      // The tile URLs carry the data version. Known from here on, a map already open asks for the right tiles at
      // once, instead of for version 0's and then again when the lists have come.
      if (version !== null) this.tileVersion = Math.max(this.tileVersion, version);
      const [walkList, helpList] = await Promise.all([this.#list('walk', tiled.walk), this.#list('help', tiled.help)]);
      const [walk, help] = [walkList.list, helpList.list];
      this.walk = walk;
      this.help = help;
      this.listed = { walk: walkList.listed, help: helpList.listed };
      if (walk.version !== undefined) this.tileVersion = walk.version;
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

  /**
   * The map's view moved: a tiled layer's list becomes the pins in it, or while zoomed out past LIST_ZOOM the newest
   * (asked for once: they do not change with the view, and the stream keeps them current).
   */
  setView(bbox: [number, number, number, number], zoom: number): void {
    this.#view = { bbox, zoom };
    const again = (layer: Layer) => this.tiled[layer] && (zoom >= LIST_ZOOM || this.listed[layer] !== 'newest');
    if (!again('walk') && !again('help')) return;
    const request = ++this.#viewRequest;
    void Promise.all([
      again('walk') ? this.#list('walk', true) : null,
      again('help') ? this.#list('help', true) : null,
    ]).then(
      ([walk, help]) => {
        if (request !== this.#viewRequest) return;
        if (walk) this.walk = walk.list;
        if (help) this.help = help.list;
        this.listed = { walk: walk?.listed ?? this.listed.walk, help: help?.listed ?? this.listed.help };
      },
      (e: Error) => console.error('loading the pins in view failed', e),
    );
  }

  /** A pin opened from the map that the list does not hold yet (tiles draw more than the list has). */
  async ensure(layer: Layer, id: string): Promise<void> {
    if (this[layer].features.some((f) => f.id === id)) return;
    const feature = await fetchPublicPoint(id);
    if (this[layer].features.some((f) => f.id === id)) return;
    this[layer] = { type: 'FeatureCollection', features: [...this[layer].features, feature] };
  }

  async #list(layer: Layer, tiled: boolean): Promise<{ list: PointCollection; listed: Listed }> {
    if (!tiled) return { list: await fetchPoints(layer), listed: 'all' };
    const view = this.#view;
    if (view && view.zoom >= LIST_ZOOM) return { list: await fetchPointsInView(layer, view.bbox), listed: 'view' };
    return { list: await this.#newest(layer), listed: 'newest' };
  }

  /**
   * A layer's newest pins. The first load asks for them, and so does the map's first view when it comes before they
   * arrive (the list's scope is not 'newest' yet): both wait for one request.
   */
  #newest(layer: Layer): Promise<PointCollection> {
    const asked = this.#newestAsked[layer];
    if (asked) return asked;
    const request = fetchNewestPoints(layer, NEWEST_LISTED).finally(() => delete this.#newestAsked[layer]);
    this.#newestAsked[layer] = request;
    return request;
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
    if (this.tiled[layer]) this.tileVersion = Math.max(this.tileVersion + 1, version ?? 0);
    const others = this[layer].features.filter((f) => f.id !== id);
    const next: PointFeature[] = name !== 'removed' && feature ? [...others, feature] : others;
    this[layer] = { type: 'FeatureCollection', features: next };
    if (name === 'published') this.arrivals = [...this.arrivals.slice(-49), { id, layer, at: Date.now() }];
  }
}

/** From this zoom on (a few streets on a phone) a tiled layer's list holds the pins in view. */
export const LIST_ZOOM = 15;
/** A tiled layer's list when no view narrows it: a page a phone loads quickly (about 100 KB). */
export const NEWEST_LISTED = 200;

export type Listed = 'all' | 'view' | 'newest';

/** Which layers hold more pins than the deployment draws from one list; none when that cannot be asked (offline). */
interface TiledLayers {
  tiled: Record<Layer, boolean>;
  counts: Record<Layer, number | null>;
  /** The data version of the walk layer's figures (as the walk list's version sets tileVersion); null offline. */
  version: number | null;
}

async function tiledLayers(): Promise<TiledLayers> {
  try {
    const [config, walk, help] = await Promise.all([fetchConfig(), fetchTileInfo('walk'), fetchTileInfo('help')]);
    return {
      tiled: { walk: walk.count > config.mapTilesFromPins, help: help.count > config.mapTilesFromPins },
      counts: { walk: walk.count, help: help.count },
      version: walk.version,
    };
  } catch {
    // The service worker keeps the last lists, never tiles: offline, the lists are what can be drawn.
    return { tiled: { walk: false, help: false }, counts: { walk: null, help: null }, version: null };
  }
}

const [getLivePoints, setLivePoints, hasLivePoints] = createContext<LivePoints>();
export { setLivePoints };
export function useLivePoints(): LivePoints {
  if (!hasLivePoints())
    throw new Error('LivePoints context not found: App.svelte must call setLivePoints(new LivePoints())');
  return getLivePoints();
}
