import type { AddressPointRow, AddressRepository, ImportStreet, StreetRow, StreetTerm } from '../../store/types.ts';
import { middle } from '../addresses.ts';
import type { PgSql } from './sql.ts';

/**
 * A word that may go into a tsquery: letters and digits only, so none of the query syntax (& | ! ( ) : * ' \ and
 * spaces) can ride along. The geocoder folds words to exactly that; anything else can match no street word.
 */
const WORD = /^[\p{L}\p{N}]+$/u;

/** One phrase of the search, numbered as SQLite's FTS5 numbers the phrases of its MATCH expression. */
interface Phrase {
  word: string;
  prefix: boolean;
}

/**
 * The terms as a tsquery text and their phrases in order: every term as a prefix, or one of its exact
 * alternatives; all terms must match. Null when a term has no word that could match anything.
 */
export function tsMatch(terms: readonly StreetTerm[]): { query: string; phrases: Phrase[] } | null {
  const phrases: Phrase[] = [];
  const parts: string[] = [];
  for (const t of terms) {
    // A phrase that can match no street word adds nothing to any score: leaving it out changes no rank.
    const term = [
      ...(WORD.test(t.prefix) ? [{ word: t.prefix, prefix: true }] : []),
      ...t.alternatives.filter((a) => WORD.test(a)).map((word) => ({ word, prefix: false })),
    ];
    if (!term.length) return null;
    phrases.push(...term);
    parts.push(`(${term.map((p) => (p.prefix ? `${p.word}:*` : p.word)).join(' | ')})`);
  }
  return { query: parts.join(' & '), phrases };
}

const POINT_COLUMNS = `p.street_id AS "streetId", s.name AS street, p.number, p.postcode, p.lng, p.lat`;
/**
 * The number of words of a street (FTS5's column size). Words are the import's street words joined by one space,
 * each of letters and digits only, so counting them needs no text-search parsing of every row.
 */
const TOKENS = (words: string) => `cardinality(string_to_array(${words}, ' '))`;
/** Rows per statement of an import: few round trips, parameters well below any limit. */
const CHUNK = 10_000;

export const ADDRESS_SQL = {
  size: 'SELECT (SELECT count(*) FROM address_streets) AS streets, (SELECT count(*) FROM address_points) AS points',
  stamp: "SELECT value FROM address_meta WHERE key = 'importedAt'",
  // Byte order, as FTS5's vocabulary lists its terms.
  words: `SELECT word FROM ts_stat('SELECT words_tsv FROM address_streets') ORDER BY word COLLATE "C"`,
  /**
   * SQLite ranks with FTS5's bm25() (k1 = 1.2, b = 0.75, every phrase of the expression weighed by its IDF, which
   * is clamped to 1e-6 when not positive) and breaks ties by rowid. The same formula in the same floating-point
   * order gives the same scores here, hence the same order: the GIN index finds the streets, the score ranks them.
   * A phrase's frequency in a street and the street's length count its words as FTS5 counts tokens.
   * $1 the tsquery text, $2/$3 the phrases (word, prefix?) in order, $4 the limit.
   */
  match: `WITH phrase AS MATERIALIZED (
      SELECT p.i, p.word, p.prefix FROM unnest($2::text[], $3::boolean[]) WITH ORDINALITY AS p (word, prefix, i)
    ), corpus AS MATERIALIZED (
      SELECT count(*)::float8 AS n, coalesce(sum(${TOKENS('s.words')}), 0)::float8 AS tokens FROM address_streets s
    ), idf AS MATERIALIZED (
      SELECT ph.i, ph.word, ph.prefix, CASE WHEN x.idf <= 0 THEN 1e-6::float8 ELSE x.idf END AS idf
      FROM phrase ph, corpus c,
        LATERAL (SELECT count(*)::float8 AS hits FROM address_streets s
          WHERE s.words_tsv @@ to_tsquery('simple', ph.word || CASE WHEN ph.prefix THEN ':*' ELSE '' END)) h,
        LATERAL (SELECT ln(((c.n - h.hits) + 0.5::float8) / (h.hits + 0.5::float8)) AS idf) x
    )
    SELECT s.id, s.name, s.words, s.lng, s.lat
    FROM address_streets s, corpus c,
      LATERAL (SELECT ${TOKENS('s.words')}::float8 AS d) len,
      LATERAL (
        SELECT sum(idf.idf * ((f.f * (1.2::float8 + 1.0::float8)) / (f.f + 1.2::float8 * ((1.0::float8 - 0.75::float8)
          + ((0.75::float8 * len.d) / (c.tokens / c.n))))) ORDER BY idf.i) AS score
        FROM idf, LATERAL (
          SELECT count(*)::float8 AS f FROM unnest(string_to_array(s.words, ' ')) AS w (word)
          WHERE CASE WHEN idf.prefix THEN starts_with(w.word, idf.word) ELSE w.word = idf.word END
        ) f
      ) r
    WHERE s.words_tsv @@ to_tsquery('simple', $1)
    ORDER BY r.score DESC, s.id
    LIMIT $4`,
  // BETWEEN rechecks exactly what the GiST index's box (single precision) finds; the order is SQLite's index order.
  within: `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
    WHERE p.position && ST_MakeEnvelope($1, $2, $3, $4, 4326)
      AND p.lat BETWEEN $2 AND $4 AND p.lng BETWEEN $1 AND $3
    ORDER BY p.lat, p.lng, p.id LIMIT 2000`,
  numbered: `SELECT ${POINT_COLUMNS} FROM address_points p JOIN address_streets s ON s.id = p.street_id
    WHERE p.number_key = $1 AND p.street_id = ANY ($2::int[])
    ORDER BY p.street_id, p.id`,
  // Readers keep reading the previous gazetteer until the import commits; a second import waits for the first.
  lock: 'LOCK TABLE address_streets, address_points, address_meta IN EXCLUSIVE MODE',
  clear: ['DELETE FROM address_points', 'DELETE FROM address_streets', 'DELETE FROM address_meta'],
  // Ids in the order given, as SQLite numbers its rows: the rank breaks ties by them.
  insertStreets: `INSERT INTO address_streets (name, words, lng, lat)
    SELECT name, words, lng, lat FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[])
      WITH ORDINALITY AS s (name, words, lng, lat, i)
    ORDER BY i
    RETURNING id, name`,
  insertPoints: `INSERT INTO address_points (street_id, number, number_key, postcode, lng, lat)
    SELECT street_id, number, number_key, postcode, lng, lat
    FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])
      WITH ORDINALITY AS p (street_id, number, number_key, postcode, lng, lat, i)
    ORDER BY i`,
  insertMeta: 'INSERT INTO address_meta (key, value) SELECT * FROM unnest($1::text[], $2::text[])',
} as const;

