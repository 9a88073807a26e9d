import type pg from 'pg';
import type { PgPool } from './open.ts';

/** Anything that runs a statement: the pool (one statement, its own transaction) or a transaction's connection. */
export interface Queryable {
  /** The rows of one parameterised statement ($1, $2…). Values are never spliced into the SQL text. */
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** How many rows the statement changed (INSERT, UPDATE, DELETE). */
  count(text: string, params?: readonly unknown[]): Promise<number>;
}

const on = (q: pg.Pool | pg.PoolClient): Queryable => ({
  async rows<R>(text: string, params: readonly unknown[] = []) {
    return (await q.query(text, params as unknown[])).rows as R[];
  },
  async count(text: string, params: readonly unknown[] = []) {
    return (await q.query(text, params as unknown[])).rowCount ?? 0;
  },
});

/**
 * The PostgreSQL repositories' one way to the database. The pool may still be opening (migrations run first):
 * every call waits for it, so a store can be built synchronously, as the SQLite one is, and used at once.
 */
export class PgSql implements Queryable {
  readonly #pool: Promise<PgPool>;

  constructor(pool: PgPool | Promise<PgPool>) {
    this.#pool = Promise.resolve(pool);
    // A pool that failed to open fails every call with its reason; nothing is left unhandled meanwhile.
    this.#pool.catch(() => undefined);
  }

  pool(): Promise<PgPool> {
    return this.#pool;
  }

  async rows<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return on(await this.#pool).rows<R>(text, params);
  }

  async count(text: string, params?: readonly unknown[]): Promise<number> {
    return on(await this.#pool).count(text, params);
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws (the
   * error is passed on). The connection goes back to the pool either way; one that failed to roll back is dropped.
   */
  async tx<T>(work: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await (await this.#pool).connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(on(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * Taken first in a transaction that may change a published point (migration 004): versions of the public data then
 * become visible in the order they were numbered, and the lock order is always this lock, then rows.
 */
export const lockPublicChanges = (q: Queryable) => q.rows('SELECT lock_point_changes()');

/** A unique constraint was violated (SQLSTATE 23505): an ON CONFLICT the statement did not name. */
export const isUniqueViolation = (e: unknown): boolean => (e as { code?: string })?.code === '23505';
