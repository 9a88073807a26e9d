-- 010: the ambassadors' dated activities. Start and end are kept twice: as the Kraków wall-clock time the ambassador
-- typed (in data, what calendars show with TZID=Europe/Warsaw) and as UTC instants for range queries.
CREATE TABLE activities (
  id         TEXT PRIMARY KEY,
  subarea    TEXT NOT NULL,
  start_utc  TEXT NOT NULL,
  end_utc    TEXT NOT NULL CHECK (end_utc > start_utc),
  data       TEXT NOT NULL CHECK (json_valid(data)),
  sequence   INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- "Still going on at `from`, starting before `to`": the end bounds the scan, the start filters.
CREATE INDEX activities_by_end ON activities (end_utc, start_utc);

-- Who created, changed or removed which activity, when, with the record before and after. Kept after a removal
-- (no foreign key): ambassadors publish without review, so the trail is how they stay accountable.
CREATE TABLE activity_audit (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  activity_id TEXT NOT NULL,
  before      TEXT CHECK (before IS NULL OR json_valid(before)),
  after       TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX activity_audit_by_activity ON activity_audit (activity_id, id);
