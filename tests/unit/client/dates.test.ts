import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/client/i18n/dates.ts';

describe('formatDate', () => {
  it('writes a day as people say it, in each of the app’s languages', () => {
    expect(formatDate('2026-05-16T10:00:00Z', 'pl')).toBe('16 maja 2026');
    expect(formatDate('2026-05-16T10:00:00Z', 'en')).toBe('May 16, 2026');
    expect(formatDate('2026-05-16T10:00:00Z', 'uk')).toMatch(/^16 травня 2026/);
  });

  it('reads an instant in Kraków’s time: 23:30 UTC on 31 December is already New Year’s Day there', () => {
    expect(formatDate('2026-12-31T23:30:00Z', 'pl')).toBe('1 stycznia 2027');
  });

  it('shows a calendar date as that very day, whatever the zone it is read in', () => {
    expect(formatDate('2026-05-16', 'pl')).toBe('16 maja 2026');
    expect(formatDate('2026-01-01', 'en')).toBe('January 1, 2026');
  });

  it('refuses text that is no date, rather than print "Invalid Date"', () => {
    expect(() => formatDate('wczoraj', 'pl')).toThrow(/expected an ISO date or timestamp/);
  });
});
