import type { HelpProperties, PointFeature, PointRecord, WalkProperties } from '../common/points.ts';
import { PRIVATE_CELL_M } from '../common/privacy-grid.ts';

/**
 * Privacy tiers (product rules). A private person offering help is published only as the centre of the
 * ~150 m grid cell containing their point: stable for the offer (same point → same cell, no secret needed, survives
 * restarts), reveals only "somewhere in this square", and repeated reads cannot be averaged towards the door.
 * Organisations are published exactly, with their contacts.
 */
export const GRID_M = PRIVATE_CELL_M;
/** Half-diagonal of a cell, rounded up: the true point is always within this radius of the published one. */
export const APPROX_RADIUS_M = Math.ceil((GRID_M * Math.SQRT2) / 2);

const M_PER_DEG_LAT = 111_320;
// A fixed reference latitude (central Kraków) keeps the grid identical everywhere in the city and over time.
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((50.06 * Math.PI) / 180);
const STEP_LAT = GRID_M / M_PER_DEG_LAT;
const STEP_LNG = GRID_M / M_PER_DEG_LNG;

/** Centre of the grid cell containing [lng, lat], rounded to 6 decimals (~0.1 m) so floats stay tidy. */
export function coarsen(lng: number, lat: number): [number, number] {
  const centre = (v: number, step: number) => Math.round((Math.floor(v / step) + 0.5) * step * 1e6) / 1e6;
  return [centre(lng, STEP_LNG), centre(lat, STEP_LAT)];
}

/** [west, south, east, north] of the grid cell containing [lng, lat]: every exact point coarsen() treats alike. */
export function cellBounds(lng: number, lat: number): [number, number, number, number] {
  const x = Math.floor(lng / STEP_LNG),
    y = Math.floor(lat / STEP_LAT);
  return [x * STEP_LNG, y * STEP_LAT, (x + 1) * STEP_LNG, (y + 1) * STEP_LAT];
}

type Position = { lng: number; lat: number; layer: string; helperType?: string };
export const isPrivatePerson = (p: Position) => p.layer === 'help' && p.helperType === 'person';

/** The position that may be published for a point; computed at write time and stored (public_lng/public_lat). */
export function publicPosition(p: Position): [number, number] {
  return isPrivatePerson(p) ? coarsen(p.lng, p.lat) : [p.lng, p.lat];
}

/**
 * The public GeoJSON Feature of a point. A whitelist, not a blacklist: a field added to PointRecord later stays
 * private until someone decides here that it may be published.
 */
export function publicFeature(r: PointRecord, publicLng: number, publicLat: number): PointFeature {
  // r.subarea is already the subarea of the public position (Contributions.stored), so it may be published.
  const meta = { id: r.id, subarea: r.subarea, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt };
  const geometry = { type: 'Point' as const, coordinates: [publicLng, publicLat] as [number, number] };
  if (r.layer === 'walk') {
    const properties: WalkProperties = {
      ...meta,
      layer: 'walk',
      kind: r.kind,
      theme: r.theme,
      title: r.title,
      votes: r.votes,
      ...(r.description ? { description: r.description } : {}),
      ...(r.nickname ? { nickname: r.nickname } : {}),
      ...(r.photo ? { photo: r.photo } : {}),
    };
    return { type: 'Feature', id: r.id, geometry, properties };
  }
  const person = r.helperType === 'person';
  const contact: NonNullable<HelpProperties['contact']> = {};
  for (const field of ['phone', 'email', 'www'] as const) {
    const value = r.contact?.[field];
    if (value && (!person || r.contactConsent?.[field] === true)) contact[field] = value;
  }
  const properties: HelpProperties = {
    ...meta,
    layer: 'help',
    helperType: r.helperType,
    name: r.name,
    kinds: r.kinds,
    confirmedAt: r.confirmedAt ?? r.createdAt,
    approximate: person,
    ...(person ? { approxRadiusM: APPROX_RADIUS_M } : {}),
    ...(r.description ? { description: r.description } : {}),
    ...(r.availability ? { availability: r.availability } : {}),
    ...(r.languages?.length ? { languages: r.languages } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    ...(r.paused ? { paused: true } : {}),
  };
  return { type: 'Feature', id: r.id, geometry, properties };
}
