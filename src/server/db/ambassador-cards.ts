import { AmbassadorCardEdit } from '../../common/ambassador-card.ts';
import type { AmbassadorCardRepository, StaffAuditEntry } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';
import type { SqliteStaffAuditRepository } from './staff-audit.ts';

/** The ambassadors' own edits of their card, one row per subarea, checked with zod on the way out. */
export class SqliteAmbassadorCardRepository implements AmbassadorCardRepository {
  readonly sql = {
    all: 'SELECT subarea, data FROM ambassador_cards',
    put: `INSERT INTO ambassador_cards (subarea, data, updated_by, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (subarea) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by,
        updated_at = excluded.updated_at`,
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
    private readonly staffAudit: SqliteStaffAuditRepository,
  ) {
    this.s = { all: db.prepare(this.sql.all), put: db.prepare(this.sql.put) };
  }

  async all(): Promise<Map<string, AmbassadorCardEdit>> {
    const rows = this.s.all.all() as { subarea: string; data: string }[];
    return new Map(rows.map((r) => [r.subarea, AmbassadorCardEdit.parse(JSON.parse(r.data))]));
  }

  put(subarea: string, edit: AmbassadorCardEdit, audit: StaffAuditEntry): Promise<void> {
    return this.commit.run(() => {
      this.s.put.run(subarea, JSON.stringify(edit), audit.actor, audit.at);
      this.staffAudit.appendNow(audit);
    });
  }
}
