import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, DEFAULT_LIMITS } from '../../../src/server/config.ts';

describe('configFromEnv', () => {
  it('uses the documented defaults', () => {
    const c = configFromEnv({});
    expect(c.limits).toEqual(DEFAULT_LIMITS);
    expect(c.limits.sessionTtlMs).toBe(12 * 3_600_000);
    expect(c.trustProxy).toBe(0);
  });

  it('reads rate limits, body cap and session lifetime', () => {
    const c = configFromEnv({
      RATE_LIMIT_WRITES: '5',
      RATE_LIMIT_VOTES: '6',
      RATE_LIMIT_LOGINS: '7',
      MAX_BODY_BYTES: '1000',
      SESSION_TTL_HOURS: '2',
      TRUST_PROXY: '1',
    });
    expect(c.limits).toMatchObject({
      writes: { max: 5 },
      votes: { max: 6 },
      logins: { max: 7 },
      bodyBytes: 1000,
      sessionTtlMs: 7_200_000,
    });
    expect(c.trustProxy).toBe(1);
  });

  it("reads the help offers' freshness, the retention periods, the tiles threshold and the build folder", () => {
    const c = configFromEnv({
      HELP_FADE_DAYS: '10',
      HELP_HIDE_DAYS: '20',
      RETENTION_REJECTED_DAYS: '7',
      RETENTION_STALE_HELP_DAYS: '40',
      RETENTION_CLOSED_REQUEST_DAYS: '14',
      MAP_TILES_FROM_PINS: '300',
      STATIC_DIR: 'dist-e2e',
    });
    expect(c.helpFreshness).toEqual({ fadeDays: 10, hideDays: 20 });
    expect(c.retention).toEqual({ rejectedDays: 7, staleHelpDays: 40, closedContactRequestDays: 14 });
    expect(c.tilesFromPins).toBe(300);
    expect(c.staticDir).toMatch(/\/dist-e2e$/);
    expect(configFromEnv({}).staticDir).toMatch(/\/dist$/);
  });

  it('refuses a day count that is not a positive whole number, and a retention shorter than the hiding', () => {
    expect(() => configFromEnv({ HELP_HIDE_DAYS: '2.5' })).toThrow(
      /HELP_HIDE_DAYS must be a positive whole number of days/,
    );
    expect(() => configFromEnv({ HELP_HIDE_DAYS: '200', RETENTION_STALE_HELP_DAYS: '100' })).toThrow(
      /RETENTION_STALE_HELP_DAYS \(100\) must not be shorter than HELP_HIDE_DAYS \(200\)/,
    );
  });

  it('selects PostgreSQL with a postgres:// DATABASE_URL and SQLite without one', () => {
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(configFromEnv({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    const url = 'postgres://mapa:pw@db.example:5432/mapa';
    expect(configFromEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(configFromEnv({ DATABASE_URL: 'postgresql://db/mapa' }).databaseUrl).toBe('postgresql://db/mapa');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without repeating its password', () => {
    for (const bad of ['sqlite:///var/mapa.sqlite', 'mysql://u:secret@db/mapa', 'not a url', 'postgres://']) {
      expect(() => configFromEnv({ DATABASE_URL: bad })).toThrow(/DATABASE_URL must be a PostgreSQL address/);
    }
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://u:secret@db/mapa' })).not.toThrow(/secret/);
  });

  it('reads TRUST_PROXY as the number of proxies in front ("true" is one) and refuses anything else', () => {
    expect(configFromEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(configFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configFromEnv({ TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(() => configFromEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('reads PUBLIC_URL without a trailing slash and refuses one that is not an http(s) address', () => {
    expect(configFromEnv({}).publicUrl).toBeNull();
    expect(configFromEnv({ PUBLIC_URL: 'https://mapa.example.pl/' }).publicUrl).toBe('https://mapa.example.pl');
    expect(() => configFromEnv({ PUBLIC_URL: 'mapa.example.pl' })).toThrow(/PUBLIC_URL/);
    expect(() => configFromEnv({ PUBLIC_URL: 'ftp://mapa.example.pl' })).toThrow(/PUBLIC_URL/);
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => configFromEnv({ RATE_LIMIT_WRITES: 'lots' })).toThrow(/RATE_LIMIT_WRITES/);
  });

  it('finds a local basemap at $DATA_DIR/basemap/krakow.pmtiles, or none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-config-'));
    try {
      expect(configFromEnv({ DATA_DIR: dir }).basemapPmtiles).toBeNull();
      mkdirSync(join(dir, 'basemap'));
      writeFileSync(join(dir, 'basemap', 'krakow.pmtiles'), 'x');
      expect(configFromEnv({ DATA_DIR: dir }).basemapPmtiles).toBe(join(dir, 'basemap', 'krakow.pmtiles'));
      writeFileSync(join(dir, 'elsewhere.pmtiles'), 'x');
      expect(configFromEnv({ DATA_DIR: dir, BASEMAP_PMTILES: join(dir, 'elsewhere.pmtiles') }).basemapPmtiles).toBe(
        join(dir, 'elsewhere.pmtiles'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a BASEMAP_PMTILES path that does not exist, naming the variable', () => {
    expect(() => configFromEnv({ BASEMAP_PMTILES: '/nowhere/krakow.pmtiles' })).toThrow(
      /BASEMAP_PMTILES.*does not exist/,
    );
  });

  it('mails only with an smtp(s) SMTP_URL and a PUBLIC_URL to link to; MAIL_FROM defaults to that host', () => {
    expect(configFromEnv({}).mail.smtpUrl).toBeNull();
    expect(() => configFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/PUBLIC_URL/);
    expect(() => configFromEnv({ SMTP_URL: 'http://mail', PUBLIC_URL: 'https://mapa.example.pl' })).toThrow(/SMTP_URL/);
    const mail = configFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_URL: 'https://mapa.example.pl' }).mail;
    expect(mail).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Mapa Rewitalizacji <no-reply@mapa.example.pl>' });
  });
});
