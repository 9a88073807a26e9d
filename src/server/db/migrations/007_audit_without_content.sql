-- 007: the audit log keeps who did what to which point, when and why — never the content (RODO art. 17: a removed
-- point must not live on in full copies here). `before`/`after` (whole records: names, phones, positions) become
-- `changed`, the names of the fields an edit changed, worked out from the old copies before they are dropped.
-- No foreign key to points any more: an entry outlives the point it describes, which erasure deletes.
-- db/open.ts turns on secure_delete before migrating, so the dropped table's pages are zeroed, not just freed.
CREATE TABLE audit_log_new (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,
  action   TEXT NOT NULL,
  point_id TEXT NOT NULL,
  reason   TEXT,
  changed  TEXT CHECK (changed IS NULL OR json_valid(changed))
);
INSERT INTO audit_log_new (id, at, actor, action, point_id, reason, changed)
SELECT a.id, a.at, a.actor, a.action, a.point_id, a.reason,
  CASE WHEN a.before IS NULL OR a.after IS NULL THEN NULL ELSE (
    SELECT json_group_array(k) FROM (
      SELECT key AS k FROM json_each(a.before) UNION SELECT key FROM json_each(a.after) ORDER BY 1
    )
    -- The same fields Contributions leaves out of `changed`: set by the server, not written by anyone.
    WHERE k NOT IN ('id', 'layer', 'status', 'subarea', 'createdAt', 'updatedAt', 'confirmedAt', 'rejectReason', 'votes')
      AND json_extract(a.before, '$.' || k) IS NOT json_extract(a.after, '$.' || k)
  ) END
FROM audit_log a;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_by_point ON audit_log (point_id, id);
