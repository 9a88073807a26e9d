import type { AddressPointRow as PointRow, AddressRepository, StreetRow } from '../store/types.ts';
import { parseAddressQuery, TYPO_MIN_LENGTH, withinOneEdit, type AddressQuery } from '../../common/address-text.ts';
import { searchPlaces } from '../../common/place-search.ts';
import { distanceM, subareaAt, type AreaFeature } from '../../common/geo/index.ts';
import {
  addressLabel,
  type GeocodeAnswer,
  type GeocodeResult,
  type ReverseAddress,
  type ReverseAnswer,
} from '../../common/geocode.ts';
import type { PointFeature } from '../../common/points.ts';
import type { Place } from '../../common/places.ts';
import type { SubareaId } from '../../common/subareas.ts';
import type { OnlineGeocoder } from './online.ts';

/** How many results a search returns: a phone shows about this many without scrolling. */
const RESULTS = 8;
/** Streets considered per search before numbers are looked up ("Józefa" also starts "Józefa Dietla", …). */
const CANDIDATE_STREETS = 30;
/** A building this close is "the address"; further, only its street is named (the rule). */
export const ADDRESS_RADIUS_M = 50;
/** Beyond this, no street is named at all: in a park or on the river, a street 300 m away would mislead. */
export const STREET_RADIUS_M = 150;

interface Ranked {
  result: GeocodeResult;
  /** Query words matched only through a typo (0 is best). */
  typos: number;
  /**
   * 0 for what the query most likely means — the numbered address, or the street whose whole name was typed —
   * then landmarks and addresses on longer street names (1), then streets as a fallback (2, 3).
   */
  order: number;
}

/**
 * Search and reverse geocoding over the offline gazetteer (addresses and streets), the landmarks list, and — only
 * when configured and the gazetteer found nothing — an online geocoder. Results in the three subareas come first:
 * the map is about them, and "Józefa" means the one in Kazimierz.
 */
export class Geocoder {
  readonly #areas: AreaFeature<SubareaId>[];

  constructor(
    private readonly store: AddressRepository,
    private readonly places: readonly Place[],
    subareas: readonly { id: SubareaId; geometry: AreaFeature['geometry'] }[],
    private readonly online: OnlineGeocoder | null = null,
  ) {
    this.#areas = subareas.map((s) => ({ properties: { id: s.id }, geometry: s.geometry }));
  }

  async installed(): Promise<boolean> {
    return (await this.store.size()).points > 0;
  }

