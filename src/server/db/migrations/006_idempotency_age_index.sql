-- 006: replay rows are kept for IDEMPOTENCY_KEEP_DAYS (db/idempotency.ts) and purged by age whenever a new key
-- is stored; this index makes that purge a range read instead of a scan of every key ever seen.
CREATE INDEX idempotency_by_age ON idempotency (created_at);
