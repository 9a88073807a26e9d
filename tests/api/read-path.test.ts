import { describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { PointChanges, PointCollection } from '../../src/common/points.ts';
import {
  approve,
  bearer,
  createPoint,
  fresh,
  helpBody,
  json,
  moderatorCookie,
  walkBody,
  type TestApp,
} from './helpers.ts';

async function list(app: TestApp, query = 'layer=walk', headers: Record<string, string> = {}) {
  const res = await app.request(`/api/points?${query}`, { headers });
  return { res, etag: res.headers.get('ETag')! };
}
async function changes(app: TestApp, query: string) {
  const res = await app.request(`/api/points/changes?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return PointChanges.parse(await res.json());
}
async function published(app: TestApp, cookie: string, body: object = walkBody()) {
  const created = await createPoint(app, body);
  await approve(app, cookie, created.id);
  return created;
}

describe('GET /api/points: cached per data version, with a strong ETag', () => {
  it('answers 304 Not Modified to a browser that has the current list', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    await published(app, cookie);
    const first = await list(app);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(first.res.headers.get('Cache-Control')).toBe('no-cache');
    const again = await list(app, 'layer=walk', { 'If-None-Match': first.etag });
    expect(again.res.status).toBe(304);
    expect(again.etag).toBe(first.etag);
    expect(await again.res.text()).toBe('');
  });

  it('a different filter is a different answer with its own ETag', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    await published(app, cookie);
    const whole = await list(app);
    const inBox = await list(app, 'layer=walk&bbox=19.9,50.0,19.91,50.01');
    expect(inBox.etag).not.toBe(whole.etag);
    expect(PointCollection.parse(await inBox.res.json()).features).toHaveLength(0);
  });

  it('every kind of write to a published point changes the list and its ETag: approve, vote, edit, remove', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const seen = new Set<string>();
    const etagNow = async () => {
      const { res, etag } = await list(app);
      expect(res.status).toBe(200);
      return { etag, body: PointCollection.parse(await res.json()) };
    };
    seen.add((await etagNow()).etag);
    const { id, editToken } = await published(app, cookie);
    const afterApprove = await etagNow();
    expect(afterApprove.body.features.map((f) => f.id)).toEqual([id]);
    const vote = await app.request(`/api/points/${id}/votes`, {
      method: 'POST',
      headers: { 'X-Device-Id': 'device-0123456789abcdef' },
    });
    expect(vote.status).toBe(200);
    const afterVote = await etagNow();
    expect(afterVote.body.features[0]!.properties).toMatchObject({ votes: 1 });
    await app.request(
      `/api/moderation/points/${id}`,
      json({ layer: 'walk', title: 'Nowy tytuł' }, { Cookie: cookie }, 'PATCH'),
    );
    const afterEdit = await etagNow();
    expect(afterEdit.body.features[0]!.properties).toMatchObject({ title: 'Nowy tytuł' });
    await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    const afterRemove = await etagNow();
    expect(afterRemove.body.features).toEqual([]);
    for (const e of [afterApprove, afterVote, afterEdit, afterRemove]) seen.add(e.etag);
    expect(seen.size).toBe(5);
    const versions = [afterApprove, afterVote, afterEdit, afterRemove].map((e) => e.body.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('a pin waiting for moderation changes nothing the public sees: the version and the ETag stay', async () => {
    const { app } = fresh();
    const before = await list(app);
    const v = PointCollection.parse(await before.res.json()).version;
    await createPoint(app, walkBody());
    const after = await list(app, 'layer=walk', { 'If-None-Match': before.etag });
    expect(after.res.status).toBe(304);
    expect((await changes(app, `since=${v}`)).changes).toEqual([]);
  });

  it('the compressed list has its own ETag and is revalidated in that encoding too', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    for (let i = 0; i < 8; i++) await published(app, cookie, walkBody({ title: `Punkt numer ${i} na Kazimierzu` }));
    const plain = await list(app);
    const br = await list(app, 'layer=walk', { 'Accept-Encoding': 'br, gzip' });
    expect(br.res.headers.get('Content-Encoding')).toBe('br');
    expect(br.res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    expect(br.etag).not.toBe(plain.etag);
    const decoded = JSON.parse(brotliDecompressSync(Buffer.from(await br.res.arrayBuffer())).toString());
    expect(decoded).toEqual(await plain.res.json());
    const again = await list(app, 'layer=walk', { 'Accept-Encoding': 'br, gzip', 'If-None-Match': br.etag });
    expect(again.res.status).toBe(304);
  });
});

describe('GET /api/points/changes?since=<version>', () => {
  it('returns only the points changed after the version, in their current public state', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const old = await published(app, cookie, walkBody({ title: 'Stary punkt' }));
    const { version } = PointCollection.parse(await (await list(app)).res.json());
    const fresh1 = await published(app, cookie, walkBody({ title: 'Nowy punkt' }));
    const gone = await published(app, cookie, walkBody({ title: 'Zaraz zniknie' }));
    await app.request(`/api/points/${gone.id}`, { method: 'DELETE', headers: bearer(gone.editToken) });
    const delta = await changes(app, `since=${version}`);
    expect(delta.reset).toBe(false);
    expect(delta.changes.map((c) => c.id).sort()).toEqual([fresh1.id, gone.id].sort());
    expect(delta.changes.find((c) => c.id === fresh1.id)!.feature?.properties).toMatchObject({ title: 'Nowy punkt' });
    expect(delta.changes.find((c) => c.id === gone.id)!.feature).toBeUndefined();
    expect(delta.changes.some((c) => c.id === old.id)).toBe(false);
    // Caught up: asking from the answer's own version gives nothing more.
    expect((await changes(app, `since=${delta.version}`)).changes).toEqual([]);
  });

  it('can be limited to one layer', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    await published(app, cookie);
    const help = await published(app, cookie, helpBody());
    const delta = await changes(app, 'since=0&layer=help');
    expect(delta.changes.map((c) => c.id)).toEqual([help.id]);
  });

  it('tells a client with a version this database never had to reload the whole lists', async () => {
    const { app } = fresh();
    const delta = await changes(app, 'since=999');
    expect(delta).toMatchObject({ reset: true, changes: [] });
  });

  it('refuses a version that is not a number, naming the field', async () => {
    const { app } = fresh();
    for (const q of ['since=abc', 'since=', 'since=-1', '', 'since=1&extra=1']) {
      const res = await app.request(`/api/points/changes?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { issues: { path: string }[] };
      expect(body.issues.length, q).toBeGreaterThan(0);
    }
  });
});
