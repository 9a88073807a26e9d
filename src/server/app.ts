import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { join } from 'node:path';
import type { Db } from './db/open.ts';
import { sqliteStore } from './db/store.ts';
import type { Store } from './store/types.ts';
import { RetentionJob } from './retention.ts';
import { ApiError } from './http-error.ts';
import { loadSiteData, type SiteData } from './site-data.ts';
import { healthRoutes } from './routes/health.ts';
import { subareaRoutes } from './routes/subareas.ts';
import { metaRoutes } from './routes/meta.ts';
import { contextRoutes } from './routes/context.ts';
import { spaRoutes } from './routes/spa.ts';
import { crawlerRoutes } from './routes/crawlers.ts';
import { pointRoutes } from './routes/points.ts';
import { nearestHelpRoutes } from './routes/nearest-help.ts';
import { nearestHelpAnswer } from './nearest-help.ts';
import { makeNearestHelpQuery } from '../common/nearest-help.ts';
import { authRoutes } from './routes/auth.ts';
import { accountRoutes } from './routes/accounts.ts';
import { ambassadorRoutes } from './routes/ambassador.ts';
import { contactRequestRoutes } from './routes/contact-requests.ts';
import { Ambassadors } from './ambassadors.ts';
import { ContactRequests } from './contact-requests.ts';
import type { Mailer } from './mail.ts';
import { roleGuard } from './middleware/roles.ts';
import { cookieRequest } from './middleware/same-origin.ts';
import { cutOffBody, noStoreForAuthors } from './middleware/guards.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { eventRoutes } from './routes/events.ts';
import { photoRoutes } from './routes/photos.ts';
import { loadPlaces, placeRoutes } from './routes/places.ts';
import { geocodeRoutes } from './routes/geocode.ts';
import { Geocoder } from './geocode/geocoder.ts';
import { OnlineGeocoder } from './geocode/online.ts';
import { helpStaleRoutes } from './routes/help-stale.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { exportRoutes } from './routes/export.ts';
import { statsRoutes } from './routes/stats.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { basemapRoutes, BASEMAP_PMTILES_URL } from './routes/basemap.ts';
import { sitePageRoutes } from './routes/site-pages.ts';
import { DEFAULT_RETENTION, Retention } from '../common/retention.ts';
import { activityRoutes } from './routes/activities.ts';
import { calendarOptions, calendarRoutes } from './routes/calendar.ts';
import { Activities } from './activities.ts';
import { WalkSessions } from './walk-sessions.ts';
import { checkFreshnessLimits, DEFAULT_FRESHNESS, type FreshnessLimits } from '../common/freshness.ts';
import { DEFAULT_BASEMAP, DEFAULT_LIMITS, type Limits } from './config.ts';
import { Contributions } from './contributions.ts';
import { EventBus } from './events.ts';
import { MemoryRateCounter, rateLimit, type RateCounter } from './middleware/rate-limit.ts';
import { securityHeaders } from './middleware/security.ts';
import { compressAnswers } from './compression.ts';
import { PublicReads } from './public-reads.ts';
import { makePointSchemas } from '../common/points.ts';
import { tileRoutes } from './routes/tiles.ts';
import { DEFAULT_TILES_FROM_PINS } from '../common/client-config.ts';
import { Tiles } from './tiles/tiles.ts';
import { ClusterTiles, InThreadBuilder, type IndexBuilder } from './tiles/cluster-tiles.ts';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

