import type { Activity, Audience, Registration } from '../common/activities.ts';

/**
 * iCalendar (RFC 5545) written by hand: the format is small, and the rules that calendar apps trip over are all
 * here — CRLF line ends, TEXT escaping of backslash, semicolon, comma and newline (3.3.11), lines folded at 75
 * octets without cutting a UTF-8 character (3.1), times in Europe/Warsaw with its VTIMEZONE (3.6.5), and a UID that
 * never changes for an activity (3.8.4.7) with SEQUENCE bumped on every edit (3.8.7.4).
 */

const CRLF = '\r\n';
/** The right-hand side of every UID: names this app, so UIDs never collide with another calendar's. */
export const UID_DOMAIN = 'mapa-rewitalizacji.krakow.pl';
export const uidOf = (id: string) => `${id}@${UID_DOMAIN}`;

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a content line into 75-octet pieces (continuations start with one space, which counts). */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let room = 75;
  while (start < bytes.length) {
    let end = Math.min(start + room, bytes.length);
    // Never cut a multi-byte character: back off while the next byte is a UTF-8 continuation byte (10xxxxxx).
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    room = 74;
  }
  return parts.join(`${CRLF} `);
}

/** Poland's rule since 1996, the same one src/common/warsaw-time.ts computes with. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Warsaw',
  'X-LIC-LOCATION:Europe/Warsaw',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** "2026-05-16T10:00" (Kraków) → "20260516T100000" (a local DATE-TIME, read with TZID=Europe/Warsaw). */
const localStamp = (local: string) => `${local.replace(/[-:]/g, '')}00`;
/** An ISO instant → "20260516T080000Z". */
const utcStamp = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

// The feed is one document for everyone, so it speaks Polish like the city's own pages.
const AUDIENCE_PL: Record<Audience, string> = {
  dzieci: 'dzieci',
  mlodziez: 'młodzież',
  dorosli: 'dorośli',
  seniorzy: 'seniorzy',
  wszyscy: 'wszyscy',
};
function registrationPl(r: Registration): string {
  if (r.type === 'link') return `Zapisy: ${r.url}`;
  if (r.type === 'email') return `Zapisy: ${r.email}`;
  return 'Bez zapisów';
}

function describe(a: Activity, organiser: string): string {
  return [
    a.status === 'odwolane' ? `ODWOŁANE: ${a.cancelReason ?? ''}` : null,
    a.description ?? null,
    `Dla kogo: ${a.audience.map((x) => AUDIENCE_PL[x]).join(', ')}`,
    a.accessibility ? `Dostępność: ${a.accessibility}` : null,
    registrationPl(a.registration),
    `Ambasador rewitalizacji: ${organiser}`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

export interface CalendarOptions {
  /** Shown by calendar apps as the subscription's name. */
  name: string;
  /** The organisation of each activity's subarea. */
  organiserOf: (a: Activity) => string;
  /** The map page showing an activity (absolute URL), or null when the public address is not configured. */
  linkOf: (a: Activity) => string | null;
}

function event(a: Activity, opts: CalendarOptions): string[] {
  const cancelled = a.status === 'odwolane';
  const link = opts.linkOf(a);
  return [
    'BEGIN:VEVENT',
    `UID:${uidOf(a.id)}`,
    `DTSTAMP:${utcStamp(a.updatedAt)}`,
    `CREATED:${utcStamp(a.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(a.updatedAt)}`,
    `SEQUENCE:${a.sequence}`,
    `DTSTART;TZID=Europe/Warsaw:${localStamp(a.start)}`,
    `DTEND;TZID=Europe/Warsaw:${localStamp(a.end)}`,
    // Many calendar apps ignore STATUS, so the title says it too.
    `SUMMARY:${escapeText(cancelled ? `ODWOŁANE: ${a.title}` : a.title)}`,
    `LOCATION:${escapeText(a.place.name)}`,
    `GEO:${a.place.lat.toFixed(6)};${a.place.lng.toFixed(6)}`,
    `DESCRIPTION:${escapeText(describe(a, opts.organiserOf(a)))}`,
    ...(link ? [`URL:${link}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A whole VCALENDAR (one event for "Dodaj do kalendarza", all of them for a subscription). */
export function toICalendar(activities: Activity[], opts: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mapa Rewitalizacji//Wydarzenia ambasadorów//PL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'X-WR-TIMEZONE:Europe/Warsaw',
    // Subscribed calendars look again every hour: a cancellation should reach people before they set off.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...VTIMEZONE,
    ...activities.flatMap((a) => event(a, opts)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
