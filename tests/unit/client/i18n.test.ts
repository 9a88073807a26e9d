import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/client/i18n/messages.ts';
import { controlLocale } from '../../../src/client/map/control-locale.ts';
import { LOCALES } from '../../../src/common/categories.ts';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf keys with plural suffixes folded: English needs only _one/_other where Polish has _few/_many too. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = `${prefix}${k.replace(PLURAL, '')}`;
    if (typeof v === 'string') out.add(path);
    else for (const nested of keys(v, `${path}.`)) out.add(nested);
  }
  return out;
}

describe('translations', () => {
  const polish = keys(messages.pl as Tree);

  it.each(['uk', 'en'] as const)('%s has every key Polish has, and no others', (locale) => {
    const other = keys(messages[locale] as Tree);
    expect(
      [...polish].filter((k) => !other.has(k)),
      `missing in ${locale}`,
    ).toEqual([]);
    expect(
      [...other].filter((k) => !polish.has(k)),
      `only in ${locale}`,
    ).toEqual([]);
  });

  it.each(['pl', 'uk', 'en'] as const)('%s has no empty strings', (locale) => {
    const empty: string[] = [];
    const walk = (tree: Tree, prefix: string) => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v === 'string') {
          if (!v.trim()) empty.push(prefix + k);
        } else walk(v, `${prefix}${k}.`);
      }
    };
    walk(messages[locale] as Tree, '');
    expect(empty).toEqual([]);
  });

  it('has messages for exactly the languages the switch offers', () => {
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
  });

  // Proper names, codes and words the languages share; anything else equal to Polish was left untranslated.
  const SAME_AS_POLISH = new Set([
    'moderation.layerWalk',
    'moderation.login',
    'panel.hectares',
    'help.offer.email',
    'help.form.email',
    'site.privacy.email',
    'contact.card.email',
    'contact.ask.email',
    'contact.inbox.residentEmail',
    'contact.inbox.helperEmail',
    'contact.editor.email',
    'contact.helper.item',
  ]);
  it.each(['uk', 'en'] as const)('%s translates every message rather than copying the Polish one', (locale) => {
    const flat = (tree: Tree, prefix = ''): [string, string][] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`),
      );
    const other = new Map(flat(messages[locale] as Tree));
    const copied = flat(messages.pl as Tree).filter(([k, v]) => other.get(k) === v && !SAME_AS_POLISH.has(k));
    expect(copied.map(([k]) => k)).toEqual([]);
    if (locale === 'uk') {
      // Latin words and not one Cyrillic letter: an English or Polish text in the Ukrainian file.
      const latin = [...other].filter(
        ([k, v]) => /[a-z]{4,}/i.test(v.replace(/\{\{\w+\}\}/g, '')) && !/[а-яіїєґ]/i.test(v) && !SAME_AS_POLISH.has(k),
      );
      expect(latin.map(([k]) => k)).toEqual([]);
    }
  });

  it("names MapLibre's controls in every language", () => {
    const polish = Object.keys(controlLocale('pl')).sort();
    for (const locale of LOCALES) expect(Object.keys(controlLocale(locale)).sort(), locale).toEqual(polish);
  });

  it('gives Polish and Ukrainian counted nouns all their plural forms', () => {
    const forms = (tree: Tree) => JSON.stringify(tree).match(/"[A-Za-z]+_(one|few|many|other)"/g)?.length ?? 0;
    expect(forms(messages.pl as Tree) % 4).toBe(0);
    expect(forms(messages.uk as Tree) % 4).toBe(0);
  });
});
