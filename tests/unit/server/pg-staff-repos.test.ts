import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/server/db/open.ts';
import { sqliteStore } from '../../../src/server/db/store.ts';
import { openPostgres, type PgPool } from '../../../src/server/db/pg/open.ts';
import { PgSql } from '../../../src/server/db/pg/sql.ts';
import { PgSessionRepository } from '../../../src/server/db/pg/sessions.ts';
import { PgAuthRepository } from '../../../src/server/db/pg/auth.ts';
import { PgStaffAuditRepository } from '../../../src/server/db/pg/staff-audit.ts';
import { PgContactRequestRepository } from '../../../src/server/db/pg/contact-requests.ts';
import { PgAmbassadorCardRepository } from '../../../src/server/db/pg/ambassador-cards.ts';
import { PgActivityRepository } from '../../../src/server/db/pg/activities.ts';
import type {
  AccountInput,
  ActivityRepository,
  AmbassadorCardRepository,
  AuthRepository,
  ContactRequestRepository,
  RequestRow,
  SessionRepository,
  SessionRow,
  StaffAuditEntry,
  StaffAuditRepository,
} from '../../../src/server/store/types.ts';
import type { Activity } from '../../../src/common/activities.ts';
import { warsawToUtc } from '../../../src/common/warsaw-time.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

interface Repos {
  sessions: SessionRepository;
  auth: AuthRepository;
  staffAudit: StaffAuditRepository;
  contactRequests: ContactRequestRepository;
  ambassadorCards: AmbassadorCardRepository;
  activities: ActivityRepository;
  /** A point the contact requests can point at (a foreign key in both engines). */
  addPoint(id: string): Promise<void>;
}

let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let pool: PgPool;
let sql: PgSql;
let pgRepos: Repos;
let sqlite: Db;
let sqliteRepos: Repos;

const POINT = `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, data, edit_token_hash,
  created_at, updated_at) VALUES `;

beforeAll(async () => {
  db = await freshPostgresDatabase();
  pool = await openPostgres(db.url, { max: 25 });
  sql = new PgSql(pool);
  const staffAudit = new PgStaffAuditRepository(sql);
  pgRepos = {
    sessions: new PgSessionRepository(sql),
    auth: new PgAuthRepository(sql),
    staffAudit,
    contactRequests: new PgContactRequestRepository(sql, staffAudit),
    ambassadorCards: new PgAmbassadorCardRepository(sql, staffAudit),
    activities: new PgActivityRepository(sql),
    async addPoint(id) {
      await pool.query(`${POINT} ($1, 'help', 'published', 19.94, 50.05, 19.94, 50.05, '{}', 'h', $2, $2)`, [id, T0]);
    },
  };
});
afterAll(async () => {
  sqlite?.close();
  await pool?.end();
  await db?.drop();
});
beforeEach(async () => {
  await pool.query(`TRUNCATE walk_sessions, moderators, sessions, staff_audit, contact_requests, ambassador_cards,
    activities, activity_audit, points RESTART IDENTITY CASCADE`);
  sqlite?.close();
  sqlite = openDb(':memory:');
  const store = sqliteStore(sqlite);
  sqliteRepos = {
    ...store,
    async addPoint(id) {
      sqlite.prepare(`${POINT} (?, 'help', 'published', 19.94, 50.05, 19.94, 50.05, '{}', 'h', ?, ?)`).run(id, T0, T0);
    },
  };
});

/** Runs the same calls on both engines and expects the same answer from each. */
async function same<T>(work: (r: Repos) => Promise<T>): Promise<T> {
  const fromSqlite = await work(sqliteRepos);
  const fromPg = await work(pgRepos);
  expect(fromPg).toEqual(fromSqlite);
  return fromPg;
}

const T0 = '2026-12-01T10:00:00.000Z';
const t = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const session = (code: string, date: string, createdAt: string, extra: Partial<SessionRow> = {}): SessionRow => ({
  code,
  name: `Spacer ${code}`,
  subarea: 'kazimierz-stradom',
  date,
  publishMode: 'moderated',
  closed: false,
  createdBy: 'ola',
  createdAt,
  ...extra,
});

