import type { Activity } from '../../../common/activities.ts';
import type { Locale } from '../../../common/categories.ts';

const TAGS: Record<Locale, string> = { pl: 'pl-PL', uk: 'uk-UA', en: 'en-GB' };
// Always Kraków time, whatever the phone's own zone: the activity happens in Kraków.
const ZONE = 'Europe/Warsaw';

const dayFormat = (locale: Locale) =>
  new Intl.DateTimeFormat(TAGS[locale], { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'long' });
const timeFormat = (locale: Locale) =>
  new Intl.DateTimeFormat(TAGS[locale], { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });

/** "sob., 16 maja, 10:00–12:00"; across midnight "sob., 16 maja, 22:00 – niedz., 17 maja, 02:00". */
export function formatWhen(a: Activity, locale: Locale): string {
  const start = new Date(a.startUtc);
  const end = new Date(a.endUtc);
  const day = dayFormat(locale);
  const time = timeFormat(locale);
  if (day.format(start) === day.format(end)) return `${day.format(start)}, ${time.format(start)}–${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}
