import { checkpointWal, type Db } from './db/open.ts';
import type { RetentionRule } from './retention.ts';
import { PointStore, type StoredPoint } from './db/points.ts';
import { IdempotencyStore } from './db/idempotency.ts';
import { AuditStore } from './db/audit.ts';
import { VoteStore } from './db/votes.ts';
import { ApiError } from './http-error.ts';
import type { EventBus } from './events.ts';
import type { SiteData } from './site-data.ts';
import { openWith, randomId, randomToken, sameHash, sealWith, sha256 } from './crypto.ts';
import { publicFeature, publicPosition } from './privacy.ts';
import { inDefaultView } from './freshness.ts';
import { DEFAULT_FRESHNESS, type FreshnessLimits } from '../shared/freshness.ts';
import { subareaAt } from '../shared/geo/index.ts';
import {
  MODERATOR_FIELDS,
  type ModeratorPatch,
  type PointCollection,
  type PointCreate,
  type PointFeature,
  type PointCreated,
  type PointPatch,
  type PointRecord,
  type PointsQuery,
} from '../shared/points.ts';
import type { AuditEntry } from '../shared/moderation.ts';
import type { PhotoMeta } from '../shared/photos.ts';

/** Optional text left empty means "not given": drop '' / [] / {} so stored points have one shape. */
function clean<T extends object>(o: T): T {
  const empty = (v: unknown) =>
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  const out = Object.entries(o)
    .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? clean(v) : v] as const)
    .filter(([, v]) => !empty(v));
  return Object.fromEntries(out) as T;
}

/** Content a moderator has to see again when it changes ("back to pending if the text changes"). */
const REVIEW_EXEMPT = new Set([
  'status',
  'updatedAt',
  'confirmedAt',
  'contactConsent',
  'votes',
  'rejectReason',
  'paused',
  'notifyRequests',
]);
function needsReview(before: PointRecord, after: PointRecord): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].some(
    (k) =>
      !REVIEW_EXEMPT.has(k) &&
      JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]),
  );
}

/** Set by the server, not written by anyone: never listed as "changed" (migration 007 uses the same list). */
const SYSTEM_FIELDS = new Set([
  'id',
  'layer',
  'status',
  'subarea',
  'createdAt',
  'updatedAt',
  'confirmedAt',
  'rejectReason',
  'votes',
]);
/** Names of the fields whose values differ: what the audit log may say about an edit (never the values). */
function changedFields(before: PointRecord, after: PointRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (k) =>
        !SYSTEM_FIELDS.has(k) &&
        JSON.stringify((before as Record<string, unknown>)[k]) !==
          JSON.stringify((after as Record<string, unknown>)[k]),
    )
    .sort();
}

/** Retention periods in days (shared/retention.ts has the full set, with the contact requests' own). */
export interface PointRetention {
  rejectedDays: number;
  staleHelpDays: number;
}

/** The public projection of a stored point (privacy.ts publicFeature, from its published position). */
export const publicOf = (p: StoredPoint): PointFeature => publicFeature(p.record, p.publicLng, p.publicLat);

/**
 * Everything residents and moderators can do to points: storage, privacy projection, audit and live events in
 * one place, so routes stay thin and every path writes the audit log and announces the change.
 */
export class Contributions {
  readonly points: PointStore;
  private readonly idem: IdempotencyStore;
  private readonly audit: AuditStore;
  private readonly votes: VoteStore;

  constructor(
    private readonly db: Db,
    private readonly site: SiteData,
    private readonly bus: EventBus,
    private readonly now: () => Date,
    readonly helpFreshness: FreshnessLimits = DEFAULT_FRESHNESS,
  ) {
    this.points = new PointStore(db);
    this.idem = new IdempotencyStore(db);
    this.audit = new AuditStore(db);
    this.votes = new VoteStore(db);
  }

  private subareaOf(lng: number, lat: number) {
    return subareaAt(
      [lng, lat],
      this.site.subareas.map((s) => ({ properties: { id: s.id }, geometry: s.geometry })),
    );
  }

