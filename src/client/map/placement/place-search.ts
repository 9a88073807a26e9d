import type { Place } from '../../../shared/places.ts';

/** Lowercase without diacritics, so "plac nowy", "Płac Nowy" and "PLAC NOWY" all find "Plac Nowy". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase().trim();
}

/**
 * Places whose name or address contains every typed word (any order), names that start with the query first.
 * A gazetteer of tens of places: a linear scan is instant and works offline once the list is loaded.
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
