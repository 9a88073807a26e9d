import { freshness, type FreshnessLimits } from '../common/freshness.ts';
import type { PointRecord } from '../common/points.ts';

/**
 * Server side of help-offer freshness. The rule itself is src/common/freshness.ts; here: which records the
 * default public list keeps. Walk pins have no freshness. A paused offer stays listed (shown as paused): its author
 * said "not now", not "gone". Only a stale one — unconfirmed past hideDays — leaves the default view.
 */
export function inDefaultView(r: PointRecord, now: Date, limits: FreshnessLimits): boolean {
  if (r.layer !== 'help') return true;
  return helpListed(r.confirmedAt ?? r.createdAt, now, limits);
}

/** The same rule for a help offer known only by its last confirmation (the creation when never confirmed). */
export function helpListed(confirmedAt: string, now: Date, limits: FreshnessLimits): boolean {
  return freshness(confirmedAt, false, now, limits) !== 'stale';
}

/** Published help offers past the hide limit, least recently confirmed first: what moderators follow up on. */
export function staleHelp(published: readonly PointRecord[], now: Date, limits: FreshnessLimits): PointRecord[] {
  return published
    .filter((r) => r.layer === 'help' && !inDefaultView(r, now, limits))
    .sort((a, b) => (a.confirmedAt ?? a.createdAt).localeCompare(b.confirmedAt ?? b.createdAt));
}
