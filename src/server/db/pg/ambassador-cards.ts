import { AmbassadorCardEdit } from '../../../common/ambassador-card.ts';
import type { AmbassadorCardRepository, StaffAuditEntry } from '../../store/types.ts';
import type { PgSql } from './sql.ts';
import type { PgStaffAuditRepository } from './staff-audit.ts';

export const AMBASSADOR_CARD_SQL = {
  // As text, so the stored JSON goes through the same JSON.parse and zod check as SQLite's.
  all: 'SELECT subarea, data::text AS data FROM ambassador_cards ORDER BY subarea COLLATE "C"',
  put: `INSERT INTO ambassador_cards (subarea, data, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, $4)
    ON CONFLICT (subarea) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by,
      updated_at = excluded.updated_at`,
} as const;

/** The ambassadors' own edits of their card, one row per subarea, checked with zod on the way out. */
export class PgAmbassadorCardRepository implements AmbassadorCardRepository {
  constructor(
    private readonly sql: PgSql,
    private readonly staffAudit: PgStaffAuditRepository,
  ) {}

  async all(): Promise<Map<string, AmbassadorCardEdit>> {
    const rows = await this.sql.rows<{ subarea: string; data: string }>(AMBASSADOR_CARD_SQL.all);
    return new Map(rows.map((r) => [r.subarea, AmbassadorCardEdit.parse(JSON.parse(r.data))]));
  }

  put(subarea: string, edit: AmbassadorCardEdit, audit: StaffAuditEntry): Promise<void> {
    return this.sql.tx(async (q) => {
      await q.count(AMBASSADOR_CARD_SQL.put, [subarea, JSON.stringify(edit), audit.actor, audit.at]);
      await this.staffAudit.append(q, [audit]);
    });
  }
}
