import type { PhotoRepository, PointWrite, StoredPhoto } from '../../store/types.ts';
import { lockPublicChanges, type PgSql } from './sql.ts';
import type { PgPointRepository } from './points.ts';

/** All SQL about photos (bytea); a photo and its point's metadata are written in one transaction. */
export class PgPhotoRepository implements PhotoRepository {
  readonly sql = {
    put: `INSERT INTO photos (point_id, mime, width, height, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (point_id) DO UPDATE SET mime = excluded.mime, width = excluded.width, height = excluded.height,
        bytes = excluded.bytes, created_at = excluded.created_at`,
    get: 'SELECT mime, width, height, bytes, created_at AS "createdAt" FROM photos WHERE point_id = $1',
    remove: 'DELETE FROM photos WHERE point_id = $1',
  };

  constructor(
    private readonly db: PgSql,
    private readonly points: PgPointRepository,
  ) {}

  async get(pointId: string): Promise<StoredPhoto | undefined> {
    return (await this.db.rows<StoredPhoto>(this.sql.get, [pointId]))[0];
  }

  put(pointId: string, p: StoredPhoto, write: PointWrite): Promise<void> {
    return this.db.tx(async (q) => {
      // The point's new state may be public: the version lock before the photo row and the point row.
      await lockPublicChanges(q);
      await q.count(this.sql.put, [pointId, p.mime, p.width, p.height, p.bytes, p.createdAt]);
      await this.points.writeNow(q, write);
    });
  }

  remove(pointId: string, write: PointWrite): Promise<void> {
    return this.db.tx(async (q) => {
      await lockPublicChanges(q);
      await q.count(this.sql.remove, [pointId]);
      await this.points.writeNow(q, write);
    });
  }
}
