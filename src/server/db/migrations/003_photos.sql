-- 003: photos on walk pins. Only the re-encoded, metadata-free JPEG is kept (never the upload), in the
-- database itself so one file backs up everything. One photo per point; removing the point removes it.
CREATE TABLE photos (
  point_id   TEXT PRIMARY KEY REFERENCES points (id) ON DELETE CASCADE,
  mime       TEXT NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      BLOB NOT NULL,
  created_at TEXT NOT NULL
);
