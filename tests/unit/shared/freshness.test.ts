import { describe, expect, it } from 'vitest';
import { checkFreshnessLimits, daysSince, DEFAULT_FRESHNESS, freshness } from '../../../src/common/freshness.ts';

const CONFIRMED = '2026-03-01T10:00:00.000Z';
/** An injected clock: `days` after the confirmation. */
const after = (days: number) => new Date(Date.parse(CONFIRMED) + days * 86_400_000);

describe('freshness of a help offer', () => {
  it('fades an offer after 60 days without confirmation and hides it after 90, by default', () => {
    expect(DEFAULT_FRESHNESS).toEqual({ fadeDays: 60, hideDays: 90 });
  });

  it.each([
    [0, 'fresh'],
    [1, 'fresh'],
    [59.99, 'fresh'],
    [60, 'fading'],
    [89.99, 'fading'],
    [90, 'stale'],
    [400, 'stale'],
  ] as const)('is %s days after confirmation → %s', (days, expected) => {
    expect(freshness(CONFIRMED, false, after(days))).toBe(expected);
  });

  it('walks fresh → fading → stale as the clock moves, and back to fresh when confirmed again', () => {
    const seen = [0, 30, 61, 95].map((d) => freshness(CONFIRMED, false, after(d)));
    expect(seen).toEqual(['fresh', 'fresh', 'fading', 'stale']);
    const reconfirmed = after(95).toISOString();
    expect(freshness(reconfirmed, false, after(95))).toBe('fresh');
  });

  it('reports a paused offer as paused whatever its age', () => {
    for (const d of [0, 70, 200]) expect(freshness(CONFIRMED, true, after(d))).toBe('paused');
  });

  it('treats a confirmation in the future (clock skew) as fresh', () => {
    expect(freshness(CONFIRMED, false, after(-3))).toBe('fresh');
  });

  it('uses limits passed in instead of the defaults', () => {
    const limits = { fadeDays: 7, hideDays: 14 };
    expect(freshness(CONFIRMED, false, after(8), limits)).toBe('fading');
    expect(freshness(CONFIRMED, false, after(14), limits)).toBe('stale');
  });

  it('accepts a Date as well as ISO text', () => {
    expect(freshness(new Date(CONFIRMED), false, after(61))).toBe('fading');
  });

  it('throws, naming the value, when confirmedAt is not a date', () => {
    expect(() => freshness('yesterday', false, after(0))).toThrow(/confirmedAt is not a date: yesterday/);
  });

  it('rejects limits that are not positive whole days or fade after hiding', () => {
    expect(() => checkFreshnessLimits({ fadeDays: 0, hideDays: 90 })).toThrow(/fadeDays/);
    expect(() => checkFreshnessLimits({ fadeDays: 60, hideDays: 1.5 })).toThrow(/hideDays/);
    expect(() => checkFreshnessLimits({ fadeDays: 91, hideDays: 90 })).toThrow(/must not exceed/);
    expect(checkFreshnessLimits({ fadeDays: 90, hideDays: 90 })).toEqual({ fadeDays: 90, hideDays: 90 });
  });

  it('counts whole days since confirmation, never negative', () => {
    expect(daysSince(CONFIRMED, after(12.7))).toBe(12);
    expect(daysSince(CONFIRMED, after(-1))).toBe(0);
  });
});
