import type { GeocodeResult } from '../../../common/geocode.ts';
import { searchPlaces } from '../../../common/place-search.ts';
import { searchAddresses } from '../../api/geocode.ts';
import { fetchPlaces } from '../../api/places.ts';

/** Wait this long after the last key before asking the server: one request per pause, not per letter. */
const DEBOUNCE_MS = 250;

/**
 * The "type a place or address" box's state. Asks GET /api/geocode after each pause in typing (cancelling the previous
 * request); without a connection it searches the landmarks list it downloaded earlier, so typing still finds
 * Plac Nowy offline.
 */
export class AddressSearch {
  query = $state('');
  results = $state.raw<GeocodeResult[]>([]);
  /** false: the server has no address register, only landmarks were searched (the box says so). */
  addresses = $state(true);
  attribution = $state<string | null>(null);
  loading = $state(false);
  /** Set when only the offline landmarks list could be searched. */
  offline = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;

  constructor() {
    // Fetched now, while there is a connection, so the landmarks can still be searched if it drops.
    fetchPlaces().catch((e: Error) => console.warn('the landmarks list could not be loaded:', e.message));
  }

  /** Call from an $effect on `query`; returns the cleanup. */
  schedule(): () => void {
    const q = this.query.trim();
    if (!q) {
      this.results = [];
      this.loading = false;
      return () => {};
    }
    this.loading = true;
    this.#timer = setTimeout(() => void this.#run(q), DEBOUNCE_MS);
    return () => {
      clearTimeout(this.#timer);
      this.#abort?.abort();
    };
  }

  async #run(q: string): Promise<void> {
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    try {
      const answer = await searchAddresses(q, signal);
      if (signal.aborted) return;
      this.results = answer.results;
      this.addresses = answer.addresses;
      this.attribution = answer.attribution ?? null;
      this.offline = false;
    } catch (e) {
      if (signal.aborted) return;
      console.warn('address search failed, searching the landmarks list:', (e as Error).message);
      this.results = await this.#localPlaces(q);
      this.attribution = null;
      this.offline = true;
    } finally {
      if (!signal.aborted) this.loading = false;
    }
  }

  async #localPlaces(q: string): Promise<GeocodeResult[]> {
    try {
      const places = (await fetchPlaces()).features;
      return searchPlaces(places, q).map((p) => ({
        label: p.properties.name,
        ...(p.properties.address ? { detail: p.properties.address } : {}),
        kind: 'place' as const,
        lng: p.geometry.coordinates[0],
        lat: p.geometry.coordinates[1],
        subarea: p.properties.subarea ?? null,
      }));
    } catch (e) {
      // Never downloaded (offline since the page opened): there is nothing on the device to search.
      console.warn('the landmarks list is not on this device:', (e as Error).message);
      return [];
    }
  }
}