  /**
   * The stored form of a record. Its `subarea` is the subarea containing the PUBLISHED position, never the exact one:
   * a private person's cell often straddles a boundary, and the subarea of the exact point would narrow "somewhere
   * in this ~150 m square" down to the part of it on one side (a few dozen m² at worst). Every reader — the map and
   * its ?subarea= filter, SSE, exports, statistics, subarea counts, the print page — then gets the public subarea
   * without knowing this rule. Organisations and walk pins are published exactly, so for them it is the same thing.
   * Moderators and ambassadors see and scope their work by this subarea too: which side of a boundary a person's
   * door is on does not change whose neighbourhood the offer serves, so nobody needs the exact one.
   */
  private stored(record: PointRecord, editTokenHash: string): StoredPoint {
    const [publicLng, publicLat] = publicPosition(record);
    return {
      record: { ...record, subarea: this.subareaOf(publicLng, publicLat) },
      publicLng,
      publicLat,
      editTokenHash,
    };
  }

  /**
   * Recomputes every stored subarea from the published position (idempotent; run at start-up). Rows written before
   * the rule above carried the exact point's subarea, and replaced boundaries (npm run subareas:import) move points
   * between subareas: both are corrected here, with geometry, which is why this is code and not a SQL migration.
   */
  resyncSubareas(): number {
    return this.points.resyncSubareas((lng, lat) => this.subareaOf(lng, lat));
  }

  /** Returns the created point's answer; `replayed` when the Idempotency-Key had been seen with the same body. */
  create(body: PointCreate, idempotencyKey?: string): { answer: PointCreated; replayed: boolean } {
    const bodyHash = sha256(JSON.stringify(body));
    const keyHash = idempotencyKey === undefined ? undefined : sha256(idempotencyKey);
    return this.db.transaction(() => {
      if (keyHash && idempotencyKey) {
        const seen = this.idem.find(keyHash);
        if (seen) {
          if (seen.bodyHash !== bodyHash) {
            throw new ApiError(422, 'this Idempotency-Key was already used for a different point');
          }
          const editToken = openWith(idempotencyKey, seen.tokenCiphertext);
          if (!editToken)
            throw new ApiError(409, 'this submission was already received; its answer cannot be replayed');
          return { answer: { id: seen.pointId, status: 'pending' as const, editToken }, replayed: true };
        }
      }
      const at = this.now().toISOString();
      const { consent: _consent, ...fields } = body;
      const editToken = randomToken();
      const stored = this.stored(
        clean({
          ...fields,
          id: randomId(),
          status: 'pending' as const,
          subarea: null,
          createdAt: at,
          updatedAt: at,
          confirmedAt: body.layer === 'help' ? at : null,
          rejectReason: null,
          votes: 0,
        }) as PointRecord,
        sha256(editToken),
      );
      const record = stored.record;
      this.points.insert(stored);
      if (keyHash && idempotencyKey) {
        this.idem.insert(
          keyHash,
          { pointId: record.id, bodyHash, tokenCiphertext: sealWith(idempotencyKey, editToken) },
          at,
        );
      }
      this.audit.append({ at, actor: 'author', action: 'create', pointId: record.id });
      return { answer: { id: record.id, status: 'pending' as const, editToken }, replayed: false };
    })();
  }

  /** Any point by id (moderators and the token check); 404 when unknown. */
  get(id: string): StoredPoint {
    const p = this.points.get(id);
    if (!p) throw new ApiError(404, `no point ${id}`);
    return p;
  }

  /** The author's own point; `token` undefined → 401, wrong → 403. */
  own(id: string, token: string | undefined): StoredPoint {
    const p = this.get(id);
    if (token === undefined) throw new ApiError(401, 'edit token required: Authorization: Bearer <editToken>');
    if (!sameHash(sha256(token), p.editTokenHash))
      throw new ApiError(403, 'this edit token does not belong to this point');
    return p;
  }

  publicOne(id: string) {
    const p = this.points.get(id);
    if (!p || p.record.status !== 'published') throw new ApiError(404, `no published point ${id}`);
    return publicFeature(p.record, p.publicLng, p.publicLat);
  }

  /** The point as the public list shows it now, or null when the list leaves it out (unpublished, or stale). */
  publicInView(id: string): PointFeature | null {
    const p = this.points.get(id);
    if (!p || p.record.status !== 'published' || !inDefaultView(p.record, this.now(), this.helpFreshness)) return null;
    return publicFeature(p.record, p.publicLng, p.publicLat);
  }

  /**
   * The points a public list shows, in its order, not yet projected: a reader of a big list projects them with
   * publicOf a slice at a time (public-reads.ts) instead of all in one go.
   */
  publishedInView(q: PointsQuery): StoredPoint[] {
    // Help offers unconfirmed past the hide limit leave the default view (moderators: routes/help-stale.ts).
    const now = this.now();
    return this.points
      .listPublished(q.layer, { subarea: q.subarea, bbox: q.bbox })
      .filter((p) => inDefaultView(p.record, now, this.helpFreshness));
  }

