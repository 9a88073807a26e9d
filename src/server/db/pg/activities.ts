import { Activity, ActivityInput } from '../../../common/activities.ts';
import { ActivityAuditEntry, type ActivityRange, type ActivityRepository } from '../../store/types.ts';
import type { PgSql, Queryable } from './sql.ts';

interface Row {
  id: string;
  start_utc: string;
  end_utc: string;
  data: string;
  sequence: number;
  created_at: string;
  updated_at: string;
}

/** The stored JSON is the activity's input fields; a row edited by hand into something invalid fails loudly here. */
const StoredFields = ActivityInput;

function decode(row: Row): Activity {
  const fields = StoredFields.parse(JSON.parse(row.data));
  return Activity.parse({
    ...fields,
    id: row.id,
    startUtc: row.start_utc,
    endUtc: row.end_utc,
    sequence: row.sequence,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function fieldsOf(a: Activity): ActivityInput {
  const { id: _id, startUtc: _s, endUtc: _e, sequence: _q, createdAt: _c, updatedAt: _u, ...fields } = a;
  return fields;
}

// jsonb comes back as text, so the stored JSON goes through the same JSON.parse and zod checks as SQLite's.
const COLUMNS = 'id, start_utc, end_utc, data::text AS data, sequence, created_at, updated_at';

export const ACTIVITY_SQL = {
  list: `SELECT ${COLUMNS} FROM activities
    WHERE ($1::timestamptz IS NULL OR end_utc > $1) AND ($2::timestamptz IS NULL OR start_utc < $2)
      AND ($3::text IS NULL OR subarea = $3)
    ORDER BY start_utc, id COLLATE "C"`,
  get: `SELECT ${COLUMNS} FROM activities WHERE id = $1`,
  // The subarea and creation time stay those of the first save; the sequence is the caller's, stored as given.
  save: `INSERT INTO activities (id, subarea, start_utc, end_utc, data, sequence, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
    ON CONFLICT (id) DO UPDATE SET start_utc = excluded.start_utc, end_utc = excluded.end_utc,
      data = excluded.data, sequence = excluded.sequence, updated_at = excluded.updated_at`,
  remove: 'DELETE FROM activities WHERE id = $1',
  history: `SELECT at, actor, action, before::text AS before, after::text AS after FROM activity_audit
    WHERE activity_id = $1 ORDER BY id`,
  audit: `INSERT INTO activity_audit (at, actor, action, activity_id, before, after)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
} as const;

/** The ambassadors' calendar and its audit trail (every version before and after). */
export class PgActivityRepository implements ActivityRepository {
  constructor(private readonly sql: PgSql) {}

  async list(range: ActivityRange): Promise<Activity[]> {
    const rows = await this.sql.rows<Row>(ACTIVITY_SQL.list, [
      range.from ?? null,
      range.to ?? null,
      range.subarea ?? null,
    ]);
    return rows.map(decode);
  }

  async get(id: string): Promise<Activity | undefined> {
    const [row] = await this.sql.rows<Row>(ACTIVITY_SQL.get, [id]);
    return row && decode(row);
  }

  save(a: Activity, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    return this.sql.tx(async (q) => {
      await q.count(ACTIVITY_SQL.save, [
        a.id,
        a.subarea,
        a.startUtc,
        a.endUtc,
        JSON.stringify(fieldsOf(a)),
        a.sequence,
        a.createdAt,
        a.updatedAt,
      ]);
      await this.#audit(q, a.id, { ...audit, after: a });
    });
  }

  remove(id: string, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    return this.sql.tx(async (q) => {
      await q.count(ACTIVITY_SQL.remove, [id]);
      await this.#audit(q, id, { ...audit, after: null });
    });
  }

  async history(id: string): Promise<ActivityAuditEntry[]> {
    const rows = await this.sql.rows<{
      at: string;
      actor: string;
      action: string;
      before: string | null;
      after: string | null;
    }>(ACTIVITY_SQL.history, [id]);
    return rows.map((r) =>
      ActivityAuditEntry.parse({
        ...r,
        before: r.before && JSON.parse(r.before),
        after: r.after && JSON.parse(r.after),
      }),
    );
  }

  async #audit(q: Queryable, id: string, e: ActivityAuditEntry): Promise<void> {
    await q.count(ACTIVITY_SQL.audit, [
      e.at,
      e.actor,
      e.action,
      id,
      e.before && JSON.stringify(e.before),
      e.after && JSON.stringify(e.after),
    ]);
  }
}
