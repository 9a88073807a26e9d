import type { Store } from '../../store/types.ts';
import type { PgPool } from './open.ts';
import { PgSql } from './sql.ts';
import { PgAuditRepository } from './audit.ts';
import { PgIdempotencyRepository } from './idempotency.ts';
import { PgPointRepository } from './points.ts';
import { PgVoteRepository } from './votes.ts';
import { PgPhotoRepository } from './photos.ts';
import { PgChangeLog } from './changes.ts';
import { PgSessionRepository } from './sessions.ts';
import { PgAuthRepository } from './auth.ts';
import { PgStaffAuditRepository } from './staff-audit.ts';
import { PgContactRequestRepository } from './contact-requests.ts';
import { PgAmbassadorCardRepository } from './ambassador-cards.ts';
import { PgActivityRepository } from './activities.ts';
import { PgAddressRepository } from './addresses.ts';

/** The PostgreSQL store: the same repositories as SQLite's over one pool (several app instances may share it). */
export interface PgStore extends Store {
  readonly engine: 'postgres';
  /** For what lives beside the repositories on the same database: shared rate limits, the event bus. */
  readonly sql: PgSql;
}

/**
 * `pool` may still be opening (migrations first): the store can be handed to createApp at once, and its first query
 * waits. Unlike SQLite there is no group commit: PostgreSQL runs concurrent transactions itself, and every
 * repository write is one transaction that is durable when its promise resolves (synchronous_commit stays on).
 */
export function pgStore(pool: PgPool | Promise<PgPool>): PgStore {
  const sql = new PgSql(pool);
  const audit = new PgAuditRepository(sql);
  const idempotency = new PgIdempotencyRepository(sql);
  const points = new PgPointRepository(sql, audit, idempotency);
  const staffAudit = new PgStaffAuditRepository(sql);
  return {
    engine: 'postgres',
    sql,
    points,
    audit,
    idempotency,
    votes: new PgVoteRepository(sql),
    photos: new PgPhotoRepository(sql, points),
    changes: new PgChangeLog(sql),
    sessions: new PgSessionRepository(sql),
    auth: new PgAuthRepository(sql),
    staffAudit,
    contactRequests: new PgContactRequestRepository(sql, staffAudit),
    ambassadorCards: new PgAmbassadorCardRepository(sql, staffAudit),
    activities: new PgActivityRepository(sql),
    addresses: new PgAddressRepository(sql),
    async writeProblem() {
      // A real write, rolled back: a read answers happily on a read-only replica or a full disk.
      try {
        await sql.tx(async (q) => {
          await q.count(`UPDATE app_meta SET value = value WHERE key = 'created_at'`);
          throw new RolledBack();
        });
      } catch (e) {
        if (e instanceof RolledBack) return undefined;
        return `the database refuses writes: ${(e as Error).message}`;
      }
      return undefined;
    },
    async afterErasure() {
      // Deleted rows stay in the table's pages until VACUUM reclaims them; a plain VACUUM (no lock on readers) makes
      // the space reusable so the erased bytes are overwritten by later rows. Backups made before keep them until
      // they expire (README: Deployment, backups).
      await sql.count('VACUUM points, photos, votes, contact_requests, idempotency');
    },
    async close() {
      await (await sql.pool()).end();
    },
  };
}

/** Ends the write probe's transaction without committing it. */
class RolledBack extends Error {}
