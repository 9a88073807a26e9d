/** Kraków's zone, whatever the phone's own: everything dated here happened in Kraków. */
const ZONE = 'Europe/Warsaw';
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day as people say it ("16 maja 2026"), in the resident's language. An instant (an ISO timestamp) is read in
 * Kraków's time; a calendar date (YYYY-MM-DD, as a walk's day is stored) names its day and shows that day anywhere.
 * Throws on text that is neither, rather than print "Invalid Date" to a resident.
 */
export function formatDate(value: string, locale: string): string {
  const day = CALENDAR_DAY.test(value);
  const at = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at.getTime())) throw new RangeError(`formatDate: expected an ISO date or timestamp, got "${value}"`);
  const format = { day: 'numeric', month: 'long', year: 'numeric', timeZone: day ? 'UTC' : ZONE } as const;
  return new Intl.DateTimeFormat(locale, format).format(at);
}
