/**
 * Freshness of a help offer: in a crisis an outdated phone number costs the minute that matters, so an
 * offer its author has not confirmed for a while fades on the map and in lists, and later leaves the default view.
 * Pure: the clock and the limits are arguments, so the server, the client and tests share one definition.
 */
export type Freshness = 'fresh' | 'fading' | 'stale' | 'paused';

export interface FreshnessLimits {
  /** Days without a confirmation after which an offer fades (is shown greyed, "może być nieaktualna"). */
  fadeDays: number;
  /** Days without a confirmation after which an offer leaves the default view (moderators still see it). */
  hideDays: number;
}

/** Defaults: ~two months until fading, three until hiding. Deployments override via HELP_FADE_DAYS/HELP_HIDE_DAYS. */
export const DEFAULT_FRESHNESS: FreshnessLimits = { fadeDays: 60, hideDays: 90 };

const DAY_MS = 86_400_000;

/** Throws at the point of misuse: limits that are not positive whole days, or a fade limit past the hide limit. */
export function checkFreshnessLimits(limits: FreshnessLimits): FreshnessLimits {
  const { fadeDays, hideDays } = limits;
  if (!Number.isInteger(fadeDays) || fadeDays <= 0)
    throw new RangeError(`fadeDays must be a positive whole number, got ${fadeDays}`);
  if (!Number.isInteger(hideDays) || hideDays <= 0)
    throw new RangeError(`hideDays must be a positive whole number, got ${hideDays}`);
  if (fadeDays > hideDays) throw new RangeError(`fadeDays (${fadeDays}) must not exceed hideDays (${hideDays})`);
  return limits;
}

/**
 * 'paused' wins over age (the author said "not now"; confirming is not what they need to do). Otherwise an offer is
 * 'fresh' for fadeDays after its last confirmation, 'fading' until hideDays, then 'stale'. A confirmation in the
 * future (clock skew between devices) counts as fresh.
 */
export function freshness(
  confirmedAt: string | Date,
  paused: boolean,
  now: Date,
  limits: FreshnessLimits = DEFAULT_FRESHNESS,
): Freshness {
  if (paused) return 'paused';
  const at = confirmedAt instanceof Date ? confirmedAt.getTime() : Date.parse(confirmedAt);
  if (Number.isNaN(at)) throw new RangeError(`confirmedAt is not a date: ${String(confirmedAt)}`);
  const ageDays = (now.getTime() - at) / DAY_MS;
  if (ageDays >= limits.hideDays) return 'stale';
  if (ageDays >= limits.fadeDays) return 'fading';
  return 'fresh';
}

/** Whole days since the last confirmation (for "potwierdzono 12 dni temu"); never negative. */
export function daysSince(confirmedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(confirmedAt)) / DAY_MS));
}
