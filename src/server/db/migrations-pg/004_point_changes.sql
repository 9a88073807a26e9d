-- 004: the numbered log of changes to what the public sees (SQLite's 011). Its highest number is the public data's
-- version (ETags, GET /api/points/changes?since=N). Written by triggers, so no write path can forget to move it.
CREATE TABLE point_changes (
  version  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  point_id text NOT NULL,
  layer    text NOT NULL
);
CREATE INDEX point_changes_point ON point_changes (point_id);

-- Only rows that are or were published matter: a pending pin's edits change nothing anyone else can see.
CREATE FUNCTION log_point_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      INSERT INTO point_changes (point_id, layer) VALUES (OLD.id, OLD.layer);
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.status = 'published' OR (TG_OP = 'UPDATE' AND OLD.status = 'published') THEN
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
  INSERT INTO point_changes (point_id, layer) SELECT id, layer FROM points WHERE id = pid AND status = 'published';
  RETURN NULL;
END $$;
CREATE TRIGGER point_changes_vote AFTER INSERT OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION log_vote_change();
