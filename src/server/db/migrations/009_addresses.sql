-- The offline address gazetteer, filled by `npm run addresses:import` (official PRG address points or an OSM
-- GeoJSON). Replaced whole by each import, in one transaction: a failed import leaves the previous one in place.
CREATE TABLE address_streets (
  id INTEGER PRIMARY KEY,
  -- As the source writes it, shown to residents: "ul. Józefa", "pl. Nowy".
  name TEXT NOT NULL UNIQUE,
  -- Folded street words without type words ("jozefa"), the FTS5 index's content.
  words TEXT NOT NULL,
  -- The address point nearest the mean of the street's points: "the street" lands on a building of it.
  lng REAL NOT NULL,
  lat REAL NOT NULL
);

CREATE TABLE address_points (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES address_streets(id) ON DELETE CASCADE,
  -- As written ("12a"), and folded for comparison ("12a").
  number TEXT NOT NULL,
  number_key TEXT NOT NULL,
  postcode TEXT,
  lng REAL NOT NULL,
  lat REAL NOT NULL
);
CREATE INDEX address_points_street ON address_points (street_id, number_key);
-- Reverse geocoding looks up a small box around a position.
CREATE INDEX address_points_position ON address_points (lat, lng);

-- External content: the words live once, in address_streets; remove_diacritics also folds what fold() missed.
CREATE VIRTUAL TABLE address_streets_fts USING fts5 (
  words, content = 'address_streets', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
-- Every distinct indexed word, for the one-typo lookup.
CREATE VIRTUAL TABLE address_words USING fts5vocab (address_streets_fts, 'row');

-- What is installed: source, file, count and time of the last import (shown by the import and in the README).
CREATE TABLE address_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
