import type { PhotoRepository, PointWrite, StoredPhoto } from '../store/types.ts';
import type { Db } from './open.ts';
import type { GroupCommit } from './group-commit.ts';
import type { SqlitePointRepository } from './points.ts';

/** All SQL about photos; a photo and its point's metadata are written in one transaction. */
export class SqlitePhotoRepository implements PhotoRepository {
  readonly sql = {
    put: `INSERT INTO photos (point_id, mime, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (point_id) DO UPDATE SET mime = excluded.mime, width = excluded.width, height = excluded.height,
        bytes = excluded.bytes, created_at = excluded.created_at`,
    get: 'SELECT mime, width, height, bytes, created_at AS createdAt FROM photos WHERE point_id = ?',
    remove: 'DELETE FROM photos WHERE point_id = ?',
  };
  private readonly s;

  constructor(
    db: Db,
    private readonly commit: GroupCommit,
    private readonly points: SqlitePointRepository,
  ) {
    this.s = { put: db.prepare(this.sql.put), get: db.prepare(this.sql.get), remove: db.prepare(this.sql.remove) };
  }

  async get(pointId: string): Promise<StoredPhoto | undefined> {
    return this.s.get.get(pointId) as StoredPhoto | undefined;
  }

  put(pointId: string, p: StoredPhoto, write: PointWrite): Promise<void> {
    return this.commit.run(() => {
      this.s.put.run(pointId, p.mime, p.width, p.height, p.bytes, p.createdAt);
      this.points.writeNow(write);
    });
  }

  remove(pointId: string, write: PointWrite): Promise<void> {
    return this.commit.run(() => {
      this.s.remove.run(pointId);
      this.points.writeNow(write);
    });
  }
}
