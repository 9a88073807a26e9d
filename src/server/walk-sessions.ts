import { randomInt } from 'node:crypto';
import type { PointRepository, SessionRepository, SessionRow } from './store/types.ts';
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
} from '../common/sessions.ts';
import type { PointCollection, PointCreate, PointCreated, PointRecord } from '../common/points.ts';

/**
 * Walk sessions: creation with a short unambiguous code, the join view, and what happens to a pin sent
 * through a session. Routes stay thin; points themselves are still created and approved by Contributions, so the
 * audit log and SSE events are the same as for any other pin.
 */
export class WalkSessions {
  constructor(
    private readonly store: SessionRepository,
    private readonly points: PointRepository,
    private readonly contributions: Contributions,
    private readonly now: () => Date,
  ) {}

  async create(body: SessionCreate, createdBy: string): Promise<WalkSession> {
    // 29^6 ≈ 595 million codes: a clash is rare; retry a few times rather than lengthen every code.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const code = Array.from(
        { length: SESSION_CODE_LENGTH },
        () => SESSION_CODE_ALPHABET[randomInt(SESSION_CODE_ALPHABET.length)],
      ).join('');
      const row: SessionRow = { ...body, code, closed: false, createdBy, createdAt: this.now().toISOString() };
      if (await this.store.insert(row)) return this.full(row);
    }
    throw new Error('could not draw a free session code in 8 attempts: is the walk_sessions table full?');
  }

  /** 404 when unknown. */
  async require(code: string): Promise<SessionRow> {
    const row = await this.store.get(code);
    if (!row) throw new ApiError(404, `no walk session ${code}`);
    return row;
  }

  public(row: SessionRow): PublicSession {
    const { code, name, subarea, date, publishMode, closed } = row;
    return { code, name, subarea, date, publishMode, closed, publishesNow: publishesNow(row, this.now()) };
  }

  async full(row: SessionRow): Promise<WalkSession> {
    const c = await this.points.countsBySession(row.code);
    return {
      ...this.public(row),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      counts: { pending: c['pending'] ?? 0, published: c['published'] ?? 0, rejected: c['rejected'] ?? 0 },
    };
  }

  async list(): Promise<WalkSession[]> {
    return Promise.all((await this.store.list()).map((r) => this.full(r)));
  }

  async patch(code: string, patch: SessionPatch): Promise<WalkSession> {
    await this.require(code);
    await this.store.update(code, patch);
    return this.full(await this.require(code));
  }

  /** Pending pins of the session, oldest first: the facilitator's console. */
  async pending(code: string): Promise<PointRecord[]> {
    return (await this.points.listBySession(code, 'pending')).map((p) => p.record);
  }

  /** Published pins of the session in their public form (summary, exports). */
  async published(code: string): Promise<PointCollection> {
    const features = (await this.points.listBySession(code, 'published')).map((p) =>
      publicFeature(p.record, p.publicLng, p.publicLat),
    );
    return { type: 'FeatureCollection', features };
  }

  /**
   * POST /api/points with a `session` code: an unknown code is a field error (the resident can fix a typo); a pin
   * through a session that publishes now is approved in the same request, by the session (audited as such).
   */
  async createPoint(
    body: PointCreate,
    idempotencyKey: string | undefined,
  ): Promise<{ answer: PointCreated; replayed: boolean }> {
    const code = body.layer === 'walk' ? body.session : undefined;
    const session = code === undefined ? undefined : await this.store.get(code);
    if (code !== undefined && !session) {
      throw new ApiError(400, 'invalid request body', [
        { path: 'session', message: `no walk session with the code ${code}` },
      ]);
    }
    const { answer, replayed } = await this.contributions.create(body, idempotencyKey);
    if (!session) return { answer, replayed };
    const current = (await this.contributions.get(answer.id)).record.status;
    if (!replayed && current === 'pending' && publishesNow(session, this.now())) {
      await this.contributions.approve(answer.id, `session:${session.code}`);
      return { answer: { ...answer, status: 'published' }, replayed };
    }
    return { answer: { ...answer, status: current === 'published' ? 'published' : 'pending' }, replayed };
  }
}
