/**
 * How residents write Kraków addresses, reduced to comparable keys. Shared: the server indexes and searches with it,
 * the client folds its offline places list with the same rules, so "plac nowy" finds the same place on both sides.
 */

/** Lowercase without diacritics ("Józefa" → "jozefa", "Łobzowska" → "lobzowska"). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').toLowerCase().trim();
}

/**
 * Words that say what kind of street it is, not which: residents type them or leave them out ("ul. Józefa",
 * "Józefa"), and the official register writes them abbreviated. Dropped from both the index and the query.
 */
const STREET_TYPES = new Set([
  'ul',
  'ulica',
  'al',
  'aleja',
  'aleje',
  'pl',
  'plac',
  'os',
  'osiedle',
  'rondo',
  'skwer',
  'bulw',
  'bulwar',
]);

/** A house number: digits, an optional letter, an optional "/flat" ("12", "12a", "12/3", "12a/3"). */
const NUMBER = /^(\d{1,4}[a-z]?)(?:\/(\d{1,4}[a-z]?))?$/;

/** The words that name a street, folded, without punctuation and type words: "ul. Józefa" → ["jozefa"]. */
export function streetWords(name: string): string[] {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !STREET_TYPES.has(w));
}

/** The comparable form of a house number as the register writes it ("12 A" → "12a", "12/14" kept whole). */
export function numberKey(number: string): string {
  return fold(number).replace(/\s+/g, '');
}

export interface AddressQuery {
  /** Folded street words (type words dropped), in the order typed. */
  words: string[];
  /** The house number without the flat ("12a" for "12a/3"); null when none was typed. */
  number: string | null;
  /** "12/3" as typed, folded: tried first, since a few buildings are numbered that way. */
  numberWhole: string | null;
}

/**
 * Splits what a resident typed into street words and a house number. The number is a token starting with a digit
 * that is NOT the first one, so "29 Listopada" stays a street name and "al. 29 Listopada 10" finds number 10.
 * "12 a" (letter apart) is read as "12a".
 */
export function parseAddressQuery(q: string): AddressQuery {
  const tokens = fold(q)
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !STREET_TYPES.has(w));
  let number: string | null = null;
  let numberWhole: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    const next = tokens[i + 1];
    if (/^\d/.test(t) && words.length > 0 && number === null) {
      if (next && /^[a-z]$/.test(next) && /^\d+$/.test(t)) {
        t += next;
        i++;
      }
      const m = NUMBER.exec(t);
      if (m) {
        number = m[1]!;
        numberWhole = m[2] ? t : null;
        continue;
      }
    }
    for (const part of t.split('/')) if (part) words.push(part);
  }
  return { words, number, numberWhole };
}

/**
 * Damerau–Levenshtein distance ≤ 1 (one letter missing, extra, wrong, or two swapped): the one typo a search forgives
 * in longer words. Cheaper than a full edit distance: it stops at the first second difference.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Words this long or longer may carry one typo; shorter ones must match as typed (too many near neighbours). */
export const TYPO_MIN_LENGTH = 5;
