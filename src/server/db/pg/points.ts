import type { Layer, PointStatus } from '../../../common/points.ts';
import type { SubareaCounts } from '../../../common/subareas.ts';
import type {
  AuditInput,
  CreateOutcome,
  IdempotencyRow,
  PointRepository,
  PointWrite,
  PublishedFilter,
  Replay,
  StoredPoint,
} from '../../store/types.ts';
import {
  DecodedRows,
  layerData,
  tilePoint,
  type PointRow,
  type TilePoint,
  type TileRow,
} from '../../store/point-rows.ts';
import { lockPublicChanges, type PgSql, type Queryable } from './sql.ts';
import { auditParams, auditSql, type PgAuditRepository } from './audit.ts';
import { claimSql, keptSince, type PgIdempotencyRepository } from './idempotency.ts';

// The columns DecodedRows reads, by their contract names: jsonb as its text (the decoder parses and caches by it),
// never the generated geometries. Votes are counted per row, as on SQLite.
const SELECT = `SELECT p.id, p.layer, p.status, p.lng, p.lat, p.public_lng, p.public_lat, p.subarea,
    p.data::text AS data, p.edit_token_hash, p.reject_reason, p.created_at, p.updated_at, p.confirmed_at,
    (SELECT COUNT(*) FROM votes v WHERE v.point_id = p.id) AS votes
  FROM points p`;
// Byte order for the tie-break, as SQLite compares text, whatever collation the database was created with.
const ORDER = 'ORDER BY p.created_at, p.id COLLATE "C"';
// What a tile draws (store/point-rows.ts, TileRow).
const TILE_SELECT = `SELECT p.id, p.public_lng AS lng, p.public_lat AS lat, p.subarea,
      p.data ->> 'kind' AS kind, p.data -> 'kinds' ->> 0 AS "firstKind",
      p.data ->> 'theme' AS theme, p.data ->> 'helperType' AS "helperType", (p.data -> 'paused')::boolean AS paused,
      p.confirmed_at AS "confirmedAt", p.created_at AS "createdAt"
    FROM points p`;
// `data ? 'session'` is the session index's predicate: without it the planner may not use that partial index.
const SESSION = `p.data ? 'session' AND p.data ->> 'session'`;
// The GiST index on public_position finds the candidates (its boxes are float4, so a point a hair outside the box
// can match); the BETWEENs then decide exactly as SQLite does, edges included.
const IN_BOX = `p.public_position && ST_MakeEnvelope($2, $3, $4, $5, 4326)
    AND p.public_lng BETWEEN $2 AND $4 AND p.public_lat BETWEEN $3 AND $5`;

const INSERT_POINT = `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data,
    edit_token_hash, reject_reason, created_at, updated_at, confirmed_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14)`;
// The same row, inserted only when the CTE `c` returned a row: typed, since a SELECT list does not take its types
// from the target columns as VALUES does.
const INSERT_POINT_IF_CLAIMED = `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data,
    edit_token_hash, reject_reason, created_at, updated_at, confirmed_at)
    SELECT $1::text, $2::text, $3::text, $4::float8, $5::float8, $6::float8, $7::float8, $8::text, $9::jsonb,
      $10::text, $11::text, $12::timestamptz, $13::timestamptz, $14::timestamptz FROM c`;
const INSERT_AUDIT = auditSql('SELECT $15::timestamptz, $16::text, $17::text, p.id, $18::text, $19::jsonb FROM p');

/** Thrown inside a create to roll its transaction back when the Idempotency-Key is taken; never leaves this file. */
class KeyTaken extends Error {
  constructor(readonly earlier: IdempotencyRow) {
    super('Idempotency-Key taken');
  }
}

