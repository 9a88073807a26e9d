import { z } from 'zod';
import { SubareaId } from './subareas.ts';
import type { PointFeature } from './points.ts';

/**
 * Figures for facilitators and the city: keep/change by theme, help offers by kind. Pure functions over
 * public features, so the server (GET /api/stats, session summaries) and any client count the same way.
 */
export const ThemeCount = z.object({ theme: z.string(), keep: z.number().int(), change: z.number().int() });
export const WalkStats = z.object({
  keep: z.number().int(),
  change: z.number().int(),
  byTheme: z.array(ThemeCount),
});
export type WalkStats = z.infer<typeof WalkStats>;
export const HelpStats = z.object({
  total: z.number().int(),
  organisations: z.number().int(),
  persons: z.number().int(),
  /** An offer names several kinds, so these add up to more than `total`. */
  byKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
});
export type HelpStats = z.infer<typeof HelpStats>;
export const SubareaStats = z.object({ subarea: SubareaId.nullable(), walk: WalkStats, help: HelpStats });
export type SubareaStats = z.infer<typeof SubareaStats>;
/** GET /api/stats: one entry per subarea, then `subarea: null` for points outside them (when there are any). */
export const Stats = z.object({ generatedAt: z.iso.datetime(), subareas: z.array(SubareaStats) });
export type Stats = z.infer<typeof Stats>;
export const StatsQuery = z.strictObject({ subarea: SubareaId.optional() });

/**
 * Every category id in data order with its count, zeros included (a table row per theme reads better than gaps),
 * then ids that points still carry but the category list no longer has (a category removed from data).
 */
function ordered<T>(ids: readonly string[], seen: Map<string, T>, zero: () => T): [string, T][] {
  const extra = [...seen.keys()].filter((id) => !ids.includes(id)).sort();
  return [...ids, ...extra].map((id) => [id, seen.get(id) ?? zero()]);
}

export function walkStats(features: readonly PointFeature[], themeIds: readonly string[]): WalkStats {
  const byTheme = new Map<string, { keep: number; change: number }>();
  let keep = 0;
  let change = 0;
  for (const { properties: p } of features) {
    if (p.layer !== 'walk') continue;
    const row = byTheme.get(p.theme) ?? { keep: 0, change: 0 };
    row[p.kind] += 1;
    byTheme.set(p.theme, row);
    if (p.kind === 'keep') keep += 1;
    else change += 1;
  }
  return {
    keep,
    change,
    byTheme: ordered(themeIds, byTheme, () => ({ keep: 0, change: 0 })).map(([theme, c]) => ({ theme, ...c })),
  };
}

export function helpStats(features: readonly PointFeature[], kindIds: readonly string[]): HelpStats {
  const byKind = new Map<string, number>();
  let organisations = 0;
  let persons = 0;
  for (const { properties: p } of features) {
    if (p.layer !== 'help') continue;
    if (p.helperType === 'person') persons += 1;
    else organisations += 1;
    for (const k of p.kinds) byKind.set(k, (byKind.get(k) ?? 0) + 1);
  }
  return {
    total: organisations + persons,
    organisations,
    persons,
    byKind: ordered(kindIds, byKind, () => 0).map(([kind, count]) => ({ kind, count })),
  };
}