export interface AppOptions {
  site?: SiteData;
  dataDir?: string;
  basemapStyleUrl?: string | null;
  /** A local PMTiles extract to serve at /api/basemap/krakow.pmtiles; the SPA then prefers it. */
  basemapPmtiles?: string | null;
  /** The built SPA (vite build output); omitted in API tests. */
  staticDir?: string;
  /** Rate limits, body cap, session lifetime, SSE keep-alive (config.ts DEFAULT_LIMITS); tests lower them. */
  limits?: Partial<Limits>;
  /** PUBLIC_URL (config.ts): links in exports; staff actions are accepted from its origin. Default: none. */
  publicUrl?: string | null;
  /** Mark cookies Secure (behind https). */
  secureCookies?: boolean;
  /** Reverse proxies of our own in front of the app (config TRUST_PROXY); `true` means one. Default none. */
  trustProxy?: boolean | number;
  /** The clock, injectable for session expiry and freshness tests. */
  now?: () => Date;
  /** Shared with whoever else publishes point events; a fresh one per app by default. */
  bus?: EventBus;
  /**
   * Where rate-limit windows are counted: this process's memory by default; PostgreSQL when several instances
   * serve one address (db/pg/rate-limits.ts), so a client cannot multiply its allowance by their number.
   */
  rateCounter?: RateCounter;
  /** When unconfirmed help offers fade and leave the default view (env HELP_FADE_DAYS/HELP_HIDE_DAYS). */
  helpFreshness?: FreshnessLimits;
  /** How long rejected, closed and stale personal data is kept; the privacy notice quotes these numbers. */
  retention?: Retention;
  /** GEOCODER_URL's online search, asked only when the offline sources find nothing; null or omitted: none. */
  onlineGeocoder?: OnlineGeocoder | null;
  /** Sends the contact-request notices; null or absent: no e-mail (SMTP_URL unset). */
  mailer?: Mailer | null;
  /** MAP_TILES_FROM_PINS: layers with more pins than this are drawn from /api/tiles (client-config.ts). */
  tilesFromPins?: number;
  /**
   * Where map tiles' cluster indexes are built: the tile worker in production (index.ts), so a big map's build never
   * holds the server's thread; omitted: in this thread, from the store.
   */
  tileIndexes?: (limits: FreshnessLimits) => IndexBuilder;
  /** How often notices that failed are tried again (they wait 1, 5, 15, 60, 240 minutes between attempts). */
  mailRetryCheckMs?: number;
}

/** How many point changes the log keeps; a client further behind reloads the whole lists instead. */
const CHANGES_KEPT = 10_000;

/** A better-sqlite3 handle rather than a Store: tests and the CLI hand over an open database. */
const isStore = (s: Store | Db): s is Store => 'points' in s && 'writeProblem' in s;

/**
 * The whole HTTP app over one store (a SQLite database handle is wrapped in the SQLite store). No port, no env:
 * tests call app.request() on it directly. Routes and services receive repositories, never a database handle.
 * Start-up work (subarea resync, change-log pruning, the ambassadors' edits) is `ready`; requests wait for it.
 */
