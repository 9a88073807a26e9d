import { Activity, ActivityInput } from '../../common/activities.ts';
import { ActivityAuditEntry, type ActivityRange, type ActivityRepository } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';

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

export class SqliteActivityRepository implements ActivityRepository {
  readonly sql = {
    list: `SELECT * FROM activities
      WHERE (@from IS NULL OR end_utc > @from) AND (@to IS NULL OR start_utc < @to)
        AND (@subarea IS NULL OR subarea = @subarea)
      ORDER BY start_utc, id`,
    get: 'SELECT * FROM activities WHERE id = ?',
    save: `INSERT INTO activities (id, subarea, start_utc, end_utc, data, sequence, created_at, updated_at)
      VALUES (@id, @subarea, @startUtc, @endUtc, @data, @sequence, @createdAt, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET start_utc = excluded.start_utc, end_utc = excluded.end_utc,
        data = excluded.data, sequence = excluded.sequence, updated_at = excluded.updated_at`,
    remove: 'DELETE FROM activities WHERE id = ?',
    history: 'SELECT at, actor, action, before, after FROM activity_audit WHERE activity_id = ? ORDER BY id',
    audit: 'INSERT INTO activity_audit (at, actor, action, activity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      list: p(this.sql.list),
      get: p(this.sql.get),
      save: p(this.sql.save),
      remove: p(this.sql.remove),
      history: p(this.sql.history),
      audit: p(this.sql.audit),
    };
  }

  async list(range: ActivityRange): Promise<Activity[]> {
    const rows = this.s.list.all({
      from: range.from ?? null,
      to: range.to ?? null,
      subarea: range.subarea ?? null,
    }) as Row[];
    return rows.map(decode);
  }

  async get(id: string): Promise<Activity | undefined> {
    const row = this.s.get.get(id) as Row | undefined;
    return row && decode(row);
  }

  save(a: Activity, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    return this.commit.run(() => {
      this.s.save.run({
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
    });
  }

  remove(id: string, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void> {
    return this.commit.run(() => {
      this.s.remove.run(id);
      this.#audit(id, { ...audit, after: null });
    });
  }

  async history(id: string): Promise<ActivityAuditEntry[]> {
    const rows = this.s.history.all(id) as {
      at: string;
      actor: string;
      action: string;
      before: string | null;
      after: string | null;
    }[];
    return rows.map((r) =>
      ActivityAuditEntry.parse({
        ...r,
        before: r.before && JSON.parse(r.before),
        after: r.after && JSON.parse(r.after),
      }),
    );
  }

  #audit(id: string, e: ActivityAuditEntry): void {
    this.s.audit.run(
      e.at,
      e.actor,
      e.action,
      id,
      e.before && JSON.stringify(e.before),
      e.after && JSON.stringify(e.after),
    );
  }
}
