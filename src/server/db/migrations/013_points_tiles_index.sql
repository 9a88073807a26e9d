-- 013: a layer's map tiles are clustered from every published pin of the layer (db/points.ts, forTiles). Read
-- from the table, that meant the whole row of every pin, its JSON parsed again for five fields: 8 s at a million
-- pins. This index holds exactly the columns and JSON fields a tile needs, in the order the read wants, so the
-- read is one range of the index and never touches the table (docs/benchmark.md, measurement 8). The expressions
-- must stay the very ones the query selects, or SQLite stops using it as a covering index.
CREATE INDEX points_tiles ON points (layer, status, created_at, id, public_lng, public_lat, subarea,
  json_extract(data, '$.kind'), json_extract(data, '$.kinds[0]'), json_extract(data, '$.theme'),
  json_extract(data, '$.helperType'), json_extract(data, '$.paused'), confirmed_at);
