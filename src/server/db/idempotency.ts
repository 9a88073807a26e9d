import type { Db } from './open.ts';

/**
 * How long a key can be replayed. An outbox retries as soon as the device is back online, so a retry arrives within
 * hours or days; after this, rows only grow the database (and a late retry would be stored as a new point).
 */
const IDEMPOTENCY_KEEP_DAYS = 30;

/**
 * Idempotency-Key replays for the offline outbox: the same key must return the same answer, edit token
 * included, or a resident whose first answer was lost on a flaky connection could never edit their pin.
 * The token is needed in clear to replay, but storing it in clear would defeat keeping only its hash on the point.
 * So the row holds sha256(key) for lookup and the token sealed with a key derived from the Idempotency-Key itself
 * (crypto.ts sealWith): the server cannot decrypt it without the client presenting the key again, and a copy of the
 * database alone reveals no edit token. Keys must be long and random (a UUID), which the route enforces.
 */
export interface IdempotencyRow {
  pointId: string;
  bodyHash: string;
  tokenCiphertext: string;
}

export class IdempotencyStore {
  constructor(private readonly db: Db) {}

  find(keyHash: string): IdempotencyRow | undefined {
    return this.db
      .prepare(
        `SELECT point_id AS pointId, body_hash AS bodyHash, token_ciphertext AS tokenCiphertext
         FROM idempotency WHERE key_hash = ?`,
      )
      .get(keyHash) as IdempotencyRow | undefined;
  }

  /**
   * Stores a new key, and forgets those first seen more than IDEMPOTENCY_KEEP_DAYS before `now` (an index range,
   * migration 006).
   */
  insert(keyHash: string, row: IdempotencyRow, now: string): void {
    const cutoff = new Date(Date.parse(now) - IDEMPOTENCY_KEEP_DAYS * 86_400_000).toISOString();
    this.db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(cutoff);
    this.db
      .prepare(
        'INSERT INTO idempotency (key_hash, point_id, body_hash, token_ciphertext, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(keyHash, row.pointId, row.bodyHash, row.tokenCiphertext, now);
  }
}
