import { afterAll } from 'vitest';
import { createApp, type App, type AppOptions } from '../../src/server/app.ts';
import { openDb, type Db } from '../../src/server/db/open.ts';
import { sqliteStore } from '../../src/server/db/store.ts';
import { PgRateCounter } from '../../src/server/db/pg/rate-limits.ts';
import type { Store } from '../../src/server/store/types.ts';
import { hashPassword } from '../../src/server/crypto.ts';
import type { Role } from '../../src/common/accounts.ts';
import type { SubareaId } from '../../src/common/subareas.ts';
import type { PgStore } from '../../src/server/db/pg/store.ts';
import { testPgStore } from '../support/pg-store.ts';

/** Inside Kazimierz-Stradom (pl. Nowy) and inside Kraków but outside every subarea (Bielany). */
export const KAZIMIERZ = { lng: 19.9447, lat: 50.0514 };
export const OUTSIDE_SUBAREAS = { lng: 19.845, lat: 50.045 };

/**
 * Which engine the API tests run on: the vitest project "api-postgres" sets TEST_ENGINE=postgres and runs the same
 * files again (vite.config.ts), so both engines pass one suite.
 */
export const ENGINE: 'sqlite' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * The database under a test app, for the few tests that look at stored rows directly. SQL is written once with `?`
 * placeholders and must be valid on both engines (plain SELECT/UPDATE; COUNT(*) comes back as a number on both).
 */
export interface TestDb {
  readonly engine: typeof ENGINE;
  readonly store: Store;
  all<R = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<R[]>;
  /** The first column of the first row. */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
  run(sql: string, ...params: unknown[]): Promise<void>;
}

function sqliteTestDb(db: Db, store: Store): TestDb {
  return {
    engine: 'sqlite',
    store,
    all: async <R>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[],
    value: async <T>(sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params) as T,
    run: async (sql: string, ...params: unknown[]) => void db.prepare(sql).run(...params),
  };
}

/** `?` → `$1, $2…` (the tests' SQL has no `?` inside string literals). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** A fresh store on the engine under test: an in-memory SQLite, or a PostgreSQL database of its own. */
export function freshStore(): { store: Store; db: TestDb } {
  if (ENGINE === 'sqlite') {
    const raw = openDb(':memory:');
    const store = sqliteStore(raw);
    return { store, db: sqliteTestDb(raw, store) };
  }
  const store = testPgStore();
  const all = <R>(sql: string, ...params: unknown[]) => store.sql.rows<R>(numbered(sql), params);
  return {
    store,
    db: {
      engine: 'postgres',
      store,
      all,
      value: async <T>(sql: string, ...params: unknown[]) => {
        const [row] = await all<Record<string, unknown>>(sql, ...params);
        return (row && Object.values(row)[0]) as T;
      },
      run: async (sql: string, ...params: unknown[]) => void (await store.sql.count(numbered(sql), params)),
    },
  };
}

/** What each engine shares between instances goes where it would in production (rate limits in PostgreSQL). */
export function engineOptions(store: Store): AppOptions {
  return store.engine === 'postgres' ? { rateCounter: new PgRateCounter((store as PgStore).sql) } : {};
}

// Closed after the file's tests, before its PostgreSQL pools end (hooks run last-registered first): a mail retry
// timer left running would query an ended pool.
const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

export function fresh(options: AppOptions = {}) {
  const { store, db } = freshStore();
  const app = createApp(store, { basemapStyleUrl: null, ...engineOptions(store), ...options });
  apps.push(app);
  return { db, store, app };
}
export type TestApp = ReturnType<typeof fresh>['app'];

export const walkBody = (over: Record<string, unknown> = {}) => ({
  layer: 'walk',
  ...KAZIMIERZ,
  kind: 'keep',
  theme: 'zielen',
  title: 'Skwer przy Bożym Ciele',
  consent: true,
  ...over,
});
export const helpBody = (over: Record<string, unknown> = {}) => ({
  layer: 'help',
  ...KAZIMIERZ,
  helperType: 'organisation',
  name: 'Fundacja Przykład',
  kinds: ['zakupy', 'transport'],
  contact: { phone: '+48 600 100 200', email: 'kontakt@example.org', www: 'https://example.org' },
  consent: true,
  ...over,
});

export const json = (body: unknown, headers: Record<string, string> = {}, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export async function createPoint(app: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.request('/api/points', json(body, headers));
  if (res.status !== 201) throw new Error(`create failed ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; status: string; editToken: string };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

// One scrypt hash for the whole file: hashing is deliberately slow.
export const TEST_PASSWORD = 'correct horse battery';
const PASSWORD = TEST_PASSWORD;
let hash: Promise<string> | undefined;
export interface TestAccount {
  role: Role;
  subarea?: SubareaId;
  email?: string;
}

export async function addAccount(db: TestDb | Db, login: string, a: TestAccount) {
  hash ??= hashPassword(PASSWORD);
  await ('store' in db ? db.store : sqliteStore(db)).auth.upsertAccount(
    { login, passwordHash: await hash, role: a.role, subarea: a.subarea ?? null, email: a.email ?? null },
    new Date().toISOString(),
  );
  return { login, password: PASSWORD };
}

export const addModerator = (db: TestDb | Db, login = 'ola') => addAccount(db, login, { role: 'moderator' });

/** Creates the account, logs in and returns the Cookie header value for later calls. */
export async function accountCookie(app: TestApp, db: TestDb | Db, login: string, a: TestAccount): Promise<string> {
  const creds = await addAccount(db, login, a);
  const res = await app.request('/api/auth/login', json(creds));
  if (res.status !== 200) throw new Error(`login failed ${res.status}`);
  return res.headers.get('Set-Cookie')!.split(';')[0]!;
}

/** Logs in a moderator and returns the Cookie header value for later moderation calls. */
export const moderatorCookie = (app: TestApp, db: TestDb | Db, login = 'ola') =>
  accountCookie(app, db, login, { role: 'moderator' });

export async function approve(app: TestApp, cookie: string, id: string) {
  const res = await app.request(`/api/moderation/points/${id}/approve`, {
    method: 'POST',
    headers: { Cookie: cookie },
  });
  if (res.status !== 200) throw new Error(`approve failed ${res.status}: ${await res.text()}`);
}

/** A resident's "Poproś o kontakt" as the form sends it (filled in over 5 s, honeypot empty). */
export const contactBody = (over: Record<string, unknown> = {}) => ({
  name: 'Jan z Józefa',
  phone: '+48 601 222 333',
  message: 'Potrzebuję pomocy z zakupami w środy.',
  consent: true,
  fillMs: 5000,
  ...over,
});
