import type { PublishMode, SessionPatch } from '../../../common/sessions.ts';
import type { SubareaId } from '../../../common/subareas.ts';
import type { SessionRepository, SessionRow } from '../../store/types.ts';
import type { PgSql } from './sql.ts';

interface Row {
  code: string;
  name: string;
  subarea: string;
  date: string;
  publish_mode: string;
  closed: boolean;
  created_by: string;
  created_at: string;
}

// The CHECK constraints keep publish_mode to its values; subarea is validated on the way in.
const fromRow = (r: Row): SessionRow => ({
  code: r.code,
  name: r.name,
  subarea: r.subarea as SubareaId,
  date: r.date,
  publishMode: r.publish_mode as PublishMode,
  closed: r.closed,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export const SESSION_SQL = {
  // A taken code changes nothing: the primary key decides, even between two processes drawing the same code.
  insert: `INSERT INTO walk_sessions (code, name, subarea, date, publish_mode, closed, created_by, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING`,
  get: 'SELECT * FROM walk_sessions WHERE code = $1',
  list: 'SELECT * FROM walk_sessions ORDER BY date DESC, created_at DESC',
  // One statement for both fields: a field the patch leaves out (null) keeps its value.
  update: `UPDATE walk_sessions SET publish_mode = COALESCE($2, publish_mode), closed = COALESCE($3, closed)
    WHERE code = $1`,
} as const;

/** All SQL about walk sessions themselves (their pins: the point repository's listBySession). */
export class PgSessionRepository implements SessionRepository {
  constructor(private readonly sql: PgSql) {}

  async insert(s: SessionRow): Promise<boolean> {
    const params = [s.code, s.name, s.subarea, s.date, s.publishMode, s.closed, s.createdBy, s.createdAt];
    return (await this.sql.count(SESSION_SQL.insert, params)) === 1;
  }

  async get(code: string): Promise<SessionRow | undefined> {
    const [row] = await this.sql.rows<Row>(SESSION_SQL.get, [code]);
    return row && fromRow(row);
  }

  async list(): Promise<SessionRow[]> {
    return (await this.sql.rows<Row>(SESSION_SQL.list)).map(fromRow);
  }

  async update(code: string, patch: SessionPatch): Promise<void> {
    if (patch.publishMode === undefined && patch.closed === undefined) return;
    await this.sql.count(SESSION_SQL.update, [code, patch.publishMode ?? null, patch.closed ?? null]);
  }
}
