import { publicOf, type Contributions } from './contributions.ts';
import type { ChangeLogRepository } from './store/types.ts';
import { AnswerCache, CachedAnswer } from './answer-cache.ts';
import { FastReads } from './fast-reads.ts';
import { jsonInSlices, mapInSlices, nextTurn } from './slices.ts';
import type { Layer, PointChanges, PointFeature, PointsQuery } from '../common/points.ts';
import type { SubareaCounts } from '../common/subareas.ts';

/** A client further behind than this many changed points is cheaper to send the whole lists again. */
const MAX_CHANGES = 500;

const pointsKey = (q: PointsQuery) => ['points', q.layer, q.subarea ?? null, q.bbox ?? null, q.newest ?? null];

/**
 * The public read path of the map: point lists cached per data version (the change log's number), the changes after
 * a version for a client that reconnects (GET /api/points/changes), and other answers derived from the public lists
 * (statistics, open-data exports), cached the same way. Big lists are projected and serialized a slice at a time
 * (slices.ts), so building one never holds the event loop for long.
 */
export class PublicReads {
  private readonly cache = new AnswerCache();
  private counts?: { version: number; value: Promise<Partial<Record<string, SubareaCounts>>> };
  /** Repeated GET /api/points answered before the framework (fast-reads.ts); the app's fetch goes through it. */
  readonly fast = new FastReads(this);

  constructor(
    private readonly changes: ChangeLogRepository,
    private readonly contributions: Contributions,
    private readonly now: () => Date,
  ) {}

  async version(): Promise<number> {
    return this.changes.current();
  }

  /** The features a public list shows, in its order: read in one query, then projected a slice at a time. */
  async features(q: PointsQuery): Promise<PointFeature[]> {
    const points = await this.contributions.publishedInView(q);
    await nextTurn();
    return mapInSlices(points, publicOf);
  }

  points(q: PointsQuery): Promise<CachedAnswer> {
    return this.cached(pointsKey(q), q.layer === 'help', async (version) => {
      const features = await this.features(q);
      return new CachedAnswer(await jsonInSlices({ type: 'FeatureCollection', version }, 'features', features));
    });
  }

  /**
   * Any answer made from the public lists, built once per data version. Help offers also leave the lists with time
   * alone (unconfirmed past the hide limit), which writes nothing: an answer that shows them (`withHelp`) is rebuilt
   * at least once a minute. The ETag is a hash of the bytes, so an unchanged answer still gets 304 after a rebuild.
   */
  async cached(
    key: readonly unknown[],
    withHelp: boolean,
    build: (version: number) => Promise<CachedAnswer>,
  ): Promise<CachedAnswer> {
    const version = await this.changes.current();
    return this.cache.get(version, this.key(key, withHelp), () => build(version));
  }

  /** The point list for a query if it is built for the current version already; never builds one. */
  async peekPoints(q: PointsQuery): Promise<CachedAnswer | undefined> {
    const version = await this.changes.current();
    return this.cache.peek(version, this.key(pointsKey(q), q.layer === 'help'));
  }

  private key(key: readonly unknown[], withHelp: boolean): string {
    const minute = withHelp ? Math.floor(this.now().getTime() / 60_000) : 0;
    return JSON.stringify([...key, minute]);
  }

  /**
   * Published pins per subarea, counted once per data version. Every page load asks for them (GET /api/subareas), and
   * the count reads every published pin in the subareas (from an index on SQLite, migration 014): a tenth of a second
   * at a million, with SQLite's event loop held meanwhile.
   */
  async subareaCounts(): Promise<Partial<Record<string, SubareaCounts>>> {
    const version = await this.changes.current();
    if (this.counts?.version !== version) {
      const value = this.contributions.points.countsBySubarea();
      const entry = { version, value };
      this.counts = entry;
      // A failed count is not kept: the next request asks the store again.
      value.catch(() => this.counts === entry && (this.counts = undefined));
    }
    return this.counts.value;
  }

  async changesSince(since: number, layer?: Layer): Promise<PointChanges> {
    const version = await this.changes.current();
    const changed = await this.changes.since(since, layer);
    if (!changed || changed.length > MAX_CHANGES) return { version, reset: true, changes: [] };
    const changes = [];
    for (const { id, layer } of changed) {
      const feature = await this.contributions.publicInView(id);
      changes.push(feature ? { id, layer, feature } : { id, layer });
    }
    return { version, reset: false, changes };
  }
}
