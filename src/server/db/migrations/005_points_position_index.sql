-- 005: the map asks for published points in a box (GET /api/points?bbox=…). With only (layer, status, subarea)
-- SQLite visited every published row of the layer to answer for a few streets; the benchmark (docs/benchmark.md)
-- measured ~85 ms for 172 of 50,000 rows, ~8 ms with this index (a range on the published latitude).
CREATE INDEX points_public_position ON points (layer, status, public_lat, public_lng);
