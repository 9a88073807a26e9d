import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RateLimit } from './middleware/rate-limit.ts';
import { DEFAULT_FRESHNESS, type FreshnessLimits } from '../common/freshness.ts';
import { DEFAULT_RETENTION, type Retention } from '../common/retention.ts';
import { DEFAULT_TILES_FROM_PINS } from '../common/client-config.ts';

/** The repository's root: the default STATIC_DIR (dist/) is found from here. */
const ROOT = join(import.meta.dirname, '..', '..');

/** Every setting the server reads from the environment, with its default; index.ts is the only reader of env. */
export interface ServerConfig {
  port: number;
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL database (postgres://…) instead of SQLite in DATA_DIR; null: SQLite. */
  databaseUrl: string | null;
  /** Online basemap; null forces the offline style. */
  basemapStyleUrl: string | null;
  /** Local PMTiles extract served at /api/basemap/krakow.pmtiles and preferred over the online style; null: none. */
  basemapPmtiles: string | null;
  /** Behind an https proxy: mark cookies Secure. */
  secureCookies: boolean;
  /**
   * How many reverse proxies of our own stand in front (TRUST_PROXY); the client address is that many
   * X-Forwarded-For entries from the right. 0: the socket's address.
   */
  trustProxy: number;
  /** GEOCODER_URL: an optional Photon/Nominatim-compatible search the server may ask; null: offline sources only. */
  geocoderUrl: string | null;
  /** PUBLIC_URL: where the public reaches the app (https://…, no trailing slash); null when not configured. */
  publicUrl: string | null;
  limits: Limits;
  /** SMTP_URL and MAIL_FROM; smtpUrl null: no e-mail at all, the ambassador's inbox alone. */
  mail: MailConfig;
  /** STATIC_DIR: the built SPA (default dist/); parallel test runs serve separate builds. */
  staticDir: string;
  /** HELP_FADE_DAYS / HELP_HIDE_DAYS: when unconfirmed help offers fade and leave the default view. */
  helpFreshness: FreshnessLimits;
  /** RETENTION_*_DAYS: how long closed personal data is kept (README: Privacy rules). */
  retention: Retention;
  /** MAP_TILES_FROM_PINS: layers with more pins than this are drawn from /api/tiles. */
  tilesFromPins: number;
}

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
}

