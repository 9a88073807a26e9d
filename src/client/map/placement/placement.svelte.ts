import { createContext } from 'svelte';
import { labelPoint, subareaAt } from '../../../common/geo/index.ts';
import type { SubareaCollection, SubareaId } from '../../../common/subareas.ts';

/** 'existing': the point being edited, as it was saved (the map opens on it). */
export type PlacementSource = 'tap' | 'gps' | 'keyboard' | 'search' | 'existing';

/** A tap places a pin only this close in (a fingertip at city zoom covers a whole block); further out it zooms in. */
export const PLACE_MIN_ZOOM = 16;

export interface PlacementContext {
  subareas: () => SubareaCollection | null;
  /** The subarea the resident chose in the panel, if any: the keyboard crosshair starts there. */
  chosenSubarea: () => SubareaId | null;
}
export interface PlacedPoint {
  lng: number;
  lat: number;
  source: PlacementSource;
  /** What the resident chose in the search ("Plac Nowy (Okrąglak)"), shown back to them. */
  label?: string;
}

/**
 * The location picker shared by the walk and help forms. One instance per page (MapView sets it);
 * a form calls `start()` when it needs a place, reads `point`, and calls `stop()` when done.
 *
 *  - While `active`, a tap/click on the map sets the point (PlacementLayer, inside MapCanvas).
 *  - `keyboard` shows a fixed crosshair in the map centre: arrow keys pan the map, Enter takes the centre,
 *    Escape leaves keyboard mode.
 *  - `locate()` uses the browser's geolocation ("Jestem tutaj").
 *  - `set()` is for anything else (the gazetteer search in LocationPicker, an existing point being edited).
 */
export class Placement {
  active = $state(false);
  keyboard = $state(false);
  point = $state<PlacedPoint | null>(null);
  locating = $state(false);
  /** A message key's argument when geolocation failed; null otherwise. */
  geoError = $state<string | null>(null);
  /** Bumped on every set(): the map flies to the new point only when it was not chosen on the map itself. */
  revision = $state(0);

  #onconfirm: (() => void) | undefined;

  constructor(private readonly context: PlacementContext = { subareas: () => null, chosenSubarea: () => null }) {}

  /** True when the point lies in none of the three subareas: the form warns before sending. */
  readonly outside = $derived.by(() => {
    const subareas = this.context.subareas();
    const p = this.point;
    if (!p || !subareas) return false;
    return (
      subareaAt(
        [p.lng, p.lat],
        subareas.features.map((f) => ({ properties: { id: f.id }, geometry: f.geometry })),
      ) === null
    );
  });

  /** Where the keyboard crosshair starts: inside the chosen subarea, else null (the middle of the current view). */
  keyboardStart(): [number, number] | null {
    const id = this.context.chosenSubarea();
    const area = id ? this.context.subareas()?.features.find((f) => f.id === id) : undefined;
    return area ? [...labelPoint(area.geometry)] : null;
  }

  /** `onconfirm` runs when the point was confirmed by keyboard, so the form can move focus to its next field. */
  start(initial: PlacedPoint | null = null, onconfirm?: () => void): void {
    this.active = true;
    this.point = initial;
    this.geoError = null;
    this.#onconfirm = onconfirm;
  }

  /** Enter in keyboard mode: take the crosshair's position and leave keyboard mode. */
  confirmKeyboard(lng: number, lat: number): void {
    this.set({ lng, lat, source: 'keyboard' });
    this.keyboard = false;
    this.#onconfirm?.();
  }

  /** A search result was picked: take it and, like Enter in keyboard mode, move on to the form. */
  choose(point: PlacedPoint): void {
    this.set(point);
    this.#onconfirm?.();
  }

  stop(): void {
    this.#onconfirm = undefined;
    this.active = false;
    this.keyboard = false;
    this.locating = false;
  }

  set(point: PlacedPoint): void {
    this.point = point;
    this.revision += 1;
  }

  async locate(): Promise<void> {
    if (!('geolocation' in navigator)) {
      this.geoError = 'unavailable';
      return;
    }
    this.locating = true;
    this.geoError = null;
    try {
      const pos = await new Promise<GeolocationPosition>((resolve, reject) =>
        navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 15_000 }),
      );
      this.set({ lng: pos.coords.longitude, lat: pos.coords.latitude, source: 'gps' });
    } catch (e) {
      this.geoError = (e as GeolocationPositionError).message || 'error';
    } finally {
      this.locating = false;
    }
  }
}

const [getPlacement, setPlacement, hasPlacement] = createContext<Placement>();
export { setPlacement };
export function usePlacement(): Placement {
  if (!hasPlacement()) throw new Error('Placement context not found: MapView must call setPlacement(new Placement())');
  return getPlacement();
}
