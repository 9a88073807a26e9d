import type { IdempotencyRepository, IdempotencyRow, Replay } from '../store/types.ts';
import type { Db } from './open.ts';

/**
 * How long a key can be replayed. An outbox retries as soon as the device is back online, so a retry arrives within
 * hours or days; after this, rows only grow the database (and a late retry would be stored as a new point).
 */
export const IDEMPOTENCY_KEEP_DAYS = 30;

/**
 * Idempotency-Key replays for the offline outbox: the same key must return the same answer, edit token
 * included, or a resident whose first answer was lost on a flaky connection could never edit their pin.
 * The token is needed in clear to replay, but storing it in clear would defeat keeping only its hash on the point.
 * So the row holds sha256(key) for lookup and the token sealed with a key derived from the Idempotency-Key itself
 * (crypto.ts sealWith): the server cannot decrypt it without the client presenting the key again, and a copy of the
 * database alone reveals no edit token. Keys must be long and random (a UUID), which the route enforces.
 */
export class SqliteIdempotencyRepository implements IdempotencyRepository {
  readonly sql = {
    // The primary key on key_hash decides: of two submissions with one key, exactly one inserts a row.
    claim: `INSERT INTO idempotency (key_hash, point_id, body_hash, token_ciphertext, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (key_hash) DO NOTHING`,
    find: `SELECT point_id AS pointId, body_hash AS bodyHash, token_ciphertext AS tokenCiphertext
      FROM idempotency WHERE key_hash = ?`,
    purge: 'DELETE FROM idempotency WHERE created_at < ?',
  };
  private readonly claimKey;
  private readonly find;
  private readonly purge;

  constructor(db: Db) {
    this.claimKey = db.prepare(this.sql.claim);
    this.find = db.prepare<[string], IdempotencyRow>(this.sql.find);
    this.purge = db.prepare(this.sql.purge);
  }

  /**
   * Synchronous, inside the point's insert: stores the key, or returns the row of the submission that holds it
   * (the caller then rolls its insert back). Keys first seen more than IDEMPOTENCY_KEEP_DAYS before `at` are
   * forgotten on the way (an index range, migration 006).
   */
  claim(r: Replay, at: string): IdempotencyRow | undefined {
    this.purge.run(new Date(Date.parse(at) - IDEMPOTENCY_KEEP_DAYS * 86_400_000).toISOString());
    if (this.claimKey.run(r.keyHash, r.pointId, r.bodyHash, r.tokenCiphertext, at).changes === 1) return undefined;
    return this.find.get(r.keyHash);
  }

  async purgeBefore(cutoff: string): Promise<number> {
    return this.purge.run(cutoff).changes;
  }
}