/** Abuse limits and lifetimes; each overridable by env (index.ts) and by createApp options (tests). */
export interface Limits {
  /** POST/PATCH/DELETE on points, per client address. */
  writes: RateLimit;
  /** "Me too" votes per client address (a device id alone is free to invent). */
  votes: RateLimit;
  /** "Me too" votes on one point per client address: invented device ids must not pile votes onto one pin. */
  votesPerPoint: RateLimit;
  /** Login attempts per client address: slows password guessing. */
  logins: RateLimit;
  /** Unknown walk-session codes looked up per client address: codes are short, guessing them must be slow. */
  sessionLookups: RateLimit;
  /** Address searches per client address: typing sends one per pause, and each may cost an online call. */
  searches: RateLimit;
  /** "Poproś o kontakt" requests per client address: each one lands in a person's inbox. */
  contactRequests: RateLimit;
  /** JSON body cap: a full help offer with 2000-character texts fits well under it. */
  bodyBytes: number;
  sessionTtlMs: number;
  sseKeepAliveMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_LIMITS: Limits = {
  writes: { max: 30, windowMs: 10 * MINUTE },
  votes: { max: 120, windowMs: 10 * MINUTE },
  // A workshop room shares one address; 50 people agreeing with one pin in a day is ordinary, hundreds is not.
  votesPerPoint: { max: 50, windowMs: 24 * 60 * MINUTE },
  logins: { max: 10, windowMs: 15 * MINUTE },
  // Only misses count: a room of phones joining with the right code costs nothing, a few typos are forgiven, and
  // guessing one of 29^6 codes at 60 tries per 10 minutes would take thousands of years.
  sessionLookups: { max: 60, windowMs: 10 * MINUTE },
  searches: { max: 120, windowMs: MINUTE },
  // A neighbour asking a few helpers is ordinary; dozens an hour from one address is somebody else.
  contactRequests: { max: 5, windowMs: 60 * MINUTE },
  bodyBytes: 32 * 1024,
  sessionTtlMs: 12 * 60 * MINUTE,
  sseKeepAliveMs: 20_000,
};

/** A whole number above zero; a typo stops start-up instead of silently using the default. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, unit = ''): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number${unit}, got "${raw}"`);
  return n;
}

const days = (env: NodeJS.ProcessEnv, name: string, fallback: number) => positiveInt(env, name, fallback, ' of days');

function freshnessAndRetention(env: NodeJS.ProcessEnv): { helpFreshness: FreshnessLimits; retention: Retention } {
  const helpFreshness = {
    fadeDays: days(env, 'HELP_FADE_DAYS', DEFAULT_FRESHNESS.fadeDays),
    hideDays: days(env, 'HELP_HIDE_DAYS', DEFAULT_FRESHNESS.hideDays),
  };
  const retention = {
    closedContactRequestDays: days(env, 'RETENTION_CLOSED_REQUEST_DAYS', DEFAULT_RETENTION.closedContactRequestDays),
    rejectedDays: days(env, 'RETENTION_REJECTED_DAYS', DEFAULT_RETENTION.rejectedDays),
    staleHelpDays: days(env, 'RETENTION_STALE_HELP_DAYS', DEFAULT_RETENTION.staleHelpDays),
  };
  if (retention.staleHelpDays < helpFreshness.hideDays) {
    throw new Error(
      `RETENTION_STALE_HELP_DAYS (${retention.staleHelpDays}) must not be shorter than HELP_HIDE_DAYS ` +
        `(${helpFreshness.hideDays}): offers still on the map would be erased`,
    );
  }
  return { helpFreshness, retention };
}

/**
 * TRUST_PROXY: the number of our own reverse proxies in front of the app. "true" is read as 1 (the one proxy of a
 * usual deployment); unset, "", "0" or "false": none, X-Forwarded-For is ignored.
 */
function proxyHops(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === 'false') return 0;
  if (raw === 'true') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error(`TRUST_PROXY must be the number of reverse proxies in front of the app (0–10), got "${raw}"`);
  }
  return n;
}

export const DEFAULT_BASEMAP = 'https://tiles.openfreemap.org/styles/positron';

/**
 * BASEMAP_PMTILES: an explicit path must exist (a typo would silently fall back to the online map);
 * without it, $DATA_DIR/basemap/krakow.pmtiles is used when present.
 */
function basemapPmtiles(env: NodeJS.ProcessEnv, dataDir: string): string | null {
  const raw = env.BASEMAP_PMTILES;
  if (raw) {
    const file = resolve(raw);
    if (!existsSync(file))
      throw new Error(`BASEMAP_PMTILES is "${raw}", but ${file} does not exist: fix the path or unset it`);
    return file;
  }
  const fallback = join(dataDir, 'basemap', 'krakow.pmtiles');
  return existsSync(fallback) ? fallback : null;
}

/** A typo in GEOCODER_URL stops start-up: silently searching offline only would look like missing addresses. */
function geocoderUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`GEOCODER_URL must be an http(s) address such as https://photon.komoot.io/api, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`GEOCODER_URL must be http(s), got "${raw}"`);
  return url.toString();
}

/**
 * PUBLIC_URL: the address residents open, as links in exports, e-mails and QR codes must carry it — never taken from
 * a request's Host header, which the sender chooses. Only its origin and path are kept, without a trailing slash.
 */
function publicUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute address like https://mapa.example.pl, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PUBLIC_URL must be http(s), got "${raw}"`);
  if (url.search || url.hash || url.username)
    throw new Error(`PUBLIC_URL must have no query, fragment or user, got "${raw}"`);
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * DATABASE_URL selects PostgreSQL; unset or empty keeps SQLite in DATA_DIR. Anything that is not a postgres:// address
 * stops start-up: a mistyped URL silently falling back to an empty SQLite file would look like lost data.
 */
