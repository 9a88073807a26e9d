-- 014: the live pin counts per subarea (GET /api/subareas, db/points.ts countsBySubarea) are counted again after
-- every change to what the public sees, and every page asks for them. Without this index the count read every
-- published row and its JSON, holding the server for 2 s at a million pins in the subareas. With it the count is
-- one range of this index, already in the GROUP BY's order: about 0.13 s (docs/benchmark.md). The expression must
-- stay the very one the query selects. PostgreSQL has no such index: it cannot read an expression from an index
-- alone (it still visits every row), and its count does not hold the server's thread meanwhile.
CREATE INDEX points_counts ON points (status, subarea, layer, json_extract(data, '$.kind'));
