-- 004: walk sessions. A facilitator's walk or workshop; residents join with `code` and their pins carry it
-- in points.data ($.session, like every layer-specific field). Named walk_sessions: `sessions` are moderator logins.
CREATE TABLE walk_sessions (
  code         TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  subarea      TEXT NOT NULL,
  date         TEXT NOT NULL,
  publish_mode TEXT NOT NULL CHECK (publish_mode IN ('moderated', 'immediate')),
  closed       INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX walk_sessions_date ON walk_sessions (date, created_at);
-- The console and the summary list one session's pins: an index on the JSON field instead of a new column.
CREATE INDEX points_session ON points (json_extract(data, '$.session')) WHERE json_extract(data, '$.session') IS NOT NULL;
