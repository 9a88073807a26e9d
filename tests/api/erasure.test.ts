import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { openDb, type Db } from '../../src/server/db/open.ts';
import { EventBus } from '../../src/server/events.ts';
import { PointHistory } from '../../src/common/moderation.ts';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { approve, bearer, createPoint, helpBody, json, moderatorCookie, walkBody } from './helpers.ts';

/**
 * Removal erases (RODO art. 17). Not "hidden": after the author's DELETE or a moderator's removal the person's name,
 * phone, e-mail, texts and photo are in neither the database file nor its -wal, byte for byte. A real file database
 * in a temporary directory, because an in-memory one has no bytes to look at.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'mapa-erasure-'));
  dirs.push(dir);
  const file = join(dir, 'mapa.sqlite');
  const db = openDb(file);
  const bus = new EventBus();
  const events: { name: string; id: string }[] = [];
  bus.subscribe((m) => events.push({ name: m.name, id: m.data.id }));
  const app = createApp(db, { basemapStyleUrl: null, bus });
  /** Every byte SQLite keeps for this database, after the kind of checkpoint SQLite runs by itself. */
  const bytes = () => {
    db.pragma('wal_checkpoint(PASSIVE)');
    return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  };
  return { db, app, file, events, bytes };
}

const PERSON = {
  name: 'Zofia Niepowtarzalna',
  newName: 'Zofia N. Poprawiona',
  phone: '+48 612 345 678',
  email: 'zofia.niepowtarzalna@example.org',
  description: 'Robię zakupy seniorom z ulicy Wąskiej, dzwonić po 17.',
  availability: 'Wtorki i czwartki wieczorem',
};
const SECRETS = Object.values(PERSON);

async function personOffer(w: ReturnType<typeof fileWorld>) {
  const cookie = await moderatorCookie(w.app, w.db);
  const { id, editToken } = await createPoint(
    w.app,
    helpBody({
      helperType: 'person',
      name: PERSON.name,
      description: PERSON.description,
      availability: PERSON.availability,
      contact: { phone: PERSON.phone, email: PERSON.email },
      contactConsent: { phone: true },
    }),
  );
  await approve(w.app, cookie, id);
  // An older version of the text too: an edit leaves the previous row image in free space and in the WAL.
  const edited = await w.app.request(
    `/api/points/${id}`,
    json({ layer: 'help', name: PERSON.newName }, bearer(editToken), 'PATCH'),
  );
  expect(edited.status).toBe(200);
  await approve(w.app, cookie, id);
  return { id, editToken, cookie };
}

const noisyJpeg = () =>
  sharp(randomBytes(300 * 200 * 3), { raw: { width: 300, height: 200, channels: 3 } })
    .jpeg()
    .toBuffer();
const contains = (haystack: Buffer, needle: string) => haystack.includes(Buffer.from(needle, 'utf8'));

