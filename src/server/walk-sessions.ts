import { randomInt } from 'node:crypto';
import type { Db } from './db/open.ts';
import { SessionStore, type SessionRow } from './db/sessions.ts';
import type { Contributions } from './contributions.ts';
import { ApiError } from './http-error.ts';
import { publicFeature } from './privacy.ts';
import {
  SESSION_CODE_ALPHABET,
  SESSION_CODE_LENGTH,
  publishesNow,
  type PublicSession,
  type SessionCreate,
  type SessionPatch,
  type WalkSession,
} from '../shared/sessions.ts';
import type { PointCollection, PointCreate, PointCreated, PointRecord } from '../shared/points.ts';

/**
 * Walk sessions: creation with a short unambiguous code, the join view, and what happens to a pin sent
 * through a session. Routes stay thin; points themselves are still created and approved by Contributions, so the
 * audit log and SSE events are the same as for any other pin.
 */
export class WalkSessions {
  readonly store: SessionStore;

  constructor(
    db: Db,
    private readonly contributions: Contributions,
    private readonly now: () => Date,
  ) {
    this.store = new SessionStore(db);
  }

  create(body: SessionCreate, createdBy: string): WalkSession {
    // 29^6 ≈ 595 million codes: a clash is rare; retry a few times rather than lengthen every code.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const code = Array.from(
        { length: SESSION_CODE_LENGTH },
        () => SESSION_CODE_ALPHABET[randomInt(SESSION_CODE_ALPHABET.length)],
      ).join('');
      const row: SessionRow = { ...body, code, closed: false, createdBy, createdAt: this.now().toISOString() };
      if (this.store.insert(row)) return this.full(row);
    }
    throw new Error('could not draw a free session code in 8 attempts: is the walk_sessions table full?');
  }

  /** 404 when unknown. */
  require(code: string): SessionRow {
    const row = this.store.get(code);
    if (!row) throw new ApiError(404, `no walk session ${code}`);
    return row;
  }

  public(row: SessionRow): PublicSession {
    const { code, name, subarea, date, publishMode, closed } = row;
    return { code, name, subarea, date, publishMode, closed, publishesNow: publishesNow(row, this.now()) };
  }

  full(row: SessionRow): WalkSession {
    const c = this.store.countsByStatus(row.code);
    return {
      ...this.public(row),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      counts: { pending: c['pending'] ?? 0, published: c['published'] ?? 0, rejected: c['rejected'] ?? 0 },
    };
  }

  list(): WalkSession[] {
    return this.store.list().map((r) => this.full(r));
  }

  patch(code: string, patch: SessionPatch): WalkSession {
    this.require(code);
    this.store.update(code, patch);
    return this.full(this.require(code));
  }

  /** Pending pins of the session, oldest first: the facilitator's console. */
  pending(code: string): PointRecord[] {
    return this.records(code, 'pending');
  }

  /** Published pins of the session in their public form (summary, exports). */
  published(code: string): PointCollection {
    const features = this.store.pointIds(code, 'published').flatMap((id) => {
      const p = this.contributions.points.get(id);
      return p ? [publicFeature(p.record, p.publicLng, p.publicLat)] : [];
    });
    return { type: 'FeatureCollection', features };
  }

  private records(code: string, status: string): PointRecord[] {
    return this.store.pointIds(code, status).flatMap((id) => {
      const p = this.contributions.points.get(id);
      return p ? [p.record] : [];
    });
  }

  /**
   * POST /api/points with a `session` code: an unknown code is a field error (the resident can fix a typo); a pin
   * through a session that publishes now is approved in the same request, by the session (audited as such).
   */
  createPoint(body: PointCreate, idempotencyKey: string | undefined): { answer: PointCreated; replayed: boolean } {
    const code = body.layer === 'walk' ? body.session : undefined;
    const session = code === undefined ? undefined : this.store.get(code);
    if (code !== undefined && !session) {
      throw new ApiError(400, 'invalid request body', [
        { path: 'session', message: `no walk session with the code ${code}` },
      ]);
    }
    const { answer, replayed } = this.contributions.create(body, idempotencyKey);
    if (!session) return { answer, replayed };
    const current = this.contributions.get(answer.id).record.status;
    if (!replayed && current === 'pending' && publishesNow(session, this.now())) {
      this.contributions.approve(answer.id, `session:${session.code}`);
      return { answer: { ...answer, status: 'published' }, replayed };
    }
    return { answer: { ...answer, status: current === 'published' ? 'published' : 'pending' }, replayed };
  }
}
