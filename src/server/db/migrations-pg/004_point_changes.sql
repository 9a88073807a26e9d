-- 004: the numbered log of changes to what the public sees (SQLite's 011). Its highest number is the public data's
-- version (ETags, GET /api/points/changes?since=N). Written by triggers, so no write path can forget to move it.
CREATE TABLE point_changes (
  version  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  point_id text NOT NULL,
  layer    text NOT NULL
);
CREATE INDEX point_changes_point ON point_changes (point_id);

-- Versions must become visible in the order they were handed out: a reader that saw version 11 committed while 10
-- was still open would never be told about 10 (it asks "changes since 11"). So a transaction takes this lock before
-- it numbers a change and holds it until it commits. The repositories take it first thing in a transaction that
-- may change a published point (lock order: always this lock, then rows); the triggers take it for hand edits.
CREATE FUNCTION lock_point_changes() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(7226) $$;

-- Only rows that are or were published matter: a pending pin's edits change nothing anyone else can see.
CREATE FUNCTION log_point_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      PERFORM lock_point_changes();
      INSERT INTO point_changes (point_id, layer) VALUES (OLD.id, OLD.layer);
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.status = 'published' OR (TG_OP = 'UPDATE' AND OLD.status = 'published') THEN
    PERFORM lock_point_changes();
    INSERT INTO point_changes (point_id, layer) VALUES (NEW.id, NEW.layer);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER point_changes_write AFTER INSERT OR UPDATE OR DELETE ON points
  FOR EACH ROW EXECUTE FUNCTION log_point_change();

-- "Me too" counts are published with walk pins.
CREATE FUNCTION log_vote_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid text := CASE WHEN TG_OP = 'DELETE' THEN OLD.point_id ELSE NEW.point_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM points WHERE id = pid AND status = 'published') THEN
    PERFORM lock_point_changes();
    INSERT INTO point_changes (point_id, layer) SELECT id, layer FROM points WHERE id = pid AND status = 'published';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER point_changes_vote AFTER INSERT OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION log_vote_change();
