import type { Activity } from './activities.ts';
import type { ExportRow } from './export.ts';

/**
 * Open data of the ambassadors' activities: every activity (past ones too, cancelled ones with their reason), the
 * same columns in GeoJSON properties and in CSV. Activities are the ambassadors' public programme: nothing in them
 * is about a resident, so nothing is narrowed away.
 */
export const ACTIVITY_COLUMNS = [
  [
    'id',
    'string',
    'Stały identyfikator wydarzenia (ten sam w API i w kalendarzu: UID {id}@…).',
    'Stable activity id (the same in the API and, as UID {id}@…, in the calendar).',
  ],
  ['lng', 'number', 'Długość geograficzna miejsca, WGS84 (tylko CSV).', 'Longitude of the place, WGS84 (CSV only).'],
  ['lat', 'number', 'Szerokość geograficzna miejsca, WGS84 (tylko CSV).', 'Latitude of the place, WGS84 (CSV only).'],
  [
    'subarea',
    'string',
    'Podobszar rewitalizacji, którego ambasador prowadzi wydarzenie.',
    'The subarea whose ambassador runs the activity.',
  ],
  ['title', 'string', 'Tytuł.', 'Title.'],
  ['place', 'string', 'Nazwa miejsca.', 'Name of the place.'],
  [
    'start',
    'string',
    'Początek, czas krakowski (Europe/Warsaw), RRRR-MM-DDTGG:MM.',
    'Start, Kraków time (Europe/Warsaw), YYYY-MM-DDTHH:MM.',
  ],
  ['end', 'string', 'Koniec, czas krakowski (Europe/Warsaw).', 'End, Kraków time (Europe/Warsaw).'],
  ['start_utc', 'datetime', 'Początek (ISO 8601, UTC).', 'Start (ISO 8601, UTC).'],
  ['end_utc', 'datetime', 'Koniec (ISO 8601, UTC).', 'End (ISO 8601, UTC).'],
  [
    'status',
    'string',
    'zaplanowane albo odwolane (odwołane zostaje na liście).',
    'zaplanowane (planned) or odwolane (cancelled; stays listed).',
  ],
  ['cancel_reason', 'string', 'Powód odwołania; puste, gdy nieodwołane.', 'Why it was cancelled; empty otherwise.'],
  [
    'audience',
    'string[]',
    'Dla kogo: dzieci, mlodziez, dorosli, seniorzy, wszyscy (w CSV rozdzielone ;).',
    'Audience ids (separated by ; in CSV).',
  ],
  ['accessibility', 'string', 'Dostępność (np. bez schodów, pętla indukcyjna, tłumacz PJM).', 'Accessibility notes.'],
  [
    'registration',
    'string',
    'Zapisy: adres strony, adres e-mail albo „bez zapisów”.',
    'Registration: a link, an e-mail address or "bez zapisów" (none).',
  ],
  ['description', 'string', 'Opis.', 'Description.'],
  ['updated_at', 'datetime', 'Ostatnia zmiana (ISO 8601, UTC).', 'Last change (ISO 8601, UTC).'],
].map(([name, type, pl, en]) => ({ name: name!, type: type!, pl: pl!, en: en! }));

export function activityRow(a: Activity): ExportRow {
  const r = a.registration;
  return {
    id: a.id,
    lng: a.place.lng,
    lat: a.place.lat,
    subarea: a.subarea,
    title: a.title,
    place: a.place.name,
    start: a.start,
    end: a.end,
    start_utc: a.startUtc,
    end_utc: a.endUtc,
    status: a.status,
    cancel_reason: a.cancelReason ?? null,
    audience: a.audience,
    accessibility: a.accessibility ?? null,
    registration: r.type === 'link' ? r.url : r.type === 'email' ? r.email : 'bez zapisów',
    description: a.description ?? null,
    updated_at: a.updatedAt,
  };
}
