import type { PointRecord } from '../common/points.ts';

/**
 * What an edit of a point changed, and whether that change needs a moderator's look again: pure functions over two
 * records, kept apart from Contributions (contributions.ts), which applies them.
 */

/** Optional text left empty means "not given": drop '' / [] / {} so stored points have one shape. */
export function clean<T extends object>(o: T): T {
  const empty = (v: unknown) =>
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  const out = Object.entries(o)
    .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? clean(v) : v] as const)
    .filter(([, v]) => !empty(v));
  return Object.fromEntries(out) as T;
}

/** Content a moderator has to see again when it changes ("back to pending if the text changes"). */
const REVIEW_EXEMPT = new Set([
  'status',
  'updatedAt',
  'confirmedAt',
  'contactConsent',
  'votes',
  'rejectReason',
  'paused',
  'notifyRequests',
]);
export function needsReview(before: PointRecord, after: PointRecord): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].some(
    (k) =>
      !REVIEW_EXEMPT.has(k) &&
      JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]),
  );
}

/** Set by the server, not written by anyone: never listed as "changed" (migration 007 uses the same list). */
const SYSTEM_FIELDS = new Set([
  'id',
  'layer',
  'status',
  'subarea',
  'createdAt',
  'updatedAt',
  'confirmedAt',
  'rejectReason',
  'votes',
]);
/** Names of the fields whose values differ: what the audit log may say about an edit (never the values). */
export function changedFields(before: PointRecord, after: PointRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (k) =>
        !SYSTEM_FIELDS.has(k) &&
        JSON.stringify((before as Record<string, unknown>)[k]) !==
          JSON.stringify((after as Record<string, unknown>)[k]),
    )
    .sort();
}
