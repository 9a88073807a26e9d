import type { PointCollection, PointFeature, WalkProperties } from '../../../common/points.ts';

export type WalkFeature = PointFeature & { properties: WalkProperties };
export const SORT_KEYS = ['newest', 'votes', 'title'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface WalkFilters {
  keep: boolean;
  change: boolean;
  /** A theme id, or '' for all. */
  theme: string;
  /** A subarea id, 'none' for points outside every subarea, or '' for all. */
  subarea: string;
}

export const isWalk = (f: PointFeature): f is WalkFeature => f.properties.layer === 'walk';

/** The one filter both the map and the list use, so they always show the same points. */
export function filterWalk(c: PointCollection, f: WalkFilters): WalkFeature[] {
  return c.features.filter(isWalk).filter((p) => {
    const q = p.properties;
    if (!(q.kind === 'keep' ? f.keep : f.change)) return false;
    if (f.theme && q.theme !== f.theme) return false;
    if (f.subarea === 'none') return q.subarea === null;
    return !f.subarea || q.subarea === f.subarea;
  });
}

export function sortWalk(features: readonly WalkFeature[], key: SortKey, locale: string): WalkFeature[] {
  const byNewest = (a: WalkFeature, b: WalkFeature) => b.properties.createdAt.localeCompare(a.properties.createdAt);
  const compare: Record<SortKey, (a: WalkFeature, b: WalkFeature) => number> = {
    newest: byNewest,
    votes: (a, b) => b.properties.votes - a.properties.votes || byNewest(a, b),
    title: (a, b) => a.properties.title.localeCompare(b.properties.title, locale),
  };
  return [...features].sort(compare[key]);
}
