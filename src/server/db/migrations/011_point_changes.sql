-- 011: a log of changes to what the public sees, one row per change, numbered. Its highest number is the public
-- data's version: answers are cached per version (ETag, 304) and a client that has seen version N asks only for
-- what changed after N (GET /api/points/changes?since=N). Written by triggers, so every write path — the app's,
-- a retention sweep's, a hand edit's — moves the version; none can forget to.
CREATE TABLE point_changes (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  point_id TEXT NOT NULL,
  layer TEXT NOT NULL
);
CREATE INDEX point_changes_point ON point_changes (point_id);

-- Only rows that are or were published matter: a pending pin's edits change nothing anyone else can see.
CREATE TRIGGER point_changes_insert AFTER INSERT ON points WHEN NEW.status = 'published'
BEGIN
  INSERT INTO point_changes (point_id, layer) VALUES (NEW.id, NEW.layer);
END;
CREATE TRIGGER point_changes_update AFTER UPDATE ON points WHEN NEW.status = 'published' OR OLD.status = 'published'
BEGIN
  INSERT INTO point_changes (point_id, layer) VALUES (NEW.id, NEW.layer);
END;
CREATE TRIGGER point_changes_delete AFTER DELETE ON points WHEN OLD.status = 'published'
BEGIN
  INSERT INTO point_changes (point_id, layer) VALUES (OLD.id, OLD.layer);
END;
-- "Me too" counts are published with walk pins.
CREATE TRIGGER point_changes_vote AFTER INSERT ON votes
BEGIN
  INSERT INTO point_changes (point_id, layer) SELECT id, layer FROM points WHERE id = NEW.point_id AND status = 'published';
END;
CREATE TRIGGER point_changes_unvote AFTER DELETE ON votes
BEGIN
  INSERT INTO point_changes (point_id, layer) SELECT id, layer FROM points WHERE id = OLD.point_id AND status = 'published';
END;
