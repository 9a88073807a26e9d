import type { Categories, Locale } from '../../common/categories.ts';

/**
 * The label of a help kind or walk theme in the current language. Category labels are data
 * (data/categories.json), not UI strings; an id removed from data shows as itself rather than vanishing.
 */
export function categoryLabel(categories: Categories, group: keyof Categories, id: string, locale: Locale): string {
  return categories[group].find((c) => c.id === id)?.label[locale] ?? id;
}