/** Every statement's SQL; exposed so tests can EXPLAIN the very statements the store runs. */
export const PG_POINT_SQL = {
  get: `${SELECT} WHERE p.id = $1`,
  // One statement per combination of filters, so each can use its index (a `$n IS NULL OR` would defeat it).
  published: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' ${ORDER}`,
  publishedInSubarea: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' AND p.subarea = $2 ${ORDER}`,
  // bbox [west, south, east, north] is $2..$5.
  publishedInBox: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' AND ${IN_BOX} ${ORDER}`,
  publishedInSubareaAndBox: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' AND p.subarea = $6
    AND ${IN_BOX} ${ORDER}`,
  // The newest first; the count is the last parameter.
  newest: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' ORDER BY p.created_at DESC, p.id COLLATE "C" DESC LIMIT $2`,
  newestInSubarea: `${SELECT} WHERE p.layer = $1 AND p.status = 'published' AND p.subarea = $2
    ORDER BY p.created_at DESC, p.id COLLATE "C" DESC LIMIT $3`,
  // What a tile draws (store/point-rows.ts, TileRow), without the votes subquery or the JSON decode of each row.
  forTiles: `${TILE_SELECT} WHERE p.layer = $1 AND p.status = 'published' ${ORDER}`,
  // The same columns of the pins with these ids (those changed since a tile index was built).
  forTilesByIds: `${TILE_SELECT} WHERE p.id = ANY($2::text[]) AND p.layer = $1 AND p.status = 'published'`,
  byStatus: `${SELECT} WHERE p.status = $1 ${ORDER}`,
  // seq (insertion order, SQLite's rowid) breaks ties within a millisecond; the order matches the session index.
  bySession: `${SELECT} WHERE ${SESSION} = $1 AND p.status = $2 ORDER BY p.created_at, p.seq`,
  countsBySession: `SELECT p.status, COUNT(*) AS n FROM points p WHERE ${SESSION} = $1 GROUP BY p.status`,
  countsBySubarea: `SELECT subarea, layer, data ->> 'kind' AS kind, COUNT(*) AS n FROM points
    WHERE status = 'published' AND subarea IS NOT NULL GROUP BY subarea, layer, kind
    ORDER BY subarea COLLATE "C", layer, kind`,
  insert: INSERT_POINT,
  // The point and its audit entry in one statement (a data-modifying CTE): one round trip instead of two. The audit
  // columns are $15–$19, as in PgAuditRepository.append.
  insertAudited: `WITH p AS (${INSERT_POINT} RETURNING id) ${INSERT_AUDIT}`,
  // …and the Idempotency-Key's row ($20 key hash, $21 body hash, $22 sealed token, $23 kept since), claimed as
  // PgIdempotencyRepository.claim does (the same claimSql): 0 rows claimed means an earlier submission holds it.
  insertAuditedClaimed: `WITH p AS (${INSERT_POINT} RETURNING id),
    a AS (${INSERT_AUDIT}),
    c AS (${claimSql('SELECT $20::text, p.id, $21::text, $22::text, $12::timestamptz FROM p', '$23::timestamptz')})
    SELECT count(*)::int AS claimed FROM c`,
  // The key claimed first, and the point with its audit entry only if it was: a statement that writes all three or
  // nothing, so it needs no transaction around it (BEGIN and COMMIT would be two more round trips). The key's row
  // names the point's id ($1) before the point exists; its foreign key is checked at the end of the statement.
  claimThenInsertAudited: `WITH c AS (${claimSql('SELECT $20::text, $1::text, $21::text, $22::text, $12::timestamptz', '$23::timestamptz')}),
    p AS (${INSERT_POINT_IF_CLAIMED} RETURNING id),
    a AS (${INSERT_AUDIT})
    SELECT count(*)::int AS claimed FROM c`,
  update: `UPDATE points SET status = $1, lng = $2, lat = $3, public_lng = $4, public_lat = $5, subarea = $6,
    data = $7::jsonb, reject_reason = $8, updated_at = $9, confirmed_at = $10 WHERE id = $11`,
  erase: 'DELETE FROM points WHERE id = $1',
  rejectedBefore: `SELECT p.id FROM points p WHERE p.status = 'rejected' AND COALESCE(
    (SELECT MAX(a.at) FROM audit_log a WHERE a.point_id = p.id AND a.action = 'reject'), p.updated_at) < $1
    ORDER BY p.seq`,
  unconfirmedHelpBefore: `SELECT id FROM points WHERE layer = 'help' AND status = 'published'
    AND COALESCE(confirmed_at, created_at) < $1 ORDER BY seq`,
  removedLeftovers: `SELECT id FROM points WHERE status = 'removed' ORDER BY seq`,
  positions: 'SELECT id, public_lng, public_lat, subarea FROM points ORDER BY seq',
  // Only rows still where they were read: a row moved meanwhile got its subarea from the write that moved it.
  setSubareas: `UPDATE points p SET subarea = c.subarea
    FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[]) AS c(id, lng, lat, subarea)
    WHERE p.id = c.id AND p.public_lng = c.lng AND p.public_lat = c.lat AND p.subarea IS DISTINCT FROM c.subarea`,
} as const;

