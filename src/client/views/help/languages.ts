import { COMMON_LANGUAGES } from './offer-draft.svelte.ts';

/**
 * Languages a helper may add beyond the common ones, offered by name (not by code: residents do not know ISO
 * codes). Chosen for Kraków: neighbours' and migrants' languages, the big European ones, and Yiddish for Kazimierz.
 */
export const OTHER_LANGUAGES = [
  'ar',
  'be',
  'bg',
  'cs',
  'da',
  'el',
  'es',
  'fa',
  'fi',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'hy',
  'it',
  'ja',
  'ka',
  'ko',
  'lt',
  'lv',
  'nl',
  'no',
  'pt',
  'ro',
  'rom',
  'sk',
  'sl',
  'sr',
  'sv',
  'tr',
  'vi',
  'yi',
  'zh',
] as const;

/** A language's name in the interface language ("de" → "niemiecki" in Polish, "німецька" in Ukrainian). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    // A malformed code from an old record: show it as it is rather than break the card.
    return code;
  }
}

/** The languages still to offer in the picker, by name in the interface language's alphabetical order. */
export function languageChoices(chosen: readonly string[], locale: string): { code: string; name: string }[] {
  const taken = new Set([...chosen, ...COMMON_LANGUAGES]);
  return OTHER_LANGUAGES.filter((c) => !taken.has(c))
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
