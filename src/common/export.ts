import { z } from 'zod';
import { Layer, type PointFeature } from './points.ts';
import { SessionCode } from './sessions.ts';
import { SubareaId } from './subareas.ts';

/**
 * Open data for the city: one row per published point, the same columns in GeoJSON properties and in
 * CSV, described once here (the data dictionary served at GET /api/export/dictionary). Built from the PUBLIC
 * projection (server/privacy.ts) and then narrowed further: a bulk export is not the map. Private persons' offers
 * lose every free-text and contact field (docs/product.md: "never in bulk exports"), walk pins lose the nickname, and
 * nothing about moderation, sessions, devices or edit tokens is ever in it.
 */

export const ExportQuery = z.strictObject({
  layer: Layer,
  subarea: SubareaId.optional(),
  session: SessionCode.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export type Cell = string | number | boolean | null | string[];
export type ExportRow = Record<string, Cell>;

interface Column {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'datetime' | 'string[]';
  pl: string;
  en: string;
}
const col = (name: string, type: Column['type'], pl: string, en: string): Column => ({ name, type, pl, en });

const COMMON_HEAD = [
  col(
    'id',
    'string',
    'Stały identyfikator punktu (ten sam w API: /api/points/{id}).',
    'Stable point id (same as in the API: /api/points/{id}).',
  ),
  col(
    'lng',
    'number',
    'Długość geograficzna, WGS84 (tylko CSV; w GeoJSON w geometrii).',
    'Longitude, WGS84 (CSV only; in GeoJSON it is the geometry).',
  ),
  col(
    'lat',
    'number',
    'Szerokość geograficzna, WGS84 (tylko CSV; w GeoJSON w geometrii).',
    'Latitude, WGS84 (CSV only; in GeoJSON it is the geometry).',
  ),
  col(
    'subarea',
    'string',
    'Podobszar rewitalizacji zawierający publikowane położenie (u osób prywatnych środek kwadratu ~150 m): grzegorzki-wesola, stara-nowa-huta, kazimierz-stradom; puste poza nimi.',
    'Revitalization subarea containing the published position (for private persons the centre of the ~150 m cell); empty outside the three subareas.',
  ),
  col(
    'address',
    'string',
    'Najbliższy adres publikowanego położenia z rejestru adresów („ul. Józefa 12” w promieniu 50 m, dalej sama ulica w promieniu 150 m); u osób prywatnych tylko ulica najbliższa środkowi ich kwadratu ~150 m; puste, gdy brak rejestru lub adresu w pobliżu.',
    'Nearest address of the published position from the address register ("ul. Józefa 12" within 50 m, else the street alone within 150 m); for private persons only the street nearest the centre of their ~150 m cell; empty without a register or an address nearby.',
  ),
];
const COMMON_TAIL = [
  col('created_at', 'datetime', 'Kiedy punkt dodano (ISO 8601, UTC).', 'When the point was sent (ISO 8601, UTC).'),
  col('updated_at', 'datetime', 'Ostatnia zmiana (ISO 8601, UTC).', 'Last change (ISO 8601, UTC).'),
];

export const DICTIONARY_COLUMNS: Record<Layer, Column[]> = {
  walk: [
    ...COMMON_HEAD,
    col(
      'kind',
      'string',
      'keep = zasób, warto zachować; change = potrzeba, warto zmienić.',
      'keep = a resource worth keeping; change = a need, should change.',
    ),
    col(
      'theme',
      'string',
      'Identyfikator tematu (lista: /api/categories, walkThemes).',
      'Theme id (list: /api/categories, walkThemes).',
    ),
    col('theme_label', 'string', 'Nazwa tematu po polsku.', 'Theme name in Polish.'),
    col('title', 'string', 'Tytuł nadany przez mieszkańca (po moderacji).', "The resident's title (moderated)."),
    col('description', 'string', 'Opis mieszkańca; puste, gdy brak.', "The resident's description; empty when none."),
    col('votes', 'number', 'Liczba „ja też” (jedna na urządzenie).', 'Number of "me too" votes (one per device).'),
    col(
      'photo_url',
      'string',
      'Adres zdjęcia (bez metadanych EXIF/GPS): pełny, gdy serwis ma ustawiony publiczny adres, inaczej ścieżka od adresu mapy (/api/…); puste, gdy brak.',
      'Photo address (no EXIF/GPS metadata): absolute when the site has its public address configured, otherwise a path from the map’s address (/api/…); empty when none.',
    ),
    ...COMMON_TAIL,
  ],
  help: [
    ...COMMON_HEAD,
    col(
      'helper_type',
      'string',
      'organisation = organizacja; person = osoba prywatna.',
      'organisation or person (private individual).',
    ),
    col(
      'approximate',
      'boolean',
      'true dla osób prywatnych: położenie to środek kwadratu ~150 m, nigdy adres.',
      'true for private persons: the position is the centre of a ~150 m grid cell, never their address.',
    ),
    col(
      'approx_radius_m',
      'number',
      'Promień (m), w którym leży prawdziwe miejsce; tylko gdy approximate.',
      'Radius (m) containing the true position; only when approximate.',
    ),
    col(
      'name',
      'string',
      'Nazwa organizacji; puste dla osób prywatnych.',
      'Organisation name; empty for private persons.',
    ),
    col(
      'kinds',
      'string[]',
      'Rodzaje pomocy (id z /api/categories, helpKinds); w CSV rozdzielone średnikiem.',
      'Kinds of help (ids from /api/categories, helpKinds); semicolon-separated in CSV.',
    ),
    col(
      'kind_labels',
      'string[]',
      'Nazwy rodzajów pomocy po polsku; w CSV rozdzielone średnikiem.',
      'Kinds of help in Polish; semicolon-separated in CSV.',
    ),
    col(
      'description',
      'string',
      'Opis oferty organizacji; puste dla osób prywatnych.',
      "The organisation's description; empty for private persons.",
    ),
    col(
      'availability',
      'string',
      'Kiedy organizacja pomaga; puste dla osób prywatnych.',
      'When the organisation helps; empty for private persons.',
    ),
    col(
      'languages',
      'string[]',
      'Języki (kody ISO 639); w CSV rozdzielone średnikiem.',
      'Languages (ISO 639 codes); semicolon-separated in CSV.',
    ),
    col(
      'phone',
      'string',
      'Publiczny telefon organizacji; nigdy osób prywatnych.',
      "The organisation's public phone; never a private person's.",
    ),
    col(
      'email',
      'string',
      'Publiczny e-mail organizacji; nigdy osób prywatnych.',
      "The organisation's public e-mail; never a private person's.",
    ),
    col('www', 'string', 'Strona organizacji.', "The organisation's website."),
    col(
      'confirmed_at',
      'datetime',
      'Kiedy pomagający ostatnio potwierdził, że oferta jest aktualna.',
      'When the helper last confirmed the offer still stands.',
    ),
    col('paused', 'boolean', 'true, gdy autor wstrzymał ofertę.', 'true while its author has paused the offer.'),
    ...COMMON_TAIL,
  ],
};

/**
 * Licence, written down. Contributions are residents' own descriptions of places, placed by them on the
 * map: not extracted from OpenStreetMap, so the ODbL's share-alike does not reach them, and CC BY 4.0 is the
 * licence the city's open-data portal uses. The basemap (© OpenStreetMap contributors, ODbL) is not in the export.
 * Open point for the product owner: the consent text residents tick should name this licence.
 */
export const LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Uznanie autorstwa 4.0 Międzynarodowe (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.pl',
  attribution: 'Mieszkańcy i ambasadorzy rewitalizacji — Mapa Rewitalizacji, Kraków',
  notes: [
    'Dane to wkład mieszkańców opublikowany po moderacji (lub w trakcie spaceru badawczego w trybie natychmiastowym).',
    'Mapa podkładowa © autorzy OpenStreetMap (ODbL) nie jest częścią eksportu.',
    'Granice podobszarów: patrz GET /api/subareas (pole boundarySource).',
  ],
} as const;

export const PRIVACY_RULES = [
  'Only published points, in their public form (the same as GET /api/points).',
  "Private persons' offers: approximate position only (~150 m cell), and no name, description, availability or contacts — even consented ones (never in bulk exports).",
  'Every subarea is the one containing the published position: for a private person, the centre of their cell, never their exact point.',
  'Walk pins: no nickname.',
  'Never: edit tokens, device ids, moderation notes, reject reasons, session codes, exact positions of private persons.',
] as const;

export function dictionary() {
  return {
    title: 'Mapa Rewitalizacji — open data',
    formats: {
      geojson:
        'GET /api/export/points.geojson?layer=walk|help[&subarea=…][&session=…] — RFC 7946 FeatureCollection, WGS84',
      csv: 'GET /api/export/points.csv?layer=walk|help[&subarea=…][&session=…] — UTF-8 with BOM, comma-separated, header row; text that begins with = + - @ gets a leading apostrophe so spreadsheets do not run it as a formula (GeoJSON keeps it as written)',
    },
    licence: LICENCE,
    privacy: PRIVACY_RULES,
    columns: DICTIONARY_COLUMNS,
  };
}

export interface Labels {
  theme: (id: string) => string;
  kind: (id: string) => string;
}

/**
 * One public feature → one export row (keys in DICTIONARY_COLUMNS order; lng/lat included for CSV). `address` is
 * looked up by the caller from the feature's public position only (publicAddress in the server's geocoder).
 */
export function exportRow(
  f: PointFeature,
  labels: Labels,
  photoUrl: (id: string, version: string) => string,
  address: string | null = null,
): ExportRow {
  const p = f.properties;
  const [lng, lat] = f.geometry.coordinates;
  const head = { id: f.id, lng, lat, subarea: p.subarea, address };
  const tail = { created_at: p.createdAt, updated_at: p.updatedAt };
  if (p.layer === 'walk') {
    return {
      ...head,
      kind: p.kind,
      theme: p.theme,
      theme_label: labels.theme(p.theme),
      title: p.title,
      description: p.description ?? null,
      votes: p.votes,
      photo_url: p.photo ? photoUrl(f.id, p.photo.version) : null,
      ...tail,
    };
  }
  const org = p.helperType === 'organisation';
  return {
    ...head,
    helper_type: p.helperType,
    approximate: p.approximate,
    approx_radius_m: p.approxRadiusM ?? null,
    name: org ? p.name : null,
    kinds: p.kinds,
    kind_labels: p.kinds.map(labels.kind),
    description: org ? (p.description ?? null) : null,
    availability: org ? (p.availability ?? null) : null,
    languages: p.languages ?? [],
    phone: org ? (p.contact?.phone ?? null) : null,
    email: org ? (p.contact?.email ?? null) : null,
    www: org ? (p.contact?.www ?? null) : null,
    confirmed_at: p.confirmedAt,
    paused: p.paused ?? false,
    ...tail,
  };
}

/**
 * CSV cell text: lists joined with ";" (ids and language codes never contain one), empty for null.
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab/CR first: "CSV injection") gets a leading
 * apostrophe, which Excel and LibreOffice show as plain text. Residents write titles; the city opens the file.
 * Numbers stay numbers: only text and lists can carry a formula.
 */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const text = Array.isArray(v) ? v.join(';') : v;
  return FORMULA_START.test(text) ? `'${text}` : text;
}
const FORMULA_START = /^[=+\-@\t\r]/;
