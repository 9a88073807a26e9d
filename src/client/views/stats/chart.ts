import type { Categories } from '../../../common/categories.ts';
import type { Locale } from '../../../common/categories.ts';
import type { HelpStats, WalkStats } from '../../../common/stats.ts';
import { categoryLabel } from '../../i18n/categories.ts';
import { WALK_COLORS } from '../../map/colors.ts';

export interface Series {
  key: string;
  label: string;
  color: string;
}
export interface Row {
  label: string;
  values: Record<string, number>;
}

export const walkSeries = (keep: string, change: string): Series[] => [
  { key: 'keep', label: keep, color: WALK_COLORS.keep },
  { key: 'change', label: change, color: WALK_COLORS.change },
];

/** Themes with at least one pin (a chart of twelve zero rows says nothing); the table keeps the same rows. */
export const walkRows = (s: WalkStats, categories: Categories, locale: Locale): Row[] =>
  s.byTheme
    .filter((t) => t.keep + t.change > 0)
    .map((t) => ({
      label: categoryLabel(categories, 'walkThemes', t.theme, locale),
      values: { keep: t.keep, change: t.change },
    }));

export const helpRows = (s: HelpStats, categories: Categories, locale: Locale): Row[] =>
  s.byKind
    .filter((k) => k.count > 0)
    .map((k) => ({ label: categoryLabel(categories, 'helpKinds', k.kind, locale), values: { count: k.count } }));