const chunks = <T>(all: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(all.length / CHUNK) }, (_, i) => all.slice(i * CHUNK, (i + 1) * CHUNK));

/** The offline gazetteer's storage (migration 003); a GIN index over the street words finds the streets. */
export class PgAddressRepository implements AddressRepository {
  // The word list changes only with an import, which may run in another process: keyed by the import's stamp.
  #words: { stamp: string; words: string[] } | undefined;

  constructor(private readonly sql: PgSql) {}

  replaceAll(streets: ImportStreet[], meta: Record<string, string>): Promise<void> {
    return this.sql.tx(async (q) => {
      await q.count(ADDRESS_SQL.lock);
      for (const clear of ADDRESS_SQL.clear) await q.count(clear);
      const ids = new Map<string, number>();
      for (const part of chunks(streets)) {
        const middles = part.map((s) => middle(s.points));
        const rows = await q.rows<{ id: number; name: string }>(ADDRESS_SQL.insertStreets, [
          part.map((s) => s.name),
          part.map((s) => s.words),
          middles.map(([lng]) => lng),
          middles.map(([, lat]) => lat),
        ]);
        for (const r of rows) ids.set(r.name, r.id);
      }
      const points = streets.flatMap((s) => s.points.map((p) => ({ ...p, streetId: ids.get(s.name)! })));
      for (const part of chunks(points)) {
        await q.count(ADDRESS_SQL.insertPoints, [
          part.map((p) => p.streetId),
          part.map((p) => p.number),
          part.map((p) => p.numberKey),
          part.map((p) => p.postcode),
          part.map((p) => p.lng),
          part.map((p) => p.lat),
        ]);
      }
      const entries = Object.entries(meta);
      await q.count(ADDRESS_SQL.insertMeta, [entries.map(([k]) => k), entries.map(([, v]) => v)]);
    });
  }

  async size(): Promise<{ streets: number; points: number }> {
    const [row] = await this.sql.rows<{ streets: number; points: number }>(ADDRESS_SQL.size);
    return row!;
  }

  async words(): Promise<string[]> {
    const [row] = await this.sql.rows<{ value: string }>(ADDRESS_SQL.stamp);
    const stamp = row?.value ?? '';
    if (this.#words?.stamp !== stamp) {
      const words = (await this.sql.rows<{ word: string }>(ADDRESS_SQL.words)).map((r) => r.word);
      this.#words = { stamp, words };
    }
    return this.#words.words;
  }

  async matchStreets(terms: readonly StreetTerm[], limit: number): Promise<StreetRow[]> {
    if (!terms.length) return [];
    const match = tsMatch(terms);
    if (!match) return [];
    return this.sql.rows<StreetRow>(ADDRESS_SQL.match, [
      match.query,
      match.phrases.map((p) => p.word),
      match.phrases.map((p) => p.prefix),
      limit,
    ]);
  }

  async numbered(streetIds: number[], numberKey: string): Promise<AddressPointRow[]> {
    if (!streetIds.length) return [];
    return this.sql.rows<AddressPointRow>(ADDRESS_SQL.numbered, [numberKey, streetIds]);
  }

  async within(west: number, south: number, east: number, north: number): Promise<AddressPointRow[]> {
    return this.sql.rows<AddressPointRow>(ADDRESS_SQL.within, [west, south, east, north]);
  }
}
