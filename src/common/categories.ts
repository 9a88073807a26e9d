import { z } from 'zod';

export const LOCALES = ['pl', 'uk', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

const CategoryId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'ids are lowercase letters, digits and hyphens');
const Label = z.strictObject({ pl: z.string().min(1), en: z.string().min(1), uk: z.string().min(1) });
const Category = z.strictObject({ id: CategoryId, label: Label });
export type Category = z.infer<typeof Category>;

const uniqueIds = (list: Category[]) => new Set(list.map((c) => c.id)).size === list.length;

/** data/categories.json — editable data, not code (docs/product.md); the id is what the API carries. */
export const Categories = z.strictObject({
  helpKinds: z.array(Category).min(1).refine(uniqueIds, 'help kind ids must be unique'),
  walkThemes: z.array(Category).min(1).refine(uniqueIds, 'walk theme ids must be unique'),
});
export type Categories = z.infer<typeof Categories>;
