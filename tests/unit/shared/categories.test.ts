import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Categories, LOCALES } from '../../../src/common/categories.ts';

const committed = JSON.parse(readFileSync('data/categories.json', 'utf8')) as Categories;
const groups = ['helpKinds', 'walkThemes'] as const;
const CYRILLIC = /[а-яіїєґ]/i;

describe('category names (data/categories.json) in every language', () => {
  it.each(groups.flatMap((group) => committed[group].map((c) => [group, c.id] as const)))(
    '%s %s has a label in every language',
    (group, id) => {
      const category = committed[group].find((c) => c.id === id)!;
      for (const locale of LOCALES)
        expect(category.label[locale]?.trim(), `${group} ${id}: label.${locale}`).toBeTruthy();
    },
  );

  it('has Ukrainian labels written in Ukrainian and English labels that are not the Polish ones', () => {
    const untranslated = groups.flatMap((group) =>
      committed[group].flatMap((c) => [
        ...(CYRILLIC.test(c.label.uk) ? [] : [`${group} ${c.id}: uk "${c.label.uk}"`]),
        ...(c.label.en !== c.label.pl ? [] : [`${group} ${c.id}: en "${c.label.en}" is the Polish label`]),
      ]),
    );
    expect(untranslated).toEqual([]);
  });

  it.each(LOCALES)('refuses a category whose %s label is missing, naming the field', (locale) => {
    const broken = structuredClone(committed);
    delete (broken.walkThemes[2]!.label as Partial<Record<string, string>>)[locale];
    const parsed = Categories.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(`walkThemes.2.label.${locale}`);
  });

  it('refuses an empty label', () => {
    const broken = structuredClone(committed);
    broken.helpKinds[0]!.label.uk = '';
    expect(Categories.safeParse(broken).success).toBe(false);
  });
});