export function createApp(source: Store | Db, options: AppOptions = {}) {
  const store = isStore(source) ? source : sqliteStore(source);
  const dataDir = options.dataDir ?? join(PROJECT_ROOT, 'data');
  const site = options.site ?? loadSiteData(dataDir);
  const basemapStyleUrl = options.basemapStyleUrl === undefined ? DEFAULT_BASEMAP : options.basemapStyleUrl;
  const basemapPmtiles = options.basemapPmtiles ?? null;

  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const bus = options.bus ?? new EventBus();
  const proxyHops = Number(options.trustProxy ?? 0);
  const helpFreshness = checkFreshnessLimits(options.helpFreshness ?? DEFAULT_FRESHNESS);
  const retention = Retention.parse(options.retention ?? DEFAULT_RETENTION);
  if (retention.staleHelpDays < helpFreshness.hideDays) {
    throw new RangeError(
      `the retention of unconfirmed help offers (${retention.staleHelpDays} days) must not be shorter than the time after which they are hidden (${helpFreshness.hideDays} days): offers still on the map would be erased`,
    );
  }
  const contributions = new Contributions(store, site, bus, now, helpFreshness);
  // Started by index.ts (at start-up, then daily); tests call run() with their own clock.
  const retentionJob = new RetentionJob(now, () => store.afterErasure());
  for (const rule of contributions.retentionRules(retention)) retentionJob.register(rule);
  const sessions = new WalkSessions(store.sessions, store.points, contributions, now);
  const schemas = makePointSchemas(site.categories);
  const auth = store.auth;
  const publicUrl = options.publicUrl ?? null;
  const publicOrigin = publicUrl && new URL(publicUrl).origin;
  const requireRole = roleGuard(auth, now, publicOrigin);
  const places = loadPlaces(dataDir);
  const geocoder = new Geocoder(store.addresses, places.features, site.subareas, options.onlineGeocoder ?? null);
  const reads = new PublicReads(store.changes, contributions, now);
  // Built from the public positions GET /api/points shows: private persons only ever as their cells.
  const indexBuilder =
    options.tileIndexes?.(helpFreshness) ??
    new InThreadBuilder((layer) => store.points.listForTiles(layer), helpFreshness);
  const tileEngine = new ClusterTiles(indexBuilder, now);
  const tiles = new Tiles(tileEngine, () => reads.version(), now);
  const limiter = { proxyHops, now: () => now().getTime(), counter: options.rateCounter ?? new MemoryRateCounter() };
  const limit = (name: string, l: Limits['writes']) => rateLimit(name, l, limiter);
  // One counter for every way of trying a session code (join page, summary, export), counting only misses.
  const sessionLookupLimit = rateLimit('unknown session code', limits.sessionLookups, {
    ...limiter,
    counts: (s) => s === 404,
  });
  const activities = new Activities(store.activities, bus, now);
  const calendar = calendarOptions(site, publicUrl);
  const ambassadors = new Ambassadors(store.ambassadorCards, site, now);
  const mailer = options.mailer ?? null;
  const contactRequests = new ContactRequests(
    store.contactRequests,
    store.staffAudit,
    contributions,
    ambassadors,
    auth,
    site,
    now,
    {
      mailer,
      publicUrl: publicUrl ?? 'http://localhost:8080',
      closedKeepDays: retention.closedContactRequestDays,
    },
  );
  // Closed requests are also erased whenever a request is made or the inbox read; the retention job (at start-up, then
  // daily, started by index.ts) catches a quiet subarea.
  retentionJob.register({
    name: 'closed contact requests',
    days: retention.closedContactRequestDays,
    erase: () => contactRequests.purgeClosed(),
  });
  // Retries need no request to trigger them; unref: the timer never keeps a process (or a test run) alive.
  // A database that cannot be reached now is tried again at the next tick; a rejection left unhandled would end the
  // process.
  const retryMail = () =>
    contactRequests.retryDue().catch((e: Error) => console.error(`contact notices: retry failed: ${e.message}`));
  const retryTimer = mailer ? setInterval(retryMail, options.mailRetryCheckMs ?? 30_000).unref() : undefined;

  const ready = Promise.all([
    contributions.resyncSubareas(),
    store.changes.prune(CHANGES_KEPT),
    ambassadors.load(),
  ]).then(() => undefined);
  // Handled here so an early failure is no unhandled rejection; every request (and index.ts) still sees it.
  ready.catch(() => {});

  const health = async () => {
    try {
      await ready;
    } catch (e) {
      return `start-up failed: ${(e as Error).message}`;
    }
    return store.writeProblem();
  };

  const api = new Hono()
    // Before waiting for start-up: a monitor must hear 503 when start-up failed, not a 500.
    .route('/health', healthRoutes(health))
    .use('*', async (_c, next) => {
      await ready;
      await next();
    })
    .use('*', cutOffBody, noStoreForAuthors)
    .use('*', compressAnswers())
    .route(
      '/subareas',
      subareaRoutes(site, ambassadors, () => reads.subareaCounts()),
    )
    .route(
      '/points',
      nearestHelpRoutes(
        makeNearestHelpQuery(site.categories),
        (q) => nearestHelpAnswer(store.points, q, now(), helpFreshness),
        limit('search', limits.searches),
      ),
    )
    .route(
      '/points',
      pointRoutes({
        contributions,
        sessions,
        schemas,
        reads,
        bodyLimitBytes: limits.bodyBytes,
        writeLimit: limit('write', limits.writes),
        voteLimit: limit('vote', limits.votes),
        votePerPointLimit: rateLimit('"me too" vote', limits.votesPerPoint, {
          ...limiter,
          key: (c) => `point:${c.req.param('id')}`,
        }),
      }),
    )
    .route('/tiles', tileRoutes(tiles))
    .route('/points', contactRequestRoutes(contactRequests, limit('contact request', limits.contactRequests)))
    .route(
      '/points',
      photoRoutes({ photos: store.photos, auth, contributions, writeLimit: limit('photo', limits.writes), now }),
    )
    .route(
      '/events',
      eventRoutes(bus, limits.sseKeepAliveMs, () => store.changes.current()),
    )
    // Login and logout use the session cookie without requireRole, which checks every other staff route.
    .use('/auth/*', cookieRequest(publicOrigin))
    .route(
      '/auth',
      authRoutes(
        auth,
        requireRole,
        { ttlMs: limits.sessionTtlMs, secureCookies: options.secureCookies ?? false, now },
        limit('login', limits.logins),
      ),
    )
    .route('/accounts', accountRoutes(auth, requireRole))
    .route('/ambassador', ambassadorRoutes(requireRole, contactRequests, ambassadors))
    .route('/moderation/help', helpStaleRoutes(requireRole, contributions, now))
    .route('/moderation', moderationRoutes(requireRole, contributions, schemas, limits.bodyBytes))
    .route('/context', contextRoutes(dataDir))
    .route('/basemap', basemapRoutes(basemapPmtiles))
    .route('/places', placeRoutes(places))
    .route('/geocode', geocodeRoutes(geocoder, limit('search', limits.searches)))
    .route('/sessions', sessionRoutes(requireRole, sessions, site, sessionLookupLimit))
    .route('/export', exportRoutes(reads, sessions, site, activities, sessionLookupLimit, publicUrl, geocoder))
    .route('/stats', statsRoutes(reads, site, now))
    .route(
      '/activities',
      activityRoutes({
        activities,
        requireRole,
        calendar,
      }),
    )
    .route('/', calendarRoutes(activities, site, calendar))
    .route('/', openApiRoutes(site))
    .route('/', sitePageRoutes(site, retention))
    .route(
      '/',
      metaRoutes(site, {
        basemapStyleUrl,
        basemap: { pmtiles: basemapPmtiles && BASEMAP_PMTILES_URL },
        helpFreshness,
        mapTilesFromPins: options.tilesFromPins ?? DEFAULT_TILES_FROM_PINS,
      }),
    );

  // Last in the API: an unknown /api path is a JSON 404, never the SPA's index.html.
  api.all('*', (c) => c.json({ error: `no such API endpoint: ${c.req.method} ${c.req.path}` }, 404));

  // First, so every answer (pages, API, errors from onError) carries the CSP and friends.
  const app = new Hono()
    .use('*', securityHeaders({ basemapStyleUrl, https: options.secureCookies ?? false }))
    .route('/api', api)
    .route('/', crawlerRoutes());
  if (options.staticDir) app.route('/', spaRoutes(options.staticDir));

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json({ error: err.error, ...(err.issues ? { issues: err.issues } : {}) }, err.status);
    }
    if (err instanceof HTTPException) return c.json({ error: err.message || 'request refused' }, err.status);
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    return c.json({ error: 'internal error — the server logged the details' }, 500);
  });
  // Last: a repeated map read is answered before any of the above, with the headers they gave it (fast-reads.ts).
  app.fetch = reads.fast.wrap(app.fetch);
  /** Stops what runs without a request (retention, mail retries, the tile worker) before the store is closed. */
  const close = async () => {
    retentionJob.stop();
    clearInterval(retryTimer);
    await tileEngine.close();
  };
  /**
   * Reads both layers into the tile worker and clusters them, before any map asks: at a million pins that is seconds
   * (docs/benchmark.md, measurement 8), which the first visitor after a restart would otherwise wait for. Later
   * builds read only what changed since.
   */
  const warmTiles = () =>
    Promise.all(
      (['walk', 'help'] as const).map((layer) =>
        tiles.info(layer).catch((e: Error) => console.error(`tiles: reading the ${layer} layer failed: ${e.message}`)),
      ),
    ).then(() => undefined);
  return Object.assign(app, { retention: retentionJob, store, ready, tileEngine, warmTiles, close });
}

export type App = ReturnType<typeof createApp>;
