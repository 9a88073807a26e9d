import { describe, expect, it } from 'vitest';
import { utcToWarsaw, warsawOffsetMinutes, warsawToUtc } from '../../../src/common/warsaw-time.ts';

describe('Kraków wall-clock time', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(warsawToUtc('2026-01-15T12:00')!.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(warsawToUtc('2026-07-15T12:00')!.toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('switches on the last Sunday of March and of October at 01:00 UTC', () => {
    expect(warsawOffsetMinutes(Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(warsawOffsetMinutes(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    expect(warsawOffsetMinutes(Date.parse('2026-10-25T00:59:00Z'))).toBe(120);
    expect(warsawOffsetMinutes(Date.parse('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('has no 02:30 on the night clocks go forward, and takes the first 02:30 when they go back', () => {
    expect(warsawToUtc('2026-03-29T02:30')).toBeNull();
    expect(warsawToUtc('2026-10-25T02:30')!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(warsawToUtc('2026-02-30T10:00')).toBeNull();
    expect(warsawToUtc('2026-05-16T24:00')).toBeNull();
    expect(warsawToUtc('16.05.2026 10:00')).toBeNull();
  });

  it('agrees with the ICU time-zone database every hour of a year', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Warsaw',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000) {
      expect(utcToWarsaw(new Date(t))).toBe(fmt.format(new Date(t)).replace(' ', 'T'));
    }
  });
});
