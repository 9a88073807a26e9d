// Types for cluster.mjs (plain JavaScript so it runs before anything is built), for the tests that import it.
export interface Cluster {
  /** The created database's address (what DATABASE_URL would be). */
  url: string;
  /** The `postgres` maintenance database, to create and drop more databases. */
  adminUrl: string;
  port: number;
  dir: string;
  /** PostgreSQL's bin directory (psql, pg_dump, pg_restore). */
  bin: string;
  /** Stops the server and deletes its data; safe to call twice. */
  stop: () => void;
}
export function ensurePostgres(): string;
export function freePort(): Promise<number>;
export function startCluster(options?: { database?: string; durable?: boolean; log?: boolean }): Promise<Cluster>;
