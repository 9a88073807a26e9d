/**
 * Wall-clock time in Kraków (Europe/Warsaw) without a time-zone library: Poland follows the EU rule since 1996 —
 * CET (UTC+1), summer time CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October
 * 01:00 UTC. The calendar feed's VTIMEZONE states the same rule, so the app and every calendar agree.
 * Shared: the ambassador's form checks times with the very functions the server stores them with.
 */

/** "2026-05-16T10:00": what an ambassador types; always Kraków time. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const HOUR = 3_600_000;

/** 00:00 UTC of the last Sunday of a month (month 1–12). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay());
}

/** Minutes east of UTC in Kraków at a given instant: 120 in summer time, 60 otherwise. */
export function warsawOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summerStart = lastSunday(year, 3) + HOUR;
  const summerEnd = lastSunday(year, 10) + HOUR;
  return utcMs >= summerStart && utcMs < summerEnd ? 120 : 60;
}

/**
 * The instant a Kraków wall-clock time names, or null when that time does not exist (the hour skipped when clocks
 * go forward in March) or the text is not a real date. In the repeated October hour the earlier (summer) one wins.
 */
export function warsawToUtc(local: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  for (const offset of [120, 60]) {
    const utc = asUtc - offset * 60_000;
    if (warsawOffsetMinutes(utc) === offset) return new Date(utc);
  }
  return null;
}

/** "2026-05-16T10:00" in Kraków for an instant. */
export function utcToWarsaw(instant: Date): string {
  const shifted = new Date(instant.getTime() + warsawOffsetMinutes(instant.getTime()) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** A date alone ("2026-05-16") or a wall-clock time, as the start of that moment in Kraków. */
export function warsawDayOrTimeToUtc(text: string): Date | null {
  return warsawToUtc(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00` : text);
}