describe('walk sessions on PostgreSQL, as on SQLite', () => {
  it('lists the newest walk first, then the newest created, and reads one back as stored', async () => {
    await same(async (r) => [
      await r.sessions.insert(session('AAAAAA', '2026-12-03', t(1))),
      await r.sessions.insert(session('BBBBBB', '2026-12-05', t(0), { publishMode: 'immediate', closed: true })),
      await r.sessions.insert(session('CCCCCC', '2026-12-03', t(5))),
    ]);
    const list = await same((r) => r.sessions.list());
    expect(list.map((s) => s.code)).toEqual(['BBBBBB', 'CCCCCC', 'AAAAAA']);
    await same((r) => r.sessions.get('BBBBBB'));
    await same((r) => r.sessions.get('ZZZZZZ'));
  });

  it('says false for a code already taken and leaves the first session as it was', async () => {
    await same(async (r) => [
      await r.sessions.insert(session('AAAAAA', '2026-12-03', t(0))),
      await r.sessions.insert(session('AAAAAA', '2026-12-09', t(1), { name: 'Inny' })),
      await r.sessions.get('AAAAAA'),
    ]);
  });

  it('changes only the fields a patch names', async () => {
    await same(async (r) => {
      await r.sessions.insert(session('AAAAAA', '2026-12-03', t(0)));
      await r.sessions.update('AAAAAA', { publishMode: 'immediate' });
      const first = await r.sessions.get('AAAAAA');
      await r.sessions.update('AAAAAA', { closed: true });
      const second = await r.sessions.get('AAAAAA');
      await r.sessions.update('AAAAAA', {});
      await r.sessions.update('NOPE22', { closed: true });
      return [first, second, await r.sessions.get('AAAAAA'), await r.sessions.list()];
    });
  });

  it('lets exactly one of twenty concurrent inserts of one code win, without an error', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pgRepos.sessions.insert(session('RACE22', '2026-12-03', t(i)))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await pgRepos.sessions.list()).toHaveLength(1);
  });
});

const account = (login: string, extra: Partial<AccountInput> = {}): AccountInput => ({
  login,
  passwordHash: `hash-${login}`,
  role: 'moderator',
  subarea: null,
  email: null,
  ...extra,
});

describe('staff accounts and their sessions on PostgreSQL, as on SQLite', () => {
  it('creates, then updates an account, ending its open sessions but no one else’s', async () => {
    await same(async (r) => {
      const created = await r.auth.upsertAccount(account('ola'), t(0));
      await r.auth.upsertAccount(account('Bartek', { role: 'admin' }), t(0));
      const ola = (await r.auth.findAccount('ola'))!;
      const bartek = (await r.auth.findAccount('Bartek'))!;
      await r.auth.createSession('tok-ola', ola.id, t(1), t(60));
      await r.auth.createSession('tok-bartek', bartek.id, t(1), t(60));
      const before = await r.auth.sessionAccount('tok-ola', t(2));
      const updated = await r.auth.upsertAccount(
        account('ola', { role: 'ambassador', subarea: 'stara-nowa-huta', email: 'ola@example.org' }),
        t(3),
      );
      return [
        created,
        updated,
        before,
        await r.auth.sessionAccount('tok-ola', t(4)),
        await r.auth.sessionAccount('tok-bartek', t(4)),
        await r.auth.findAccount('ola'),
        await r.auth.findAccount('nobody'),
      ];
    });
  });

  it('lists accounts and ambassadors’ e-mail addresses by login in byte order', async () => {
    await same(async (r) => {
      for (const [login, email, subarea] of [
        ['zosia', 'z@example.org', 'kazimierz-stradom'],
        ['Adam', 'a@example.org', 'kazimierz-stradom'],
        ['ala', null, 'kazimierz-stradom'],
        ['_ewa', 'e@example.org', 'kazimierz-stradom'],
        ['basia', 'b@example.org', 'grzegorzki-wesola'],
      ] as const) {
        await r.auth.upsertAccount(account(login, { role: 'ambassador', subarea, email }), t(0));
      }
      await r.auth.upsertAccount(account('mod', { email: 'm@example.org', subarea: 'kazimierz-stradom' }), t(0));
      return [
        await r.auth.list(),
        await r.auth.ambassadorEmails('kazimierz-stradom'),
        await r.auth.ambassadorEmails('grzegorzki-wesola'),
        await r.auth.ambassadorEmails('stara-nowa-huta'),
      ];
    });
  });

  it('ends sessions at their expiry, sweeps expired ones on the next login and deletes one on logout', async () => {
    await same(async (r) => {
      await r.auth.upsertAccount(account('ola'), t(0));
      const { id } = (await r.auth.findAccount('ola'))!;
      await r.auth.createSession('old', id, t(0), t(10));
      await r.auth.createSession('live', id, t(0), t(100));
      const atExpiry = await r.auth.sessionAccount('old', t(10));
      const justBefore = await r.auth.sessionAccount('old', t(9));
      await r.auth.createSession('new', id, t(20), t(200));
      await r.auth.deleteSession('live');
      await r.auth.deleteSession('never');
      return [
        atExpiry,
        justBefore,
        await r.auth.sessionAccount('live', t(21)),
        await r.auth.sessionAccount('new', t(21)),
      ];
    });
    const { rows } = await pool.query('SELECT token_hash FROM sessions ORDER BY token_hash');
    expect(rows.map((r) => r.token_hash)).toEqual(['new']);
  });

  it('refuses a second session with the same token, as both engines’ primary key does', async () => {
    for (const r of [sqliteRepos, pgRepos]) {
      await r.auth.upsertAccount(account('ola'), t(0));
      const { id } = (await r.auth.findAccount('ola'))!;
      await r.auth.createSession('tok', id, t(0), t(10));
      await expect(r.auth.createSession('tok', id, t(1), t(10))).rejects.toThrow();
    }
  });

  it('says "created" to exactly one of twenty concurrent upserts of one new login, without an error', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pgRepos.auth.upsertAccount(account('race', { passwordHash: `h${i}` }), t(i)),
      ),
    );
    expect(results.filter((x) => x === 'created')).toHaveLength(1);
    expect(results.filter((x) => x === 'updated')).toHaveLength(19);
    expect(await pgRepos.auth.list()).toHaveLength(1);
  });
});