/** All SQL about points (PostgreSQL). Every write is one transaction; reads run on the pool. */
export class PgPointRepository implements PointRepository {
  private readonly rows = new DecodedRows();

  constructor(
    private readonly sql: PgSql,
    private readonly audit: PgAuditRepository,
    private readonly idempotency: PgIdempotencyRepository,
  ) {}

  private async list(text: string, params: readonly unknown[]): Promise<StoredPoint[]> {
    return this.rows.decodeAll(await this.sql.rows<PointRow>(text, params));
  }

  async get(id: string): Promise<StoredPoint | undefined> {
    return (await this.list(PG_POINT_SQL.get, [id]))[0];
  }

  async listPublished(layer: Layer, { subarea, bbox, newest }: PublishedFilter = {}): Promise<StoredPoint[]> {
    if (newest && subarea) return this.list(PG_POINT_SQL.newestInSubarea, [layer, subarea, newest]);
    if (newest) return this.list(PG_POINT_SQL.newest, [layer, newest]);
    const box = bbox ? [bbox[0], bbox[1], bbox[2], bbox[3]] : [];
    if (subarea && bbox) return this.list(PG_POINT_SQL.publishedInSubareaAndBox, [layer, ...box, subarea]);
    if (subarea) return this.list(PG_POINT_SQL.publishedInSubarea, [layer, subarea]);
    if (bbox) return this.list(PG_POINT_SQL.publishedInBox, [layer, ...box]);
    return this.list(PG_POINT_SQL.published, [layer]);
  }

  async listForTiles(layer: Layer): Promise<TilePoint[]> {
    return (await this.sql.rows<TileRow>(PG_POINT_SQL.forTiles, [layer])).map(tilePoint);
  }

  async listByStatus(status: PointStatus): Promise<StoredPoint[]> {
    return this.list(PG_POINT_SQL.byStatus, [status]);
  }

  async listBySession(code: string, status: PointStatus): Promise<StoredPoint[]> {
    return this.list(PG_POINT_SQL.bySession, [code, status]);
  }