  listPublic(q: PointsQuery): PointCollection {
    return { type: 'FeatureCollection', features: this.publishedInView(q).map(publicOf) };
  }

  /** The author's PATCH (edit token checked by the caller): a content change to a published point is reviewed again. */
  edit(p: StoredPoint, patch: PointPatch): PointRecord {
    return this.apply(p, patch, 'author', false);
  }

  /**
   * A moderator's correction. The route's schema already refuses author-only fields; checked again here because
   * this is where a person would be published (ModeratorPatch in shared/points.ts says why), whoever calls it.
   */
  moderatorEdit(p: StoredPoint, patch: ModeratorPatch, login: string): PointRecord {
    const allowed: readonly string[] = MODERATOR_FIELDS[patch.layer];
    const refused = Object.keys(patch).filter((k) => k !== 'layer' && !allowed.includes(k));
    if (refused.length) {
      throw new ApiError(
        400,
        'invalid request body',
        refused.map((path) => ({ path, message: 'only the author may change this' })),
      );
    }
    return this.apply(p, patch, login, true);
  }

  /**
   * A moderator moves a misplaced walk pin or an organisation's offer (audited as a moderator's edit). A private
   * person's position stays the author's alone: it decides which ~150 m cell is published for them.
   */
  moderatorMove(p: StoredPoint, to: { lng: number; lat: number }, login: string): PointRecord {
    const r = p.record;
    if (r.layer === 'help' && r.helperType === 'person') {
      throw new ApiError(403, "only the author may move a private person's offer, with their private edit link");
    }
    return this.apply(p, { layer: r.layer, lng: to.lng, lat: to.lat }, login, true);
  }

  /** Applies a PATCH body; `byModerator` decides whether a content change sends the point back to review. */
  private apply(p: StoredPoint, patch: PointPatch, actor: string, byModerator: boolean): PointRecord {
    const before = p.record;
    if (patch.layer !== before.layer) {
      throw new ApiError(400, 'invalid request', [
        { path: 'layer', message: `this point is on the ${before.layer} layer` },
      ]);
    }
    if (before.status === 'removed') throw new ApiError(409, 'this point was removed and can no longer be edited');
    const at = this.now().toISOString();
    const { layer: _layer, confirm, ...changes } = patch as PointPatch & { confirm?: true };
    const merged = clean({ ...before, ...changes }) as PointRecord;
    let after: PointRecord = {
      ...merged,
      updatedAt: at,
      rejectReason: before.rejectReason,
      confirmedAt: confirm ? at : before.confirmedAt,
    };
    const review = !byModerator && before.status !== 'pending' && needsReview(before, after);
    if (review) after = { ...after, status: 'pending', rejectReason: null };
    return this.commit(p, after, {
      actor,
      action: byModerator ? 'moderator-edit' : confirm && !review ? 'confirm' : 'edit',
      at,
    });
  }

  /**
   * Records that the author added, replaced or removed the photo of a walk pin (bytes live in db/photos.ts).
   * A new photo on a published pin goes back to review like changed text; removing one does not need review.
   */
  setPhoto(p: StoredPoint, photo: PhotoMeta | null): PointRecord {
    const before = p.record;
    if (before.layer !== 'walk') throw new ApiError(400, 'photos are for walk pins only');
    if (before.status === 'removed') throw new ApiError(409, 'this point was removed and can no longer be edited');
    const at = this.now().toISOString();
    const { photo: _old, ...rest } = before;
    let after: PointRecord = { ...rest, ...(photo ? { photo } : {}), updatedAt: at };
    if (photo && before.status === 'published') after = { ...after, status: 'pending', rejectReason: null };
    return this.commit(p, after, { actor: 'author', action: 'edit', at });
  }

  /** The author's DELETE: erases the point at once (see erase). */
  remove(p: StoredPoint): { id: string; status: 'removed' } {
    this.erase(p, { actor: 'author', action: 'remove' });
    checkpointWal(this.db);
    return { id: p.record.id, status: 'removed' };
  }

  /** A moderator erases a point on request (RODO art. 17) or for its content; the reason is recorded, not the point. */
  moderatorRemove(id: string, login: string, reason: string): { id: string; status: 'removed' } {
    this.erase(this.get(id), { actor: login, action: 'remove', reason });
    checkpointWal(this.db);
    return { id, status: 'removed' };
  }

