import type { PublishMode, SessionPatch } from '../../common/sessions.ts';
import type { SubareaId } from '../../common/subareas.ts';
import type { SessionRepository, SessionRow } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';

interface Row {
  code: string;
  name: string;
  subarea: string;
  date: string;
  publish_mode: string;
  closed: number;
  created_by: string;
  created_at: string;
}

// The CHECK constraints keep publish_mode and closed to their values; subarea is validated on the way in.
const fromRow = (r: Row): SessionRow => ({
  code: r.code,
  name: r.name,
  subarea: r.subarea as SubareaId,
  date: r.date,
  publishMode: r.publish_mode as PublishMode,
  closed: r.closed === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** All SQL about walk sessions themselves (their pins: SqlitePointRepository.listBySession). */
export class SqliteSessionRepository implements SessionRepository {
  readonly sql = {
    insert: `INSERT OR IGNORE INTO walk_sessions (code, name, subarea, date, publish_mode, closed, created_by,
      created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    get: 'SELECT * FROM walk_sessions WHERE code = ?',
    list: 'SELECT * FROM walk_sessions ORDER BY date DESC, created_at DESC',
    publishMode: 'UPDATE walk_sessions SET publish_mode = ? WHERE code = ?',
    closed: 'UPDATE walk_sessions SET closed = ? WHERE code = ?',
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
  ) {
    this.s = {
      insert: db.prepare(this.sql.insert),
      get: db.prepare<[string], Row>(this.sql.get),
      list: db.prepare<[], Row>(this.sql.list),
      publishMode: db.prepare(this.sql.publishMode),
      closed: db.prepare(this.sql.closed),
    };
  }

  insert(s: SessionRow): Promise<boolean> {
    return this.commit.run(
      () =>
        this.s.insert.run(s.code, s.name, s.subarea, s.date, s.publishMode, s.closed ? 1 : 0, s.createdBy, s.createdAt)
          .changes === 1,
    );
  }

  async get(code: string): Promise<SessionRow | undefined> {
    const row = this.s.get.get(code);
    return row && fromRow(row);
  }

  async list(): Promise<SessionRow[]> {
    return this.s.list.all().map(fromRow);
  }

  update(code: string, patch: SessionPatch): Promise<void> {
    return this.commit.run(() => {
      if (patch.publishMode !== undefined) this.s.publishMode.run(patch.publishMode, code);
      if (patch.closed !== undefined) this.s.closed.run(patch.closed ? 1 : 0, code);
    });
  }
}
