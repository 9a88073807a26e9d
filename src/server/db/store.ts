import type { Store } from '../store/types.ts';
import { writeProbe, type Db } from './open.ts';
import { GroupCommit } from './group-commit.ts';
import { SqliteAuditRepository } from './audit.ts';
import { SqliteIdempotencyRepository } from './idempotency.ts';
import { SqlitePointRepository } from './points.ts';
import { SqliteVoteRepository } from './votes.ts';
import { SqlitePhotoRepository } from './photos.ts';
import { SqliteChangeLog } from './changes.ts';
import { SqliteSessionRepository } from './sessions.ts';
import { SqliteAuthRepository } from './auth.ts';
import { SqliteStaffAuditRepository } from './staff-audit.ts';
import { SqliteContactRequestRepository } from './contact-requests.ts';
import { SqliteAmbassadorCardRepository } from './ambassador-cards.ts';
import { SqliteActivityRepository } from './activities.ts';
import { SqliteAddressRepository } from './addresses.ts';

/** The SQLite store: the repositories over one open database (db/open.ts), every write through one group commit. */
export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  readonly points: SqlitePointRepository;
  readonly changes: SqliteChangeLog;
}

export function sqliteStore(db: Db): SqliteStore {
  const commit = new GroupCommit(db);
  const audit = new SqliteAuditRepository(db);
  const idempotency = new SqliteIdempotencyRepository(db);
  const points = new SqlitePointRepository(db, commit, audit, idempotency);
  const staffAudit = new SqliteStaffAuditRepository(db, commit);
  const writeProblem = writeProbe(db);
  // See db/open.ts checkpointWal: after an erasure the -wal file must not keep the erased bytes.
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
  return {
    engine: 'sqlite',
    points,
    audit,
    idempotency,
    votes: new SqliteVoteRepository(db, commit),
    photos: new SqlitePhotoRepository(db, commit, points),
    changes: new SqliteChangeLog(db),
    sessions: new SqliteSessionRepository(db, commit),
    auth: new SqliteAuthRepository(db, commit),
    staffAudit,
    contactRequests: new SqliteContactRequestRepository(db, commit, staffAudit),
    ambassadorCards: new SqliteAmbassadorCardRepository(db, commit, staffAudit),
    activities: new SqliteActivityRepository(db, commit),
    addresses: new SqliteAddressRepository(db),
    async writeProblem() {
      return writeProblem();
    },
    async afterErasure() {
      checkpoint.run();
    },
    async close() {
      // An empty write lands in the batch after every write already queued: once it is done, so are they.
      await commit.run(() => undefined);
      db.close();
    },
  };
}