  /**
   * Erases a point: its exact and published position, name, texts, contacts and photo are deleted, not marked. What
   * remains is the audit log's who, what and when. The map hears "removed" if the point was on it. The caller
   * checkpoints the WAL (once per batch).
   */
  private erase(p: StoredPoint, a: { actor: string; action: 'remove' | 'expire'; reason?: string }): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.audit.append({ ...a, at, pointId: p.record.id });
      this.points.erase(p.record.id);
    })();
    if (p.record.status === 'published') this.bus.publish('removed', { id: p.record.id, layer: p.record.layer });
  }

  /**
   * The retention rules for points (server/retention.ts): rejected contributions some days after their rejection,
   * help offers some days after their last confirmation (by then long hidden as stale), and points that older
   * versions only marked removed, at once.
   */
  retentionRules(periods: PointRetention): RetentionRule[] {
    const expire = (ids: string[]) => {
      for (const id of ids) {
        const p = this.points.get(id);
        if (p) this.erase(p, { actor: 'retention', action: 'expire' });
      }
      return ids.length;
    };
    return [
      {
        name: 'rejected contributions',
        days: periods.rejectedDays,
        erase: (cutoff) => expire(this.points.rejectedBefore(cutoff.toISOString())),
      },
      {
        name: 'unconfirmed help offers',
        days: periods.staleHelpDays,
        erase: (cutoff) => expire(this.points.unconfirmedHelpBefore(cutoff.toISOString())),
      },
      {
        name: 'removed contributions kept by older versions',
        days: 0,
        erase: () => expire(this.points.removedLeftovers()),
      },
    ];
  }

  approve(id: string, login: string): PointRecord {
    const p = this.get(id);
    if (p.record.status === 'published') throw new ApiError(409, 'this point is already published');
    if (p.record.status === 'removed') throw new ApiError(409, 'this point was removed by its author');
    const at = this.now().toISOString();
    return this.commit(
      p,
      { ...p.record, status: 'published', rejectReason: null, updatedAt: at },
      { actor: login, action: 'approve', at },
    );
  }

  /** Rejects a pending point or hides a published one; a reason is always recorded (docs/product.md). */
  reject(id: string, login: string, reason: string): PointRecord {
    const p = this.get(id);
    if (p.record.status === 'rejected' || p.record.status === 'removed') {
      throw new ApiError(409, `this point is already ${p.record.status}`);
    }
    const at = this.now().toISOString();
    return this.commit(
      p,
      { ...p.record, status: 'rejected', rejectReason: reason, updatedAt: at },
      { actor: login, action: 'reject', at, reason },
    );
  }

  /** Stores the new state, writes the audit entry and tells SSE listeners what the public map must do. */
  private commit(
    p: StoredPoint,
    changed: PointRecord,
    a: { actor: string; action: AuditEntry['action']; at: string; reason?: string },
  ) {
    const next = this.stored(changed, p.editTokenHash);
    const after = next.record;
    this.db.transaction(() => {
      this.points.update(next);
      this.audit.append({ ...a, pointId: after.id, changed: changedFields(p.record, after) });
    })();
    const wasPublic = p.record.status === 'published';
    const isPublic = after.status === 'published';
    const ref = { id: after.id, layer: after.layer };
    if (isPublic)
      this.bus.publish(wasPublic ? 'updated' : 'published', {
        ...ref,
        feature: publicFeature(after, next.publicLng, next.publicLat),
      });
    else if (wasPublic) this.bus.publish('removed', ref);
    return after;
  }

  vote(id: string, deviceId: string) {
    const p = this.points.get(id);
    if (!p || p.record.status !== 'published') throw new ApiError(404, `no published point ${id}`);
    if (p.record.layer !== 'walk') throw new ApiError(400, '"me too" votes are for walk pins only');
    const counted = this.votes.add(id, sha256(`device:${deviceId}`), this.now().toISOString());
    const votes = this.votes.count(id);
    if (counted) {
      const record = { ...p.record, votes };
      this.bus.publish('updated', { id, layer: 'walk', feature: publicFeature(record, p.publicLng, p.publicLat) });
    }
    return { id, votes, counted };
  }

  queue(): PointRecord[] {
    return this.points.listByStatus('pending').map((p) => p.record);
  }

  history(id: string) {
    this.get(id);
    return { id, entries: this.audit.forPoint(id) };
  }
}
