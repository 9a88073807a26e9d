import { createContext } from 'svelte';
import { boundsOf } from '../../../common/geo/index.ts';
import type { FreshnessLimits } from '../../../common/freshness.ts';
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
      this.#deps.points.help.features,
      {
        kinds: this.kinds,
        origin: this.origin ? [this.origin.lng, this.origin.lat] : null,
        now: new Date(),
        limits: this.#deps.limits(),
      },
      this.#deps.locale(),
    ),
  );

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