  async countsBySession(code: string): Promise<Partial<Record<PointStatus, number>>> {
    const rows = await this.sql.rows<{ status: PointStatus; n: number }>(PG_POINT_SQL.countsBySession, [code]);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async countsBySubarea(): Promise<Partial<Record<string, SubareaCounts>>> {
    const rows = await this.sql.rows<{ subarea: string; layer: string; kind: string | null; n: number }>(
      PG_POINT_SQL.countsBySubarea,
    );
    const out: Partial<Record<string, SubareaCounts>> = {};
    for (const { subarea, layer, kind, n } of rows) {
      const c = (out[subarea] ??= { help: 0, keep: 0, change: 0 });
      if (layer === 'help') c.help += n;
      else if (kind === 'keep' || kind === 'change') c[kind] += n;
    }
    return out;
  }

  /**
   * The point, its key and its audit entry in one transaction. The point goes in before the key (the key's row
   * refers to it); when the key turns out to be taken, throwing rolls the whole transaction back, point included.
   */
  async create({ point, audit }: PointWrite, replay?: Replay): Promise<CreateOutcome> {
    const r = point.record;
    if (replay) await this.idempotency.sweep(r.createdAt);
    const params = [
      r.id,
      r.layer,
      r.status,
      r.lng,
      r.lat,
      point.publicLng,
      point.publicLat,
      r.subarea,
      JSON.stringify(layerData(r)),
      point.editTokenHash,
      r.rejectReason,
      r.createdAt,
      r.updatedAt,
      r.confirmedAt,
      ...auditParams(audit),
    ];
    // A pending point (nearly every submission) changes nothing the public sees, so it needs neither the version
    // lock nor a transaction: one statement writes it with its audit entry, and its key when it has one. Only a key
    // already taken goes the long way below, which finds the holder.
    if (r.status === 'pending') {
      if (!replay) {
        await this.sql.rows(PG_POINT_SQL.insertAudited, params);
        return { created: true };
      }
      const [{ claimed }] = (await this.sql.rows<{ claimed: number }>(PG_POINT_SQL.claimThenInsertAudited, [
        ...params,
        replay.keyHash,
        replay.bodyHash,
        replay.tokenCiphertext,
        keptSince(r.createdAt),
      ])) as [{ claimed: number }];
      if (claimed === 1) return { created: true };
    }
    try {
      return await this.sql.tx(async (q): Promise<CreateOutcome> => {
        // A pending point changes nothing the public sees, so only a published one waits for the version lock.
        if (r.status === 'published') await lockPublicChanges(q);
        // A retry of a published submission (an outbox coming back online) is answered before anything is written:
        // a published insert rolled back would still have used up a version number (sequences ignore rollbacks).
        // A pending one uses none, so it skips this round trip and lets the claim below find the holder: a POST
        // costs the app one round trip per statement, and on this path those are most of its time.
        const held =
          replay && r.status === 'published' && (await this.idempotency.holder(q, replay.keyHash, r.createdAt));
        if (held) throw new KeyTaken(held);
        if (!replay) {
          await q.rows(PG_POINT_SQL.insertAudited, params);
          return { created: true };
        }
        const [{ claimed }] = (await q.rows<{ claimed: number }>(PG_POINT_SQL.insertAuditedClaimed, [
          ...params,
          replay.keyHash,
          replay.bodyHash,
          replay.tokenCiphertext,
          keptSince(r.createdAt),
        ])) as [{ claimed: number }];
        if (claimed === 0) {
          // Held by an earlier submission (the claim waited for its commit), or by one erased meanwhile: the
          // repository's own claim reads the holder, or takes the key over when there is none any more.
          const earlier = await this.idempotency.claim(q, replay, r.createdAt);
          if (earlier) throw new KeyTaken(earlier);
        }
        return { created: true };
      });
    } catch (e) {
      if (e instanceof KeyTaken) return { created: false, earlier: e.earlier };
      throw e;
    }
  }

  /**
   * Writes the point's new state and its audit entry on `q`, for use inside a transaction of this store (photos
   * write the point with their bytes). The caller must have taken lockPublicChanges first.
   */
  async writeNow(q: Queryable, { point, audit }: PointWrite): Promise<void> {
    const r = point.record;
    await q.count(PG_POINT_SQL.update, [
      r.status,
      r.lng,
      r.lat,
      point.publicLng,
      point.publicLat,
      r.subarea,
      JSON.stringify(layerData(r)),
      r.rejectReason,
      r.updatedAt,
      r.confirmedAt,
      r.id,
    ]);
    await this.audit.append(q, audit);
  }

  async update(write: PointWrite): Promise<void> {
    // The row may be published before or after: either way the public data changes.
    await this.sql.tx(async (q) => {
      await lockPublicChanges(q);
      await this.writeNow(q, write);
    });
  }

  /**
   * Deletes the row, and with it (ON DELETE CASCADE) its photo, votes, replay key and anything else hanging off it.
   * The audit log holds none of its content; the decoded copy in memory goes too (again afterwards, in case a read
   * running meanwhile put it back).
   */
  async erase(id: string, audit: Omit<AuditInput, 'pointId'>): Promise<boolean> {
    this.rows.forget(id);
    try {
      return await this.sql.tx(async (q) => {
        await lockPublicChanges(q);
        await this.audit.append(q, { ...audit, pointId: id });
        return (await q.count(PG_POINT_SQL.erase, [id])) === 1;
      });
    } finally {
      this.rows.forget(id);
    }
  }

  async rejectedBefore(cutoff: string): Promise<string[]> {
    return this.ids(PG_POINT_SQL.rejectedBefore, [cutoff]);
  }

  async unconfirmedHelpBefore(cutoff: string): Promise<string[]> {
    return this.ids(PG_POINT_SQL.unconfirmedHelpBefore, [cutoff]);
  }

  async removedLeftovers(): Promise<string[]> {
    return this.ids(PG_POINT_SQL.removedLeftovers, []);
  }

  private async ids(text: string, params: readonly unknown[]): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(text, params)).map((r) => r.id);
  }

  /** Only changed rows are written (one statement), so a start-up with nothing to correct writes nothing. */
  async resyncSubareas(subareaAt: (lng: number, lat: number) => string | null): Promise<number> {
    return this.sql.tx(async (q) => {
      await lockPublicChanges(q);
      const rows = await q.rows<Pick<PointRow, 'id' | 'public_lng' | 'public_lat' | 'subarea'>>(PG_POINT_SQL.positions);
      const changed = rows
        .map((r) => ({ ...r, next: subareaAt(r.public_lng, r.public_lat) }))
        .filter((r) => r.next !== r.subarea);
      if (changed.length === 0) return 0;
      return q.count(PG_POINT_SQL.setSubareas, [
        changed.map((r) => r.id),
        changed.map((r) => r.public_lng),
        changed.map((r) => r.public_lat),
        changed.map((r) => r.next),
      ]);
    });
  }
}