describe('removal erases', () => {
  it("after the author's DELETE and a checkpoint, neither the database file nor its -wal holds the name or phone", async () => {
    const w = fileWorld();
    const { id, editToken } = await personOffer(w);
    // The control: before removal every one of them is on disk, so the check below can fail.
    const before = w.bytes();
    for (const s of SECRETS) expect(contains(before, s), s).toBe(true);

    const res = await w.app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    expect(await res.json()).toEqual({ id, status: 'removed' });

    const after = w.bytes();
    for (const s of SECRETS) expect(contains(after, s), `"${s}" is still in the database files`).toBe(false);
    expect(w.events.at(-1)).toEqual({ name: 'removed', id });
    w.db.close();
  });

  it("a moderator's removal with a reason erases the same, and the history keeps who, what and when with the reason", async () => {
    const w = fileWorld();
    const { id, cookie } = await personOffer(w);
    const headers = { Cookie: cookie };
    const history = async () => await w.app.request(`/api/moderation/points/${id}/history`, { headers });
    const noReason = await w.app.request(`/api/moderation/points/${id}/remove`, json({}, headers));
    expect((await noReason.json()).issues[0].path).toBe('reason');
    const before = PointHistory.parse(await (await history()).json());
    expect(before.entries.map((e) => [e.action, e.actor, e.changed])).toEqual([
      ['create', 'author', []],
      ['approve', 'ola', []],
      ['edit', 'author', ['name']],
      ['approve', 'ola', []],
    ]);

    const res = await w.app.request(
      `/api/moderation/points/${id}/remove`,
      json({ reason: 'na prośbę osoby (telefon)' }, headers),
    );
    expect(await res.json()).toEqual({ id, status: 'removed' });
    expect((await w.app.request(`/api/moderation/points/${id}`, { headers })).status).toBe(404);
    const after = w.bytes();
    for (const s of SECRETS) expect(contains(after, s), `"${s}" is still in the database files`).toBe(false);
    const audit = w.db
      .prepare('SELECT actor, action, reason, changed FROM audit_log WHERE point_id = ? ORDER BY id')
      .all(id);
    expect(audit.at(-1)).toEqual({
      actor: 'ola',
      action: 'remove',
      reason: 'na prośbę osoby (telefon)',
      changed: null,
    });
    w.db.close();
  });

  it("a walk pin's photo, title and nickname go with it", async () => {
    const w = fileWorld();
    const { id, editToken } = await createPoint(
      w.app,
      walkBody({ title: 'Podwórko Niepowtarzalne', nickname: 'Niepowtarzalny Nick' }),
    );
    const put = await w.app.request(`/api/points/${id}/photo`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg', ...bearer(editToken) },
      body: new Uint8Array(await noisyJpeg()),
    });
    expect(put.status).toBe(200);
    const photo = Buffer.from(
      await (await w.app.request(`/api/points/${id}/photo`, { headers: bearer(editToken) })).arrayBuffer(),
    );
    // Noise compresses to bytes found nowhere else, so finding these 64 means finding the photo.
    const sample = photo.subarray(photo.length >> 1, (photo.length >> 1) + 64);
    expect(w.bytes().includes(sample)).toBe(true);

    await w.app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    const after = w.bytes();
    expect(after.includes(sample), 'photo bytes are still in the database files').toBe(false);
    for (const s of ['Podwórko Niepowtarzalne', 'Niepowtarzalny Nick']) expect(contains(after, s), s).toBe(false);
    expect(w.db.prepare('SELECT COUNT(*) FROM photos').pluck().get()).toBe(0);
    w.db.close();
  });

  it('no audit entry holds content: only who, what, when, why and the names of changed fields', async () => {
    const w = fileWorld();
    const { id, cookie } = await personOffer(w);
    await w.app.request(
      `/api/moderation/points/${id}`,
      json({ layer: 'help', description: 'Opis poprawiony przez moderację' }, { Cookie: cookie }, 'PATCH'),
    );
    const rows = w.db.prepare('SELECT * FROM audit_log').all() as Record<string, unknown>[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['action', 'actor', 'at', 'changed', 'id', 'point_id', 'reason']);
    const text = JSON.stringify(rows);
    for (const s of [...SECRETS, 'Opis poprawiony przez moderację']) expect(text).not.toContain(s);
    w.db.close();
  });
});

describe('migration 007', () => {
  it('scrubs the content older versions copied into the audit log, keeping who, what, when and the changed fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapa-erasure-'));
    dirs.push(dir);
    const file = join(dir, 'mapa.sqlite');
    let db: Db = openDb(file);
    db.prepare(
      `INSERT INTO points (id, layer, status, lng, lat, public_lng, public_lat, subarea, data, edit_token_hash, created_at, updated_at)
      VALUES ('oldpoint1', 'walk', 'published', 19.9447, 50.0514, 19.9447, 50.0514, NULL, '{}', 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    ).run();
    // The audit log as migrations 002–006 left it, with whole records in before/after.
    db.exec(`DROP TABLE audit_log;
      CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        point_id TEXT NOT NULL REFERENCES points (id), reason TEXT, before TEXT, after TEXT);
      DELETE FROM schema_migrations WHERE name = '007_audit_without_content.sql';`);
    const old = {
      title: 'Stary Tytuł Niepowtarzalny',
      nickname: 'Stary Nick Niepowtarzalny',
      status: 'pending',
      updatedAt: 'a',
    };
    const insert = db.prepare(
      'INSERT INTO audit_log (at, actor, action, point_id, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('2026-01-01T00:00:00.000Z', 'author', 'create', 'oldpoint1', null, null, JSON.stringify(old));
    insert.run(
      '2026-01-02T00:00:00.000Z',
      'ola',
      'moderator-edit',
      'oldpoint1',
      null,
      JSON.stringify(old),
      JSON.stringify({ ...old, title: 'Nowy Tytuł Niepowtarzalny', status: 'published', updatedAt: 'b' }),
    );
    insert.run(
      '2026-01-03T00:00:00.000Z',
      'ola',
      'reject',
      'oldpoint1',
      'spam',
      JSON.stringify(old),
      JSON.stringify(old),
    );
    db.close();

    db = openDb(file);
    const rows = db.prepare('SELECT at, actor, action, reason, changed FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([
      { at: '2026-01-01T00:00:00.000Z', actor: 'author', action: 'create', reason: null, changed: null },
      { at: '2026-01-02T00:00:00.000Z', actor: 'ola', action: 'moderator-edit', reason: null, changed: '["title"]' },
      { at: '2026-01-03T00:00:00.000Z', actor: 'ola', action: 'reject', reason: 'spam', changed: '[]' },
    ]);
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    for (const s of ['Stary Tytuł Niepowtarzalny', 'Stary Nick Niepowtarzalny', 'Nowy Tytuł Niepowtarzalny']) {
      expect(contains(bytes, s), `"${s}" is still in the database files`).toBe(false);
    }
    db.close();
  });
});
