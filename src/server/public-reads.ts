import type { Contributions } from './contributions.ts';
import type { ChangeLog } from './db/changes.ts';
import { AnswerCache, type CachedAnswer } from './answer-cache.ts';
import type { Layer, PointChanges, PointsQuery } from '../shared/points.ts';

/** A client further behind than this many changed points is cheaper to send the whole lists again. */
const MAX_CHANGES = 500;

/**
 * The public read path of the map: point lists cached per data version (the change log's number), and the changes
 * after a version for a client that reconnects (GET /api/points/changes).
 */
export class PublicReads {
  private readonly cache = new AnswerCache();

  constructor(
    private readonly changes: ChangeLog,
    private readonly contributions: Contributions,
    private readonly now: () => Date,
  ) {}

  version(): number {
    return this.changes.current();
  }

  points(q: PointsQuery): CachedAnswer {
    const version = this.changes.current();
    // Help offers also leave the list with time alone (unconfirmed past the hide limit), which writes nothing:
    // their lists are rebuilt at least once a minute. The ETag is a hash of the bytes, so an unchanged list still
    // answers 304 after a rebuild.
    const minute = q.layer === 'help' ? Math.floor(this.now().getTime() / 60_000) : 0;
    const key = JSON.stringify([q.layer, q.subarea ?? null, q.bbox ?? null, minute]);
    return this.cache.get(version, key, () => {
      const { type, features } = this.contributions.listPublic(q);
      return { type, version, features };
    });
  }

  changesSince(since: number, layer?: Layer): PointChanges {
    const version = this.changes.current();
    const changed = this.changes.since(since, layer);
    if (!changed || changed.length > MAX_CHANGES) return { version, reset: true, changes: [] };
    const changes = changed.map(({ id, layer }) => {
      const feature = this.contributions.publicInView(id);
      return feature ? { id, layer, feature } : { id, layer };
    });
    return { version, reset: false, changes };
  }
}
