-- 008: accounts with roles, ambassadors' own card text, and contact requests to private helpers.
-- The `moderators` table keeps its name (sessions and older code refer to it) but now holds every staff account.
ALTER TABLE moderators ADD COLUMN role TEXT NOT NULL DEFAULT 'moderator' CHECK (role IN ('admin', 'moderator', 'ambassador'));
-- An ambassador works in exactly one subarea; the others in none.
ALTER TABLE moderators ADD COLUMN subarea TEXT;
-- Where new contact requests are announced (the notice carries no personal data).
ALTER TABLE moderators ADD COLUMN email TEXT;

-- The card and planned activities an ambassador edited in the app; overrides data/ambassadors.json field by field
-- for the editable fields. One row per subarea.
CREATE TABLE ambassador_cards (
  subarea    TEXT PRIMARY KEY,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- "Poproś o kontakt": a resident asks the subarea's ambassador to connect them with a helper. Personal data lives
-- only in these rows, which are erased a configurable number of days after the request is closed.
CREATE TABLE contact_requests (
  id              TEXT PRIMARY KEY,
  point_id        TEXT NOT NULL REFERENCES points (id) ON DELETE CASCADE,
  subarea         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handed-over', 'failed')),
  name            TEXT NOT NULL,
  phone           TEXT,
  email           TEXT,
  message         TEXT NOT NULL,
  share_direct    INTEGER NOT NULL DEFAULT 0 CHECK (share_direct IN (0, 1)),
  note            TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  closed_at       TEXT,
  -- E-mail notices: 'none' (nobody to tell or no SMTP), 'pending', 'sent', 'failed' (the last attempt failed).
  ambassador_mail TEXT NOT NULL DEFAULT 'none' CHECK (ambassador_mail IN ('none', 'pending', 'sent', 'failed')),
  helper_mail     TEXT NOT NULL DEFAULT 'none' CHECK (helper_mail IN ('none', 'pending', 'sent', 'failed')),
  mail_attempts   INTEGER NOT NULL DEFAULT 0,
  mail_next_at    TEXT
);
CREATE INDEX contact_requests_inbox ON contact_requests (subarea, status, created_at);
CREATE INDEX contact_requests_point ON contact_requests (point_id, created_at);
CREATE INDEX contact_requests_closed ON contact_requests (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX contact_requests_mail ON contact_requests (mail_next_at) WHERE mail_next_at IS NOT NULL;

-- Staff actions that concern no single point (a card edit, a look at a helper's private contacts, a request handled):
-- who, what, on which subject, when — never the content.
CREATE TABLE staff_audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL
);
CREATE INDEX staff_audit_by_subject ON staff_audit (subject, id);
