import type { RetentionRule } from './retention.ts';
import type { AuditInput, PhotoRepository, PointRepository, Store, StoredPhoto, StoredPoint } from './store/types.ts';
import { ApiError } from './http-error.ts';
import type { EventBus } from './events.ts';
import type { SiteData } from './site-data.ts';
import { openWith, randomId, randomToken, sameHash, sealWith, sha256 } from './crypto.ts';
import { publicFeature, publicPosition } from './privacy.ts';
import { inDefaultView } from './freshness.ts';
import { DEFAULT_FRESHNESS, type FreshnessLimits } from '../common/freshness.ts';
import { subareaAt } from '../common/geo/index.ts';
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
} from '../common/points.ts';
import type { PhotoMeta } from '../common/photos.ts';
import { changedFields, clean, needsReview } from './point-changes.ts';

/** Retention periods in days (common/retention.ts has the full set, with the contact requests' own). */
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
  readonly points: PointRepository;

  constructor(
    private readonly store: Pick<Store, 'points' | 'audit' | 'votes' | 'photos' | 'afterErasure'>,
    private readonly site: SiteData,
    private readonly bus: EventBus,
    private readonly now: () => Date,
    readonly helpFreshness: FreshnessLimits = DEFAULT_FRESHNESS,
  ) {
    this.points = store.points;
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
  resyncSubareas(): Promise<number> {
    return this.points.resyncSubareas((lng, lat) => this.subareaOf(lng, lat));
  }

  /**
   * Returns the created point's answer; `replayed` when the Idempotency-Key had been seen with the same body. The
   * store claims the key in the same transaction as the insert (a unique constraint), so two submissions with one key
   * arriving together, even on an engine with real concurrency, store one point and both get its answer.
   */
  async create(body: PointCreate, idempotencyKey?: string): Promise<{ answer: PointCreated; replayed: boolean }> {
    const bodyHash = sha256(JSON.stringify(body));
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
    const id = stored.record.id;
    const replay =
      idempotencyKey === undefined
        ? undefined
        : {
            keyHash: sha256(idempotencyKey),
            pointId: id,
            bodyHash,
            tokenCiphertext: sealWith(idempotencyKey, editToken),
          };
    const outcome = await this.points.create(
      { point: stored, audit: { at, actor: 'author', action: 'create', pointId: id } },
      replay,
    );
    if (outcome.created) return { answer: { id, status: 'pending' as const, editToken }, replayed: false };
    const seen = outcome.earlier;
    if (seen.bodyHash !== bodyHash) {
      throw new ApiError(422, 'this Idempotency-Key was already used for a different point');
    }
    const earlierToken = openWith(idempotencyKey!, seen.tokenCiphertext);
    if (!earlierToken) throw new ApiError(409, 'this submission was already received; its answer cannot be replayed');
    return { answer: { id: seen.pointId, status: 'pending' as const, editToken: earlierToken }, replayed: true };
  }

  /** Any point by id (moderators and the token check); 404 when unknown. */
  async get(id: string): Promise<StoredPoint> {
    const p = await this.points.get(id);
    if (!p) throw new ApiError(404, `no point ${id}`);
    return p;
  }

  /** The author's own point; `token` undefined → 401, wrong → 403. */
  async own(id: string, token: string | undefined): Promise<StoredPoint> {
    const p = await this.get(id);
    if (token === undefined) throw new ApiError(401, 'edit token required: Authorization: Bearer <editToken>');
    if (!sameHash(sha256(token), p.editTokenHash))
      throw new ApiError(403, 'this edit token does not belong to this point');
    return p;
  }

  async publicOne(id: string): Promise<PointFeature> {
    const p = await this.points.get(id);
    if (!p || p.record.status !== 'published') throw new ApiError(404, `no published point ${id}`);
    return publicFeature(p.record, p.publicLng, p.publicLat);
  }

  /** The point as the public list shows it now, or null when the list leaves it out (unpublished, or stale). */
  async publicInView(id: string): Promise<PointFeature | null> {
    const p = await this.points.get(id);
    if (!p || p.record.status !== 'published' || !inDefaultView(p.record, this.now(), this.helpFreshness)) return null;
    return publicFeature(p.record, p.publicLng, p.publicLat);
  }

  /**
   * The points a public list shows, in its order, not yet projected: a reader of a big list projects them with
   * publicOf a slice at a time (public-reads.ts) instead of all in one go.
   */
  async publishedInView(q: PointsQuery): Promise<StoredPoint[]> {
    // Help offers unconfirmed past the hide limit leave the default view (moderators: routes/help-stale.ts).
    const now = this.now();
    const { subarea, bbox, newest } = q;
    const points = await this.points.listPublished(q.layer, { subarea, bbox, newest });
    return points.filter((p) => inDefaultView(p.record, now, this.helpFreshness));
  }

  async listPublic(q: PointsQuery): Promise<PointCollection> {
    return { type: 'FeatureCollection', features: (await this.publishedInView(q)).map(publicOf) };
  }

  /** The author's PATCH (edit token checked by the caller): a content change to a published point is reviewed again. */
  edit(p: StoredPoint, patch: PointPatch): Promise<PointRecord> {
    return this.apply(p, patch, 'author', false);
  }

  /**
   * A moderator's correction. The route's schema already refuses author-only fields; checked again here because
   * this is where a person would be published (ModeratorPatch in common/points.ts says why), whoever calls it.
   */
  moderatorEdit(p: StoredPoint, patch: ModeratorPatch, login: string): Promise<PointRecord> {
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
  moderatorMove(p: StoredPoint, to: { lng: number; lat: number }, login: string): Promise<PointRecord> {
    const r = p.record;
    if (r.layer === 'help' && r.helperType === 'person') {
      throw new ApiError(403, "only the author may move a private person's offer, with their private edit link");
    }
    return this.apply(p, { layer: r.layer, lng: to.lng, lat: to.lat }, login, true);
  }

  /** Applies a PATCH body; `byModerator` decides whether a content change sends the point back to review. */
  private async apply(p: StoredPoint, patch: PointPatch, actor: string, byModerator: boolean): Promise<PointRecord> {
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
   * The author adds, replaces or removes the photo of a walk pin: the bytes and the point's photo metadata are
   * stored together. A new photo on a published pin goes back to review like changed text; removing one does not.
   */
  async setPhoto(p: StoredPoint, photo: { meta: PhotoMeta; stored: StoredPhoto } | null): Promise<PointRecord> {
    const before = p.record;
    if (before.layer !== 'walk') throw new ApiError(400, 'photos are for walk pins only');
    if (before.status === 'removed') throw new ApiError(409, 'this point was removed and can no longer be edited');
    const at = this.now().toISOString();
    const { photo: _old, ...rest } = before;
    let after: PointRecord = { ...rest, ...(photo ? { photo: photo.meta } : {}), updatedAt: at };
    if (photo && before.status === 'published') after = { ...after, status: 'pending', rejectReason: null };
    const photos: PhotoRepository = this.store.photos;
    return this.commit(p, after, { actor: 'author', action: 'edit', at }, (w) =>
      photo ? photos.put(before.id, photo.stored, w) : photos.remove(before.id, w),
    );
  }

  /** The author's DELETE: erases the point at once (see erase). */
  async remove(p: StoredPoint): Promise<{ id: string; status: 'removed' }> {
    await this.erase(p, { actor: 'author', action: 'remove' });
    await this.store.afterErasure();
    return { id: p.record.id, status: 'removed' };
  }

  /** A moderator erases a point on request (RODO art. 17) or for its content; the reason is recorded, not the point. */
  async moderatorRemove(id: string, login: string, reason: string): Promise<{ id: string; status: 'removed' }> {
    await this.erase(await this.get(id), { actor: login, action: 'remove', reason });
    await this.store.afterErasure();
    return { id, status: 'removed' };
  }

  /**
   * Erases a point: its exact and published position, name, texts, contacts and photo are deleted, not marked. What
   * remains is the audit log's who, what and when. The map hears "removed" if the point was on it. The caller
   * runs Store.afterErasure (once per batch).
   */
  private async erase(
    p: StoredPoint,
    a: { actor: string; action: 'remove' | 'expire'; reason?: string },
  ): Promise<void> {
    const at = this.now().toISOString();
    await this.points.erase(p.record.id, { ...a, at });
    if (p.record.status === 'published') this.bus.publish('removed', { id: p.record.id, layer: p.record.layer });
  }

  /**
   * The retention rules for points (server/retention.ts): rejected contributions some days after their rejection,
   * help offers some days after their last confirmation (by then long hidden as stale), and points that older
   * versions only marked removed, at once.
   */
  retentionRules(periods: PointRetention): RetentionRule[] {
    const expire = async (ids: Promise<string[]>) => {
      const list = await ids;
      for (const id of list) {
        const p = await this.points.get(id);
        if (p) await this.erase(p, { actor: 'retention', action: 'expire' });
      }
      return list.length;
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

  async approve(id: string, login: string): Promise<PointRecord> {
    const p = await this.get(id);
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
  async reject(id: string, login: string, reason: string): Promise<PointRecord> {
    const p = await this.get(id);
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

  /**
   * Stores the new state with its audit entry (through `write`, by default a plain update) and tells SSE listeners
   * what the public map must do, once the store has it.
   */
  private async commit(
    p: StoredPoint,
    changed: PointRecord,
    a: Omit<AuditInput, 'pointId' | 'changed'>,
    write: (w: { point: StoredPoint; audit: AuditInput }) => Promise<void> = (w) => this.points.update(w),
  ): Promise<PointRecord> {
    const next = this.stored(changed, p.editTokenHash);
    const after = next.record;
    await write({ point: next, audit: { ...a, pointId: after.id, changed: changedFields(p.record, after) } });
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

  async vote(id: string, deviceId: string) {
    const p = await this.points.get(id);
    if (!p || p.record.status !== 'published') throw new ApiError(404, `no published point ${id}`);
    if (p.record.layer !== 'walk') throw new ApiError(400, '"me too" votes are for walk pins only');
    const { counted, votes } = await this.store.votes.add(id, sha256(`device:${deviceId}`), this.now().toISOString());
    if (counted) {
      const record = { ...p.record, votes };
      this.bus.publish('updated', { id, layer: 'walk', feature: publicFeature(record, p.publicLng, p.publicLat) });
    }
    return { id, votes, counted };
  }

  async queue(): Promise<PointRecord[]> {
    return (await this.points.listByStatus('pending')).map((p) => p.record);
  }

  async history(id: string) {
    await this.get(id);
    return { id, entries: await this.store.audit.forPoint(id) };
  }
}
