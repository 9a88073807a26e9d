-- 005: what several app instances behind one address must share and SQLite's single process keeps in memory.

-- Fixed-window abuse counters per client address (middleware/rate-limit.ts): one counter for every instance, so a
-- client cannot multiply its allowance by the number of instances. Expired rows are deleted as new ones come.
CREATE TABLE rate_limits (
  key      text PRIMARY KEY,
  count    integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_expiry ON rate_limits (reset_at);

-- Messages to the other instances' SSE clients that do not fit a NOTIFY payload (8,000 bytes; a help offer with long
-- texts can exceed it): the notification then carries only the row's id. Rows older than a minute are deleted.
CREATE TABLE bus_messages (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message jsonb NOT NULL,
  at      timestamptz NOT NULL DEFAULT now()
);
