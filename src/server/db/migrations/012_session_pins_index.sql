-- 012: a walk session's pins (its console, summary, export and counts) were found by reading every point's JSON
-- for its session code. An index on that same expression, over only the pins sent through a session, makes each
-- of those one index range.
CREATE INDEX points_by_session ON points (json_extract(data, '$.session'), status, created_at)
  WHERE json_extract(data, '$.session') IS NOT NULL;
