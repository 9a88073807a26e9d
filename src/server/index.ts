import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, PROJECT_ROOT } from './app.ts';
import { WorkerBuilder } from './tiles/tile-worker-client.ts';
import { configFromEnv } from './config.ts';
import { openDb, writeProblem, type Db } from './db/open.ts';
import { sqliteStore } from './db/store.ts';
import { openPostgres } from './db/pg/open.ts';
import { pgStore } from './db/pg/store.ts';
import { PgEventBus } from './db/pg/event-bus.ts';
import { PgRateCounter } from './db/pg/rate-limits.ts';
import { DataFileError, loadSiteData } from './site-data.ts';
import { unfilled } from '../common/privacy-notice.ts';
import { OnlineGeocoder } from './geocode/online.ts';
import { smtpMailer } from './mail.ts';

/** A start-up failure whoever runs the server can fix: printed as one line, no stack trace. */
class StartupError extends Error {}

const reason = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  return err.code && !err.message.includes(err.code) ? `${err.message} (${err.code})` : err.message;
};

/** The database, or a StartupError naming the file: a read-only or missing directory must say which one. */
function openDatabase(dataDir: string): Db {
  const file = join(dataDir, 'mapa.sqlite');
  let db: Db;
  try {
    db = openDb(file);
  } catch (e) {
    throw new StartupError(
      `cannot open the database ${file}: ${reason(e)}. Check that DATA_DIR (${dataDir}) exists and this user may write in it`,
    );
  }
  // Opening can succeed where writing does not (a read-only file or mount): find out now, not at the first pin.
  const problem = writeProblem(db);
  if (problem) {
    db.close();
    throw new StartupError(
      `${problem}. Check that DATA_DIR (${dataDir}) is writable by this user and its disk is not full`,
    );
  }
  return db;
}

/**
 * PostgreSQL (DATABASE_URL): the store, and what several instances on one database must share — the event bus
 * (LISTEN/NOTIFY, so an approval on one instance reaches browsers connected to another) and the rate-limit counts.
 * A StartupError names the address without its password when the database cannot be reached or migrated.
 */
async function openShared(url: string) {
  const where = redact(url);
  let pool;
  try {
    pool = await openPostgres(url);
  } catch (e) {
    throw new StartupError(`cannot open the PostgreSQL database ${where}: ${reason(e)}`);
  }
  const store = pgStore(pool);
  const problem = await store.writeProblem();
  if (problem) {
    await store.close();
    throw new StartupError(`${problem} (${where}). Check that this user may write in that database`);
  }
  const bus = await PgEventBus.connect(url, pool);
  return { store, bus, rateCounter: new PgRateCounter(store.sql), where };
}

/** The address as logs may show it: without the password. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function start() {
  // The only file that reads the environment (docs/architecture.md).
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (e) {
    throw new StartupError((e as Error).message);
  }
  const staticDir = config.staticDir;
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new StartupError(`no built app in ${staticDir}. Run "npm start" (it builds first) or "npm run build"`);
  }

  const site = loadSiteData(join(PROJECT_ROOT, 'data'));
  // Placeholders are allowed (the page shows them as not filled in), but whoever deploys should see them listed.
  const todo = unfilled(site.privacy);
  if (todo.length) console.warn(`data/privacy.json: not filled in yet, the privacy page says so: ${todo.join(', ')}`);
  const { store, bus, rateCounter, where } = config.databaseUrl
    ? await openShared(config.databaseUrl)
    : {
        store: sqliteStore(openDatabase(config.dataDir)),
        bus: undefined,
        rateCounter: undefined,
        where: join(config.dataDir, 'mapa.sqlite'),
      };
  const app = createApp(store, {
    site,
    bus,
    rateCounter,
    basemapStyleUrl: config.basemapStyleUrl,
    basemapPmtiles: config.basemapPmtiles,
    staticDir,
    limits: config.limits,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    onlineGeocoder: config.geocoderUrl ? new OnlineGeocoder({ url: config.geocoderUrl }) : null,
    helpFreshness: config.helpFreshness,
    retention: config.retention,
    tilesFromPins: config.tilesFromPins,
    mailer: config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : null,
    // A map of a million pins takes seconds to cluster: the tile worker does it, reading the same database.
    tileIndexes: (limits) =>
      new WorkerBuilder(
        config.databaseUrl
          ? { engine: 'postgres', url: config.databaseUrl }
          : { engine: 'sqlite', file: join(config.dataDir, 'mapa.sqlite') },
        limits,
      ),
  });
  await app.ready;
  // Erases what its retention period has passed: now, then daily (README: Privacy rules).
  app.retention.start();
  // In the tile worker's thread: the server answers meanwhile.
  void app.warmTiles();

  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`Mapa Rewitalizacji: http://localhost:${info.port}/  (database ${where})`);
  });
  // Node closes an idle keep-alive connection after 5 s: a client (a proxy, a phone) that sends its next request on
  // it just then gets "socket hang up". Kept open past the 60 s idle time of proxies (nginx's keepalive_timeout) and
  // browsers, it is the client that closes an idle one; the header timeout must stay above it.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  // Listening fails after serve() returns, as an 'error' event: without a handler Node prints a stack trace.
  server.on('error', (e: NodeJS.ErrnoException) => {
    const why =
      e.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use (another server is running?); set PORT to a free one`
        : e.code === 'EACCES'
          ? `this user may not listen on port ${config.port}; set PORT to one above 1023`
          : `cannot listen on port ${config.port}: ${reason(e)}`;
    fail(new StartupError(why));
  });

  const shutdown = async () => {
    server.close();
    await bus?.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Known failures (bad settings, unreadable files, a taken port) as one line; anything else is a bug: its stack. */
function fail(e: unknown): never {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof StartupError || e instanceof DataFileError) console.error(`Cannot start: ${err.message}`);
  else if (err.path) console.error(`Cannot start: cannot read ${err.path} (${err.code ?? err.message})`);
  else console.error('Cannot start:', e);
  process.exit(1);
}

start().catch(fail);