const audit = (subject: string, minutes: number, actor = 'ola'): StaffAuditEntry => ({
  at: t(minutes),
  actor,
  action: 'view-helper-contact',
  subject,
});

describe('the staff audit on PostgreSQL, as on SQLite', () => {
  it('keeps entries per subject in the order they were appended, and ignores an empty append', async () => {
    await same(async (r) => {
      await r.staffAudit.append([audit('subarea:a', 5), audit('contact-request:1', 1), audit('subarea:a', 2, 'ewa')]);
      await r.staffAudit.append([]);
      await r.staffAudit.append([{ ...audit('subarea:a', 0), action: 'card-edit' }]);
      return [
        await r.staffAudit.forSubject('subarea:a'),
        await r.staffAudit.forSubject('contact-request:1'),
        await r.staffAudit.forSubject('none'),
      ];
    });
  });

  it('writes entries appended through a transaction only when that transaction commits', async () => {
    const staffAudit = pgRepos.staffAudit as PgStaffAuditRepository;
    await sql.tx((q) => staffAudit.append(q, [audit('subarea:tx', 0)]));
    await expect(
      sql.tx(async (q) => {
        await staffAudit.append(q, [audit('subarea:tx', 1)]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await staffAudit.forSubject('subarea:tx')).toEqual([audit('subarea:tx', 0)]);
  });
});

const request = (id: string, minutes: number, extra: Partial<RequestRow> = {}): RequestRow => ({
  id,
  pointId: 'help0001',
  subarea: 'kazimierz-stradom',
  status: 'open',
  name: 'Jan',
  phone: '+48 600 000 000',
  email: null,
  message: 'Chętnie pomogę',
  shareDirect: false,
  note: null,
  createdAt: t(minutes),
  updatedAt: t(minutes),
  closedAt: null,
  ambassadorMail: 'pending',
  helperMail: 'none',
  mailAttempts: 0,
  mailNextAt: t(minutes),
  ...extra,
});

describe('contact requests on PostgreSQL, as on SQLite', () => {
  async function fill(r: Repos) {
    await r.addPoint('help0001');
    await r.addPoint('help0002');
    await r.contactRequests.insert(request('r1', 0));
    await r.contactRequests.insert(request('r2', 10, { shareDirect: true, email: 'j@example.org' }));
    await r.contactRequests.insert(request('r3', 20, { pointId: 'help0002', subarea: 'grzegorzki-wesola' }));
    await r.contactRequests.insert(request('r4', 30, { mailNextAt: null, ambassadorMail: 'sent' }));
  }

  it('lists the inbox open first, then newest first, per subarea or all, and per point newest first', async () => {
    await same(async (r) => {
      await fill(r);
      await r.contactRequests.setStatus('r4', 'handed-over', 'Przekazane', audit('contact-request:r4', 40));
      return [
        await r.contactRequests.inbox(null),
        await r.contactRequests.inbox('kazimierz-stradom'),
        await r.contactRequests.inbox('stara-nowa-huta'),
        await r.contactRequests.forPoint('help0001'),
        await r.contactRequests.get('r2'),
        await r.contactRequests.get('nope'),
      ];
    });
  });

  it('closes and reopens a request with its audit entry, and erases only those closed before the cutoff', async () => {
    await same(async (r) => {
      await fill(r);
      await r.contactRequests.setStatus('r1', 'failed', 'Nie odbiera', audit('contact-request:r1', 50));
      await r.contactRequests.setStatus('r2', 'handed-over', null, audit('contact-request:r2', 60));
      const closed = await r.contactRequests.get('r1');
      await r.contactRequests.setStatus('r1', 'open', null, {
        ...audit('contact-request:r1', 70),
        action: 'request-reopened',
      });
      await r.contactRequests.setStatus('r3', 'failed', null, audit('contact-request:r3', 80));
      return [
        closed,
        await r.contactRequests.get('r1'),
        await r.staffAudit.forSubject('contact-request:r1'),
        await r.contactRequests.purgeClosedBefore(t(61)),
        await r.contactRequests.inbox(null),
      ];
    });
  });

  it('finds the requests whose notices are due and records the mail progress', async () => {
    await same(async (r) => {
      await fill(r);
      const due = (await r.contactRequests.mailDue(t(10))).sort();
      await r.contactRequests.setMail('r1', {
        ambassadorMail: 'sent',
        helperMail: 'failed',
        mailAttempts: 3,
        mailNextAt: null,
      });
      return [due, (await r.contactRequests.mailDue(t(100))).sort(), await r.contactRequests.get('r1')];
    });
  });

  it('rolls the status back when its audit entry cannot be written', async () => {
    await fill(pgRepos);
    const bad = { ...audit('contact-request:r1', 50), actor: null as unknown as string };
    await expect(pgRepos.contactRequests.setStatus('r1', 'failed', 'x', bad)).rejects.toThrow();
    expect((await pgRepos.contactRequests.get('r1'))!.status).toBe('open');
  });
});

describe('ambassadors’ cards on PostgreSQL, as on SQLite', () => {
  const card = (seat: string) => ({
    seat,
    phone: '',
    email: 'ambasador@example.org',
    website: '',
    hours: 'pn–pt 10–16',
    activities: ['Spacer badawczy', 'Warsztaty „Zielony Kazimierz”'],
  });

  it('stores one card per subarea, replaced by the next edit, each with its audit entry', async () => {
    await same(async (r) => {
      const empty = await r.ambassadorCards.all();
      await r.ambassadorCards.put('kazimierz-stradom', card('ul. Józefa 1'), {
        ...audit('subarea:k', 0),
        action: 'card-edit',
      });
      await r.ambassadorCards.put('grzegorzki-wesola', card('ul. Lubomirskiego'), {
        ...audit('subarea:g', 1),
        action: 'card-edit',
      });
      await r.ambassadorCards.put('kazimierz-stradom', card(''), { ...audit('subarea:k', 2), action: 'card-edit' });
      return [empty, await r.ambassadorCards.all(), await r.staffAudit.forSubject('subarea:k')];
    });
  });

  it('keeps one card and every audit entry when twenty edits of one subarea arrive at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pgRepos.ambassadorCards.put('kazimierz-stradom', card(`Siedziba ${i}`), {
          ...audit('subarea:kazimierz-stradom', i),
          action: 'card-edit',
        }),
      ),
    );
    const cards = await pgRepos.ambassadorCards.all();
    expect([...cards.keys()]).toEqual(['kazimierz-stradom']);
    expect(await pgRepos.staffAudit.forSubject('subarea:kazimierz-stradom')).toHaveLength(20);
  });

  it('leaves the card as it was when its audit entry cannot be written', async () => {
    const bad = { ...audit('subarea:k', 0), subject: null as unknown as string };
    await expect(pgRepos.ambassadorCards.put('kazimierz-stradom', card('x'), bad)).rejects.toThrow();
    expect(await pgRepos.ambassadorCards.all()).toEqual(new Map());
  });
});

