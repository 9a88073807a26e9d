import type { AddressPointRow, AddressRepository, ImportStreet, StreetRow, StreetTerm } from '../store/types.ts';
import type { Db } from './open.ts';

/** An FTS5 string literal: the words are folded letters and digits already, quoting keeps any other byte inert. */
const quoted = (w: string) => `"${w.replaceAll('"', '""')}"`;

/** Every term as a prefix, or one of its exact alternatives; all terms must match. */
export function ftsMatch(terms: readonly StreetTerm[]): string {
  return terms.map((t) => `(${[`${quoted(t.prefix)}*`, ...t.alternatives.map(quoted)].join(' OR ')})`).join(' AND ');
}

const POINT_COLUMNS = `p.street_id AS streetId, s.name AS street, p.number, p.postcode, p.lng, p.lat`;

/** The offline gazetteer's storage (migration 009); SQLite's FTS5 finds the streets. */
export class SqliteAddressRepository implements AddressRepository {
  // The word list changes only with an import, which may run in another process: keyed by the import's stamp.
  #words: { stamp: string; words: string[] } | undefined;

  readonly sql = {
    size: 'SELECT (SELECT count(*) FROM address_streets) AS streets, (SELECT count(*) FROM address_points) AS points',
    stamp: "SELECT value FROM address_meta WHERE key = 'importedAt'",
    words: 'SELECT term FROM address_words',
    match: `SELECT s.id, s.name, s.words, s.lng, s.lat FROM address_streets_fts f JOIN address_streets s ON s.id = f.rowid
      WHERE address_streets_fts MATCH ? ORDER BY rank LIMIT ?`,
    within: `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
      WHERE p.lat BETWEEN ? AND ? AND p.lng BETWEEN ? AND ? LIMIT 2000`,
    // The street ids arrive as one JSON array, so one statement serves any number of them.
    numbered: `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
      WHERE p.number_key = ? AND p.street_id IN (SELECT value FROM json_each(?))`,
    clear: [
      'DELETE FROM address_points',
      'DELETE FROM address_streets',
      'DELETE FROM address_meta',
      "INSERT INTO address_streets_fts (address_streets_fts) VALUES ('delete-all')",
    ],
    insertStreet: 'INSERT INTO address_streets (name, words, lng, lat) VALUES (?, ?, ?, ?)',
    insertPoint:
      'INSERT INTO address_points (street_id, number, number_key, postcode, lng, lat) VALUES (?, ?, ?, ?, ?, ?)',
    rebuild: "INSERT INTO address_streets_fts (address_streets_fts) VALUES ('rebuild')",
    insertMeta: 'INSERT INTO address_meta (key, value) VALUES (?, ?)',
  };
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      size: db.prepare(this.sql.size),
      stamp: db.prepare(this.sql.stamp).pluck(),
      words: db.prepare(this.sql.words).pluck(),
      match: db.prepare(this.sql.match),
      within: db.prepare(this.sql.within),
      numbered: db.prepare(this.sql.numbered),
      clear: this.sql.clear.map((sql) => db.prepare(sql)),
      insertStreet: db.prepare(this.sql.insertStreet),
      insertPoint: db.prepare(this.sql.insertPoint),
      rebuild: db.prepare(this.sql.rebuild),
      insertMeta: db.prepare(this.sql.insertMeta),
    };
  }

  async replaceAll(streets: ImportStreet[], meta: Record<string, string>): Promise<void> {
    const s = this.s;
    this.db.transaction(() => {
      for (const clear of s.clear) clear.run();
      for (const street of streets) {
        const [lng, lat] = middle(street.points);
        const id = s.insertStreet.run(street.name, street.words, lng, lat).lastInsertRowid;
        for (const p of street.points) s.insertPoint.run(id, p.number, p.numberKey, p.postcode, p.lng, p.lat);
      }
      s.rebuild.run();
      for (const [k, v] of Object.entries(meta)) s.insertMeta.run(k, v);
    })();
  }

  async size() {
    return this.s.size.get() as { streets: number; points: number };
  }

  async words(): Promise<string[]> {
    const stamp = (this.s.stamp.get() as string | undefined) ?? '';
    if (this.#words?.stamp !== stamp) this.#words = { stamp, words: this.s.words.all() as string[] };
    return this.#words.words;
  }

  async matchStreets(terms: readonly StreetTerm[], limit: number): Promise<StreetRow[]> {
    if (!terms.length) return [];
    return this.s.match.all(ftsMatch(terms), limit) as StreetRow[];
  }

  async numbered(streetIds: number[], numberKey: string): Promise<AddressPointRow[]> {
    if (!streetIds.length) return [];
    return this.s.numbered.all(numberKey, JSON.stringify(streetIds)) as AddressPointRow[];
  }

  async within(west: number, south: number, east: number, north: number): Promise<AddressPointRow[]> {
    return this.s.within.all(south, north, west, east) as AddressPointRow[];
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
