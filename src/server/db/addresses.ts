import type { Db } from './open.ts';

/** One street of an import, with all its numbered address points (positions in WGS84). */
export interface ImportStreet {
  name: string;
  words: string;
  points: { number: string; numberKey: string; postcode: string | null; lng: number; lat: number }[];
}

export interface StreetRow {
  id: number;
  name: string;
  words: string;
  lng: number;
  lat: number;
}
export interface PointRow {
  streetId: number;
  street: string;
  number: string;
  postcode: string | null;
  lng: number;
  lat: number;
}

/**
 * The offline gazetteer's storage (migration 009). Async like every repository, so another engine can implement it;
 * the search rules live in geocode/, not here.
 */
export interface AddressStore {
  /** Replaces the whole gazetteer in one transaction; on any error the previous one stays. */
  replaceAll(streets: ImportStreet[], meta: Record<string, string>): Promise<void>;
  /** Counts of streets and points; zero when nothing was imported. */
  size(): Promise<{ streets: number; points: number }>;
  /** Every distinct street word (a few thousand in Kraków), for the one-typo lookup. */
  words(): Promise<string[]>;
  /** Streets whose words match an FTS5 MATCH expression built by the caller. */
  matchStreets(match: string, limit: number): Promise<StreetRow[]>;
  /** Address points of these streets with this folded number. */
  numbered(streetIds: number[], numberKey: string): Promise<PointRow[]>;
  /** Address points inside a lng/lat box (the caller computes distances). */
  within(west: number, south: number, east: number, north: number): Promise<PointRow[]>;
}

const POINT_COLUMNS = `p.street_id AS streetId, s.name AS street, p.number, p.postcode, p.lng, p.lat`;

export class SqliteAddressStore implements AddressStore {
  // The word list changes only with an import, which may run in another process: keyed by the import's stamp.
  #words: { stamp: string; words: string[] } | undefined;

  constructor(private readonly db: Db) {}

  async replaceAll(streets: ImportStreet[], meta: Record<string, string>): Promise<void> {
    const db = this.db;
    const insertStreet = db.prepare('INSERT INTO address_streets (name, words, lng, lat) VALUES (?, ?, ?, ?)');
    const insertPoint = db.prepare(
      'INSERT INTO address_points (street_id, number, number_key, postcode, lng, lat) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertMeta = db.prepare('INSERT INTO address_meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      db.exec(`DELETE FROM address_points; DELETE FROM address_streets; DELETE FROM address_meta;
        INSERT INTO address_streets_fts (address_streets_fts) VALUES ('delete-all');`);
      for (const s of streets) {
        const [lng, lat] = middle(s.points);
        const id = insertStreet.run(s.name, s.words, lng, lat).lastInsertRowid;
        for (const p of s.points) insertPoint.run(id, p.number, p.numberKey, p.postcode, p.lng, p.lat);
      }
      db.exec(`INSERT INTO address_streets_fts (address_streets_fts) VALUES ('rebuild')`);
      for (const [k, v] of Object.entries(meta)) insertMeta.run(k, v);
    })();
  }

  async size() {
    return this.db
      .prepare(
        'SELECT (SELECT count(*) FROM address_streets) AS streets, (SELECT count(*) FROM address_points) AS points',
      )
      .get() as { streets: number; points: number };
  }

  async words(): Promise<string[]> {
    const stamp =
      (this.db.prepare("SELECT value FROM address_meta WHERE key = 'importedAt'").pluck().get() as
        string | undefined) ?? '';
    if (this.#words?.stamp !== stamp) {
      this.#words = { stamp, words: this.db.prepare('SELECT term FROM address_words').pluck().all() as string[] };
    }
    return this.#words.words;
  }

  async matchStreets(match: string, limit: number): Promise<StreetRow[]> {
    return this.db
      .prepare(
        `SELECT s.id, s.name, s.words, s.lng, s.lat FROM address_streets_fts f JOIN address_streets s ON s.id = f.rowid
         WHERE address_streets_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as StreetRow[];
  }

  async numbered(streetIds: number[], numberKey: string): Promise<PointRow[]> {
    if (!streetIds.length) return [];
    return this.db
      .prepare(
        `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
         WHERE p.number_key = ? AND p.street_id IN (${streetIds.map(() => '?').join(',')})`,
      )
      .all(numberKey, ...streetIds) as PointRow[];
  }

  async within(west: number, south: number, east: number, north: number): Promise<PointRow[]> {
    return this.db
      .prepare(
        `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
         WHERE p.lat BETWEEN ? AND ? AND p.lng BETWEEN ? AND ? LIMIT 2000`,
      )
      .all(south, north, west, east) as PointRow[];
  }
}

/**
 * "The middle of a street": the address point nearest the mean of all its points. The mean itself can fall in a
 * courtyard or, for a curved street, a block away; a real address point is always on the street.
 */
export function middle(points: readonly { lng: number; lat: number }[]): [number, number] {
  if (!points.length) throw new RangeError('middle: a street without address points');
  const lng = points.reduce((s, p) => s + p.lng, 0) / points.length;
  const lat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  let best = points[0]!;
  let bestD = Infinity;
  for (const p of points) {
    // Squared degrees with longitude shrunk by cos(50°): only the order matters here.
    const d = ((p.lng - lng) * 0.643) ** 2 + (p.lat - lat) ** 2;
    if (d < bestD) [best, bestD] = [p, d];
  }
  return [best.lng, best.lat];
}
