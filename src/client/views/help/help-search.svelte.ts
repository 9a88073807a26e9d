import { createContext } from 'svelte';
import { boundsOf } from '../../../common/geo/index.ts';
import type { FreshnessLimits } from '../../../common/freshness.ts';
import type { PointFeature } from '../../../common/points.ts';
import { fetchNearestHelp } from '../../api/tiles.ts';
import { NEAREST_DEFAULT } from '../../../common/nearest-help.ts';
import type { SubareaCollection, SubareaId } from '../../../common/subareas.ts';
import type { LivePoints } from '../../state/live-points.svelte.ts';
import type { PlacedPoint, Placement } from '../../map/placement/placement.svelte.ts';
import { rankOffers, type RankedOffer } from './rank.ts';

export interface SearchOrigin {
  lng: number;
  lat: number;
  /** Shown back ("Odległość od: Plac Nowy"); null when the place has no name (a tap, GPS). */
  label: string | null;
}

interface Deps {
  points: LivePoints;
  placement: () => Placement;
  subareas: () => SubareaCollection | null;
  limits: () => FreshnessLimits;
  locale: () => string;
}

/**
 * "Znajdź pomoc", shared by the panel (FindHelp) and the map (MapArea rings the same results on HelpLayer).
 * The place is either the location picker's point (tap, GPS, typed address) or a subarea's centre.
 */
export class HelpSearch {
  kinds = $state<string[]>([]);
  where = $state<'near' | 'subarea'>('near');
  subarea = $state<SubareaId | null>(null);
  /** True while the find-help screen is shown: only then does the map highlight results. */
  active = $state(false);
  /** The search's own place while the offer form uses the shared location picker. */
  point = $state<PlacedPoint | null>(null);
  /** An offer tapped on the map: the list brings it into view. */
  selected = $state<string | null>(null);
  /**
   * On a help map drawn from tiles the device holds only some offers (the newest, or those in view): with a place
   * chosen, the nearest of all of them come from the server instead. null: rank what the device holds.
   */
  nearby = $state.raw<PointFeature[] | null>(null);
  /** 'failed': the server could not be asked; the list falls back to the offers the device holds. */
  nearbyState = $state<'idle' | 'loading' | 'failed'>('idle');
  #attempt = $state(0);

  readonly #deps: Deps;
  constructor(deps: Deps) {
    this.#deps = deps;
  }

  get limits(): FreshnessLimits {
    return this.#deps.limits();
  }

  origin: SearchOrigin | null = $derived.by(() => {
    if (this.where === 'subarea') {
      const f = this.#deps.subareas()?.features.find((s) => s.id === this.subarea);
      if (!f) return null;
      const [w, s, e, n] = boundsOf([f.geometry]);
      return { lng: (w + e) / 2, lat: (s + n) / 2, label: f.properties.name };
    }
    const p = this.#deps.placement().point;
    return p ? { lng: p.lng, lat: p.lat, label: p.label ?? null } : null;
  });

  results: RankedOffer[] = $derived.by(() =>
    rankOffers(
      this.#offers(),
      {
        kinds: this.kinds,
        origin: this.origin ? [this.origin.lng, this.origin.lat] : null,
        now: new Date(),
        limits: this.#deps.limits(),
      },
      this.#deps.locale(),
    ),
  );

  /** The offers to rank: the server's nearest when asked for, plus an offer tapped on the map that they leave out. */
  #offers(): readonly PointFeature[] {
    const held = this.#deps.points.help.features;
    if (!this.nearby) return held;
    const tapped = held.find((f) => f.id === this.selected);
    return tapped && !this.nearby.some((f) => f.id === tapped.id) ? [...this.nearby, tapped] : this.nearby;
  }

  /**
   * For an $effect while the search is shown: on a tiled help map with a place chosen, asks the server for the
   * nearest offers of the chosen kinds, again whenever the place, the kinds or the map's data change. Returns the
   * cleanup, which cancels an answer still on its way.
   */
  findNearby(): () => void {
    const points = this.#deps.points;
    const origin = this.origin;
    const kinds = [...this.kinds];
    void this.#attempt;
    if (!points.tiled.help || !origin) {
      this.nearby = null;
      this.nearbyState = 'idle';
      return () => {};
    }
    void points.tileVersion;
    const abort = new AbortController();
    this.nearbyState = 'loading';
    fetchNearestHelp([origin.lng, origin.lat], kinds, NEAREST_DEFAULT, abort.signal).then(
      (list) => {
        if (abort.signal.aborted) return;
        this.nearby = list.features;
        this.nearbyState = 'idle';
      },
      (e: Error) => {
        if (abort.signal.aborted) return;
        console.error('asking for the nearest offers failed', e);
        this.nearby = null;
        this.nearbyState = 'failed';
      },
    );
    return () => abort.abort();
  }

  /** After a failure: ask the server again. */
  retryNearby(): void {
    this.#attempt++;
  }

  /** An offer tapped on the map: with tiles the list may not hold it yet, so it is fetched by id. */
  select(id: string): void {
    this.selected = id;
    this.#deps.points.ensure('help', id).catch((e: Error) => console.error('loading the offer failed', e));
  }

  clear(): void {
    this.kinds = [];
    this.subarea = null;
    this.selected = null;
  }
}

const [getHelpSearch, setHelpSearch, hasHelpSearch] = createContext<HelpSearch>();
export { setHelpSearch };
export function useHelpSearch(): HelpSearch {
  if (!hasHelpSearch())
    throw new Error('HelpSearch context not found: MapView must call setHelpSearch(new HelpSearch(…))');
  return getHelpSearch();
}
