import { createContext } from 'svelte';
import type { PointCollection } from '../../../common/points.ts';
import { WalkDraft } from './walk-draft.svelte.ts';
import { filterWalk, type SortKey, type WalkFeature } from './walk-filter.ts';

export type WalkMode = 'browse' | 'add' | 'sent';

/**
 * The walk tab's state, shared by the side panel (filters, list, form) and the map (the same filtered pins,
 * the selected pin): MapView sets it once, both read it from context.
 */
export class WalkState {
  keep = $state(true);
  change = $state(true);
  theme = $state('');
  subarea = $state('');
  sort = $state<SortKey>('newest');
  layerVisible = $state(true);
  selected = $state<string | null>(null);
  mode = $state<WalkMode>('browse');
  /** The answer to the last send: shown once on the confirmation screen. */
  sent = $state<{ id: string; token: string; status: 'pending' | 'published'; photoError?: string } | null>(null);
  /** Points this device already said "me too" to (the server counts once anyway; this only shows it). */
  voted = $state<string[]>([]);
  readonly draft = new WalkDraft();

  /** The filtered pins: the map draws exactly these and the list lists exactly these. */
  visible(all: PointCollection): WalkFeature[] {
    return filterWalk(all, { keep: this.keep, change: this.change, theme: this.theme, subarea: this.subarea });
  }

  resetFilters(): void {
    this.keep = this.change = true;
    this.theme = this.subarea = '';
  }
}

const [getWalk, setWalkState, hasWalk] = createContext<WalkState>();
export { setWalkState };
export function useWalk(): WalkState {
  if (!hasWalk()) throw new Error('WalkState context not found: MapView must call setWalkState(new WalkState())');
  return getWalk();
}
