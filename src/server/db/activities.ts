import { z } from 'zod';
import { Activity, ActivityInput } from '../../shared/activities.ts';
import type { SubareaId } from '../../shared/subareas.ts';
import type { Db } from './open.ts';

export interface ActivityRange {
  subarea?: SubareaId;
  /** ISO instants: activities ending after `from` and starting before `to`. */
  from?: string;
  to?: string;
}

export const ActivityAuditEntry = z.strictObject({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: Activity.nullable(),
  after: Activity.nullable(),
});
export type ActivityAuditEntry = z.infer<typeof ActivityAuditEntry>;

/** Storage of activities and their audit trail; async so another engine can implement it. Routes never see SQL. */
export interface ActivityRepository {
  list(range: ActivityRange): Promise<Activity[]>;
  get(id: string): Promise<Activity | undefined>;
  /** Writes the activity (insert or replace) and its audit entry in one transaction. */
  save(activity: Activity, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void>;
  remove(id: string, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void>;
  history(id: string): Promise<ActivityAuditEntry[]>;
}

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

export class SqliteActivityStore implements ActivityRepository {
  constructor(private readonly db: Db) {}

  async list(range: ActivityRange): Promise<Activity[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM activities
         WHERE (@from IS NULL OR end_utc > @from) AND (@to IS NULL OR start_utc < @to)
           AND (@subarea IS NULL OR subarea = @subarea)
         ORDER BY start_utc, id`,
      )
      .all({ from: range.from ?? null, to: range.to ?? null, subarea: range.subarea ?? null }) as Row[];
    return rows.map(decode);
  }

  async get(id: string): Promise<Activity | undefined> {
    const row = this.db.prepare('SELECT * FROM activities WHERE id = ?').get(id) as Row | undefined;
    return row && decode(row);
  }

  async save(a: Activity, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO activities (id, subarea, start_utc, end_utc, data, sequence, created_at, updated_at)
           VALUES (@id, @subarea, @startUtc, @endUtc, @data, @sequence, @createdAt, @updatedAt)
           ON CONFLICT (id) DO UPDATE SET start_utc = excluded.start_utc, end_utc = excluded.end_utc,
             data = excluded.data, sequence = excluded.sequence, updated_at = excluded.updated_at`,
        )
        .run({
          id: a.id,
          subarea: a.subarea,
          startUtc: a.startUtc,
          endUtc: a.endUtc,
          data: JSON.stringify(fieldsOf(a)),
          sequence: a.sequence,
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
        });
      this.#audit(a.id, { ...audit, after: a });
    })();
  }

  async remove(id: string, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM activities WHERE id = ?').run(id);
      this.#audit(id, { ...audit, after: null });
    })();
  }

  async history(id: string): Promise<ActivityAuditEntry[]> {
    const rows = this.db
      .prepare('SELECT at, actor, action, before, after FROM activity_audit WHERE activity_id = ? ORDER BY id')
      .all(id) as { at: string; actor: string; action: string; before: string | null; after: string | null }[];
    return rows.map((r) =>
      ActivityAuditEntry.parse({
        ...r,
        before: r.before && JSON.parse(r.before),
        after: r.after && JSON.parse(r.after),
      }),
    );
  }

  #audit(id: string, e: ActivityAuditEntry): void {
    this.db
      .prepare('INSERT INTO activity_audit (at, actor, action, activity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, id, e.before && JSON.stringify(e.before), e.after && JSON.stringify(e.after));
  }
}