  async search(q: string): Promise<GeocodeAnswer> {
    const installed = await this.installed();
    const ranked: Ranked[] = searchPlaces(this.places, q, RESULTS).map((p) => ({
      result: this.#result(p.properties.name, 'place', p.geometry.coordinates, p.properties.address),
      typos: 0,
      order: 1,
    }));
    if (installed) ranked.push(...(await this.#addresses(parseAddressQuery(q))));
    let attribution: string | undefined;
    if (this.online && !ranked.some((r) => r.result.kind !== 'place')) {
      const found = await this.online.search(q);
      ranked.push(
        ...found.map((f) => ({
          result: this.#result(f.label, 'online', [f.lng, f.lat], f.detail),
          typos: 0,
          order: 3,
        })),
      );
      if (found.length) attribution = this.online.attribution;
    }
    ranked.sort(
      (a, b) =>
        a.typos - b.typos ||
        Number(b.result.subarea !== null) - Number(a.result.subarea !== null) ||
        a.order - b.order ||
        a.result.label.localeCompare(b.result.label, 'pl'),
    );
    const seen = new Set<string>();
    const results = ranked
      .map((r) => r.result)
      .filter((r) => !seen.has(r.label) && seen.add(r.label))
      .slice(0, RESULTS);
    return { results, addresses: installed, ...(attribution ? { attribution } : {}) };
  }

  async #addresses(query: AddressQuery): Promise<Ranked[]> {
    if (!query.words.length) return [];
    const vocabulary = await this.store.words();
    const alternatives = query.words.map((w) =>
      w.length >= TYPO_MIN_LENGTH ? vocabulary.filter((v) => v !== w && withinOneEdit(w, v)) : [],
    );
    // Every word as a prefix (residents stop typing early), or one of its one-typo neighbours.
    const terms = query.words.map((w, i) => ({ prefix: w, alternatives: alternatives[i]! }));
    const streets = await this.store.matchStreets(terms, CANDIDATE_STREETS);
    const typosOf = (s: StreetRow) => {
      const words = s.words.split(' ');
      return query.words.filter((w) => !words.some((sw) => sw.startsWith(w))).length;
    };
    // The whole street name typed ("Józefa") beats a longer one it starts ("Józefa Dietla").
    const whole = (s: StreetRow) => (s.words === query.words.join(' ') ? 0 : 1);

    const out: Ranked[] = [];
    let numbered: PointRow[] = [];
    if (query.number) {
      const ids = streets.map((s) => s.id);
      if (query.numberWhole) numbered = await this.store.numbered(ids, query.numberWhole);
      if (!numbered.length) numbered = await this.store.numbered(ids, query.number);
      for (const p of numbered) {
        const s = streets.find((x) => x.id === p.streetId)!;
        out.push({
          result: this.#result(
            `${p.street} ${p.number}`,
            'address',
            [p.lng, p.lat],
            p.postcode ? `${p.postcode} Kraków` : undefined,
          ),
          typos: typosOf(s),
          order: whole(s),
        });
      }
    }
    const withNumber = new Set(numbered.map((p) => p.streetId));
    for (const s of streets) {
      if (withNumber.has(s.id)) continue;
      const order = whole(s) === 0 && !query.number ? 0 : 2 + whole(s);
      out.push({ result: this.#result(s.name, 'street', [s.lng, s.lat]), typos: typosOf(s), order });
    }
    return out;
  }

  #result(
    label: string,
    kind: GeocodeResult['kind'],
    [lng, lat]: readonly [number, number],
    detail?: string,
  ): GeocodeResult {
    return { label, kind, lng, lat, subarea: subareaAt([lng, lat], this.#areas), ...(detail ? { detail } : {}) };
  }

  /** The building within 50 m, else the street of the nearest address point within 150 m, else nothing. */
  async reverse(lng: number, lat: number): Promise<ReverseAnswer> {
    const installed = await this.installed();
    if (!installed) return { address: null, addresses: false };
    return { address: await this.nearest(lng, lat), addresses: true };
  }

  async nearest(lng: number, lat: number): Promise<ReverseAddress | null> {
    const dLat = STREET_RADIUS_M / 111_320;
    const dLng = dLat / Math.cos((lat * Math.PI) / 180);
    const rows = await this.store.within(lng - dLng, lat - dLat, lng + dLng, lat + dLat);
    let best: PointRow | undefined;
    let bestD = Infinity;
    for (const r of rows) {
      const d = distanceM([lng, lat], [r.lng, r.lat]);
      if (d < bestD) [best, bestD] = [r, d];
    }
    if (!best || bestD > STREET_RADIUS_M) return null;
    const distance = Math.round(bestD);
    return { street: best.street, number: bestD <= ADDRESS_RADIUS_M ? best.number : null, distanceM: distance };
  }

  /**
   * The address line of a PUBLISHED point, from its public position only. For a private person that position is the
   * centre of their ~150 m cell and only the nearest street is named: nothing public derives from the exact point.
   */
  async publicAddress(f: PointFeature): Promise<string | null> {
    const [lng, lat] = f.geometry.coordinates;
    const near = await this.nearest(lng, lat);
    if (!near) return null;
    const person = f.properties.layer === 'help' && f.properties.helperType === 'person';
    return person ? near.street : addressLabel(near);
  }
}
