import type { Db } from './open.ts';

export interface StoredPhoto {
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  createdAt: string;
}

/** All SQL about photos (docs/architecture.md: SQL stays in db/). */
export class PhotoStore {
  constructor(private readonly db: Db) {}

  put(pointId: string, p: StoredPhoto): void {
    this.db
      .prepare(
        `INSERT INTO photos (point_id, mime, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (point_id) DO UPDATE SET mime = excluded.mime, width = excluded.width, height = excluded.height,
           bytes = excluded.bytes, created_at = excluded.created_at`,
      )
      .run(pointId, p.mime, p.width, p.height, p.bytes, p.createdAt);
  }

  get(pointId: string): StoredPhoto | undefined {
    const row = this.db
      .prepare('SELECT mime, width, height, bytes, created_at AS createdAt FROM photos WHERE point_id = ?')
      .get(pointId) as StoredPhoto | undefined;
    return row;
  }

  delete(pointId: string): boolean {
    return this.db.prepare('DELETE FROM photos WHERE point_id = ?').run(pointId).changes === 1;
  }
}