const activity = (id: string, start: string, end: string, extra: Partial<Activity> = {}): Activity => ({
  id,
  title: `Warsztaty ${id}`,
  subarea: 'kazimierz-stradom',
  place: { name: 'Plac Nowy', lng: 19.9447, lat: 50.0514 },
  start,
  end,
  audience: ['wszyscy'],
  registration: { type: 'none' },
  status: 'zaplanowane',
  startUtc: warsawToUtc(start)!.toISOString(),
  endUtc: warsawToUtc(end)!.toISOString(),
  sequence: 0,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

describe('activities on PostgreSQL, as on SQLite', () => {
  const a1 = activity('activity-1', '2026-12-05T18:00', '2026-12-05T20:00');
  const a2 = activity('activity-2', '2026-12-05T18:00', '2026-12-06T10:00', {
    subarea: 'stara-nowa-huta',
    description: 'Opis\nw dwóch liniach',
    registration: { type: 'link', url: 'https://example.org/zapisy' },
  });
  const a3 = activity('activity-0', '2026-12-07T09:30', '2026-12-07T11:00', { audience: ['dzieci', 'seniorzy'] });

  it('lists activities overlapping a range, by start then id, optionally in one subarea', async () => {
    await same(async (r) => {
      for (const a of [a1, a2, a3])
        await r.activities.save(a, { at: T0, actor: 'ola', action: 'create', before: null });
      return [
        await r.activities.list({}),
        await r.activities.list({ from: a1.endUtc }),
        await r.activities.list({ from: a1.startUtc, to: a3.startUtc }),
        await r.activities.list({ to: a1.startUtc }),
        await r.activities.list({ subarea: 'kazimierz-stradom', from: '2026-12-05T19:00:00.000Z' }),
        await r.activities.get('activity-2'),
        await r.activities.get('missing-1'),
      ];
    });
  });

  it('replaces an activity with the given sequence, keeping its subarea and creation time', async () => {
    await same(async (r) => {
      await r.activities.save(a1, { at: T0, actor: 'ola', action: 'create', before: null });
      const changed = {
        ...a1,
        title: 'Nowy tytuł',
        status: 'odwolane' as const,
        cancelReason: 'Deszcz',
        sequence: 1,
        subarea: 'grzegorzki-wesola' as const,
        createdAt: t(5),
        updatedAt: t(5),
      };
      await r.activities.save(changed, { at: t(5), actor: 'ewa', action: 'update', before: a1 });
      const stored = await r.activities.get(a1.id);
      await r.activities.remove(a1.id, { at: t(9), actor: 'ola', action: 'delete', before: stored! });
      return [
        stored,
        await r.activities.list({ subarea: 'grzegorzki-wesola' }),
        await r.activities.get(a1.id),
        await r.activities.history(a1.id),
        await r.activities.history('missing-1'),
      ];
    });
  });

  it('keeps one activity and every audit entry when twenty saves of one id arrive at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pgRepos.activities.save(
          { ...a1, sequence: i, title: `Warsztaty nr ${i}` },
          { at: t(i), actor: 'ola', action: i ? 'update' : 'create', before: null },
        ),
      ),
    );
    expect(await pgRepos.activities.list({})).toHaveLength(1);
    expect(await pgRepos.activities.history(a1.id)).toHaveLength(20);
  });

  it('writes neither the activity nor its audit entry when one of them fails', async () => {
    const bad = { at: T0, actor: 'ola', action: 'nonsense' as 'create', before: null };
    await expect(pgRepos.activities.save(a1, bad)).rejects.toThrow();
    expect(await pgRepos.activities.get(a1.id)).toBeUndefined();
    expect(await pgRepos.activities.history(a1.id)).toEqual([]);
  });
});
