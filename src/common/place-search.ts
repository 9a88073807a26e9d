import { fold } from './address-text.ts';
import type { Place } from './places.ts';

export { fold };

/**
 * Places whose name or address contains every typed word (any order), names that start with the query first.
 * A gazetteer of tens of places: a linear scan is instant. Shared: the server ranks them among addresses, the client
 * searches them itself when it is offline.
 */
export function searchPlaces(places: readonly Place[], query: string, limit = 6): Place[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const q = fold(query);
  return places
    .map((p) => ({ p, hay: fold(`${p.properties.name} ${p.properties.address ?? ''}`) }))
    .filter(({ hay }) => words.every((w) => hay.includes(w)))
    .sort((a, b) => Number(b.hay.startsWith(q)) - Number(a.hay.startsWith(q)) || a.hay.localeCompare(b.hay))
    .slice(0, limit)
    .map(({ p }) => p);
}
