import type { IdempotencyRepository, IdempotencyRow, Replay } from '../../store/types.ts';
import { IDEMPOTENCY_KEEP_DAYS } from '../idempotency.ts';
import type { PgSql, Queryable } from './sql.ts';

/**
 * The claim of a key: its row's values from `values` (a VALUES list, or a SELECT when the point is inserted by the
 * same statement, pg/points.ts), a row older than the parameter `keptSince` taken over. Returns the key when claimed.
 */
export const claimSql = (values: string, keptSince: string) =>
  `INSERT INTO idempotency AS i (key_hash, point_id, body_hash, token_ciphertext, created_at)
      ${values}
      ON CONFLICT (key_hash) DO UPDATE SET point_id = EXCLUDED.point_id, body_hash = EXCLUDED.body_hash,
        token_ciphertext = EXCLUDED.token_ciphertext, created_at = EXCLUDED.created_at
      WHERE i.created_at < ${keptSince}
      RETURNING key_hash`;

/**
 * Idempotency-Key replays for the offline outbox (see db/idempotency.ts for why the row holds sha256(key) and the
 * edit token sealed with the key itself).
 */
export class PgIdempotencyRepository implements IdempotencyRepository {
  readonly sql = {
    // The primary key on key_hash decides: of two submissions with one key, exactly one inserts a row. A second one
    // running at the same time waits for the first to commit or roll back, then skips or inserts accordingly. A row
    // past the keep period ($6, not swept yet) is taken over as if it were not there.
    claim: claimSql('VALUES ($1, $2, $3, $4, $5)', '$6'),
    find: `SELECT point_id AS "pointId", body_hash AS "bodyHash", token_ciphertext AS "tokenCiphertext"
      FROM idempotency WHERE key_hash = $1 AND created_at >= $2`,
    purge: 'DELETE FROM idempotency WHERE created_at < $1',
  };
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: PgSql) {}

  /**
   * Forgets keys first seen more than IDEMPOTENCY_KEEP_DAYS before `at`: at most once a minute per instance, in a
   * statement of its own. It used to run inside every point's transaction, twice: two more round trips per
   * submission, and concurrent submissions deleting the same expired rows waited for each other's commits.
   * Reads and claims skip expired rows themselves, so a key is forgotten on time whenever the sweep runs.
   */
  async sweep(at: string): Promise<void> {
    const now = Date.parse(at);
    if (Math.abs(now - this.#lastSweep) < 60_000) return;
    this.#lastSweep = now;
    await this.db.count(this.sql.purge, [keptSince(at)]);
  }

  /**
   * Inside the point's insert transaction (`q`), before the insert: the row of a committed submission holding the
   * key, unless it is past the keep period. Only a shortcut: `claim` still decides between submissions racing
   * each other.
   */
  async holder(q: Queryable, keyHash: string, at: string): Promise<IdempotencyRow | undefined> {
    return (await q.rows<IdempotencyRow>(this.sql.find, [keyHash, keptSince(at)]))[0];
  }

  /**
   * Inside the point's insert transaction (`q`), after the insert (the key's row refers to the point): stores the
   * key, or returns the row of the submission that holds it (the caller then rolls its insert back). A row past the
   * keep period is replaced. The earlier row is read by a statement of its own, so under READ COMMITTED it sees the
   * holder's commit that the INSERT waited for.
   */
  async claim(q: Queryable, r: Replay, at: string): Promise<IdempotencyRow | undefined> {
    const since = keptSince(at);
    // The holder may be erased between the two statements (SQLite's single writer rules that out): then try again.
    for (let attempt = 0; ; attempt++) {
      const claimed = await q.rows(this.sql.claim, [r.keyHash, r.pointId, r.bodyHash, r.tokenCiphertext, at, since]);
      if (claimed.length === 1) return undefined;
      const earlier = (await q.rows<IdempotencyRow>(this.sql.find, [r.keyHash, since]))[0];
      if (earlier || attempt === 2) return earlier;
    }
  }

  async purgeBefore(cutoff: string): Promise<number> {
    return this.db.count(this.sql.purge, [cutoff]);
  }
}

/** The oldest first-seen time a key is still remembered at, `at` being now. */
export const keptSince = (at: string) => new Date(Date.parse(at) - IDEMPOTENCY_KEEP_DAYS * 86_400_000).toISOString();
