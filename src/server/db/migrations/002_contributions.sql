-- 002: contributions (docs/product.md, The product). One table for both layers; layer-specific fields live in
-- `data` (JSON) so a new optional field needs no migration. Times are ISO-8601 UTC text (sorts correctly, portable
-- to PostgreSQL).
CREATE TABLE points (
  id              TEXT PRIMARY KEY,
  layer           TEXT NOT NULL CHECK (layer IN ('walk', 'help')),
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected', 'removed')),
  -- Exact position as submitted: for private persons it never leaves the server (docs/product.md, privacy tiers).
  lng             REAL NOT NULL,
  lat             REAL NOT NULL,
  -- What GET /api/points publishes: equal to lng/lat, or coarsened for private persons.
  public_lng      REAL NOT NULL,
  public_lat      REAL NOT NULL,
  subarea         TEXT,
  data            TEXT NOT NULL CHECK (json_valid(data)),
  edit_token_hash TEXT NOT NULL,
  reject_reason   TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  confirmed_at    TEXT
);
CREATE INDEX points_public ON points (layer, status, subarea);
CREATE INDEX points_queue ON points (status, created_at);

-- Offline outbox replays (Idempotency-Key): see db/idempotency.ts for why the edit token is kept encrypted.
CREATE TABLE idempotency (
  key_hash         TEXT PRIMARY KEY,
  point_id         TEXT NOT NULL REFERENCES points (id) ON DELETE CASCADE,
  body_hash        TEXT NOT NULL,
  token_ciphertext TEXT NOT NULL,
  created_at       TEXT NOT NULL
);

CREATE TABLE moderators (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  moderator_id INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  point_id TEXT NOT NULL REFERENCES points (id),
  reason   TEXT,
  before   TEXT CHECK (before IS NULL OR json_valid(before)),
  after    TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_by_point ON audit_log (point_id, id);

-- "Me too" on walk pins: one per device; the device id is stored only hashed.
CREATE TABLE votes (
  point_id    TEXT NOT NULL REFERENCES points (id) ON DELETE CASCADE,
  device_hash TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (point_id, device_hash)
);
