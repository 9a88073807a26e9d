import type { Db } from './open.ts';
import type { PublishMode, SessionPatch } from '../../shared/sessions.ts';
import type { SubareaId } from '../../shared/subareas.ts';

/** A walk session as stored. */
export interface SessionRow {
  code: string;
  name: string;
  subarea: SubareaId;
  date: string;
  publishMode: PublishMode;
  closed: boolean;
  createdBy: string;
  createdAt: string;
}

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

/** All SQL about walk sessions, including which points belong to one (docs/architecture.md: SQL stays in db/). */
export class SessionStore {
  constructor(private readonly db: Db) {}

  /** False when the code is taken (the caller draws another). */
  insert(s: SessionRow): boolean {
    const res = this.db
      .prepare(
        `INSERT OR IGNORE INTO walk_sessions (code, name, subarea, date, publish_mode, closed, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.code, s.name, s.subarea, s.date, s.publishMode, s.closed ? 1 : 0, s.createdBy, s.createdAt);
    return res.changes === 1;
  }

  get(code: string): SessionRow | undefined {
    const row = this.db.prepare('SELECT * FROM walk_sessions WHERE code = ?').get(code) as Row | undefined;
    return row && fromRow(row);
  }

  /** Newest walk first. */
  list(): SessionRow[] {
    const rows = this.db.prepare('SELECT * FROM walk_sessions ORDER BY date DESC, created_at DESC').all() as Row[];
    return rows.map(fromRow);
  }

  update(code: string, patch: SessionPatch): void {
    if (patch.publishMode !== undefined) {
      this.db.prepare('UPDATE walk_sessions SET publish_mode = ? WHERE code = ?').run(patch.publishMode, code);
    }
    if (patch.closed !== undefined) {
      this.db.prepare('UPDATE walk_sessions SET closed = ? WHERE code = ?').run(patch.closed ? 1 : 0, code);
    }
  }

  /** Ids of the session's points in one status, oldest first (rowid breaks ties within a millisecond). */
  pointIds(code: string, status: string): string[] {
    return this.db
      .prepare(
        `SELECT id FROM points WHERE json_extract(data, '$.session') = ? AND status = ? ORDER BY created_at, rowid`,
      )
      .pluck()
      .all(code, status) as string[];
  }

  countsByStatus(code: string): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT status, COUNT(*) AS n FROM points WHERE json_extract(data, '$.session') = ? GROUP BY status`)
      .all(code) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