function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // Reported below without echoing the value: it may hold a password.
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
    throw new Error(
      'DATABASE_URL must be a PostgreSQL address such as postgres://user:password@host:5432/mapa; unset it to use SQLite in DATA_DIR',
    );
  }
  return raw;
}

/** SMTP_URL needs PUBLIC_URL: a notice's login link must lead to the app, not to whatever host the server guesses. */
function mailConfig(env: NodeJS.ProcessEnv, publicUrl: string | null): MailConfig {
  const smtpUrl = env.SMTP_URL || null;
  if (!smtpUrl) return { smtpUrl: null, from: env.MAIL_FROM ?? '' };
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`);
  if (!publicUrl)
    throw new Error('SMTP_URL is set but PUBLIC_URL is not: set PUBLIC_URL so the e-mails can link to the app');
  // Without MAIL_FROM, a no-reply address at the public host: most servers refuse a sender without a domain.
  return { smtpUrl, from: env.MAIL_FROM || `Mapa Rewitalizacji <no-reply@${new URL(publicUrl).hostname}>` };
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  const basemap = env.BASEMAP_STYLE_URL ?? DEFAULT_BASEMAP;
  const dataDir = resolve(env.DATA_DIR ?? './var');
  const publicBase = publicUrl(env.PUBLIC_URL);
  return {
    port,
    dataDir,
    databaseUrl: databaseUrl(env.DATABASE_URL),
    basemapStyleUrl: basemap === '' || basemap === 'offline' ? null : basemap,
    basemapPmtiles: basemapPmtiles(env, dataDir),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    trustProxy: proxyHops(env.TRUST_PROXY),
    geocoderUrl: geocoderUrl(env.GEOCODER_URL),
    publicUrl: publicBase,
    mail: mailConfig(env, publicBase),
    staticDir: env.STATIC_DIR ? resolve(env.STATIC_DIR) : join(ROOT, 'dist'),
    ...freshnessAndRetention(env),
    tilesFromPins: positiveInt(env, 'MAP_TILES_FROM_PINS', DEFAULT_TILES_FROM_PINS),
    limits: {
      writes: {
        max: positiveInt(env, 'RATE_LIMIT_WRITES', DEFAULT_LIMITS.writes.max),
        windowMs: DEFAULT_LIMITS.writes.windowMs,
      },
      votes: {
        max: positiveInt(env, 'RATE_LIMIT_VOTES', DEFAULT_LIMITS.votes.max),
        windowMs: DEFAULT_LIMITS.votes.windowMs,
      },
      votesPerPoint: {
        max: positiveInt(env, 'RATE_LIMIT_VOTES_PER_POINT', DEFAULT_LIMITS.votesPerPoint.max),
        windowMs: DEFAULT_LIMITS.votesPerPoint.windowMs,
      },
      logins: {
        max: positiveInt(env, 'RATE_LIMIT_LOGINS', DEFAULT_LIMITS.logins.max),
        windowMs: DEFAULT_LIMITS.logins.windowMs,
      },
      sessionLookups: {
        max: positiveInt(env, 'RATE_LIMIT_SESSION_LOOKUPS', DEFAULT_LIMITS.sessionLookups.max),
        windowMs: DEFAULT_LIMITS.sessionLookups.windowMs,
      },
      searches: {
        max: positiveInt(env, 'RATE_LIMIT_SEARCHES', DEFAULT_LIMITS.searches.max),
        windowMs: DEFAULT_LIMITS.searches.windowMs,
      },
      contactRequests: {
        max: positiveInt(env, 'RATE_LIMIT_CONTACT_REQUESTS', DEFAULT_LIMITS.contactRequests.max),
        windowMs: DEFAULT_LIMITS.contactRequests.windowMs,
      },
      bodyBytes: positiveInt(env, 'MAX_BODY_BYTES', DEFAULT_LIMITS.bodyBytes),
      sessionTtlMs: positiveInt(env, 'SESSION_TTL_HOURS', 12) * 60 * MINUTE,
      sseKeepAliveMs: DEFAULT_LIMITS.sseKeepAliveMs,
    },
  };
}
