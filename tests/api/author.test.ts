import { describe, expect, it } from 'vitest';
import { PointFeature, PointRecord } from '../../src/common/points.ts';
import { approve, bearer, createPoint, fresh, helpBody, json, moderatorCookie, walkBody } from './helpers.ts';

async function published() {
  const { app, db } = fresh();
  const cookie = await moderatorCookie(app, db);
  const p = await createPoint(app, walkBody());
  await approve(app, cookie, p.id);
  return { app, db, cookie, ...p };
}

describe('GET /api/points/:id', () => {
  it('gives the author the full point in any status with the edit token', async () => {
    const { app } = fresh();
    const { id, editToken } = await createPoint(
      app,
      helpBody({ helperType: 'person', contactConsent: { phone: false } }),
    );
    const res = await app.request(`/api/points/${id}`, { headers: bearer(editToken) });
    expect(res.status).toBe(200);
    const own = PointRecord.parse(await res.json());
    expect(own).toMatchObject({ id, status: 'pending', layer: 'help', lng: 19.9447, lat: 50.0514 });
    expect(own.layer === 'help' && own.contact?.phone).toBe('+48 600 100 200');
  });

  it('hides a pending point from anyone without the token', async () => {
    const { app } = fresh();
    const { id } = await createPoint(app, walkBody());
    const res = await app.request(`/api/points/${id}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });

  it('shows a published point to anyone as its public feature', async () => {
    const { app, id } = await published();
    const f = PointFeature.parse(await (await app.request(`/api/points/${id}`)).json());
    expect(f.properties.status).toBe('published');
  });

  it('answers 403 to a wrong token, 401 to a malformed Authorization and 404 to an unknown id', async () => {
    const { app, id } = await published();
    expect((await app.request(`/api/points/${id}`, { headers: bearer('x'.repeat(43)) })).status).toBe(403);
    expect((await app.request(`/api/points/${id}`, { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await app.request('/api/points/AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await app.request('/api/points/..%2F..')).status).toBe(400);
  });
});

describe('PATCH /api/points/:id', () => {
  it('sends a published point back to pending when its text changes, and off the public map', async () => {
    const { app, id, editToken } = await published();
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', title: 'Nowy tytuł' }, bearer(editToken), 'PATCH'),
    );
    expect(res.status).toBe(200);
    expect(PointRecord.parse(await res.json())).toMatchObject({ title: 'Nowy tytuł', status: 'pending' });
    expect((await app.request(`/api/points/${id}`)).status).toBe(404);
  });

  it('keeps a help offer published when its author only confirms it, refreshing confirmedAt', async () => {
    let t = Date.parse('2026-04-01T10:00:00Z');
    const { app, db } = fresh({ now: () => new Date(t) });
    const { id, editToken } = await createPoint(app, helpBody());
    await approve(app, await moderatorCookie(app, db), id);
    t += 86_400_000;
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'help', confirm: true }, bearer(editToken), 'PATCH'),
    );
    expect(await res.json()).toMatchObject({ status: 'published', confirmedAt: '2026-04-02T10:00:00.000Z' });
  });

  it('moves the point and re-tags its subarea when the position changes', async () => {
    const { app } = fresh();
    const { id, editToken } = await createPoint(app, walkBody());
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', lng: 19.845, lat: 50.045 }, bearer(editToken), 'PATCH'),
    );
    expect(await res.json()).toMatchObject({ lng: 19.845, subarea: null });
  });

  it('clears an optional text sent empty', async () => {
    const { app } = fresh();
    const { id, editToken } = await createPoint(app, walkBody({ description: 'opis' }));
    const res = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', description: '' }, bearer(editToken), 'PATCH'),
    );
    expect(await res.json()).not.toHaveProperty('description');
  });

  it('refuses a patch for the other layer, unknown fields, and bad values, naming the field', async () => {
    const { app, id, editToken } = await published();
    const other = await app.request(
      `/api/points/${id}`,
      json({ layer: 'help', name: 'x' }, bearer(editToken), 'PATCH'),
    );
    expect(other.status).toBe(400);
    expect((await other.json()).issues[0].path).toBe('layer');
    const unknown = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', status: 'published' }, bearer(editToken), 'PATCH'),
    );
    expect((await unknown.json()).issues).toEqual([{ path: 'status', message: 'unknown field' }]);
    const bad = await app.request(`/api/points/${id}`, json({ layer: 'walk', lat: 10 }, bearer(editToken), 'PATCH'));
    expect((await bad.json()).issues.map((i: { path: string }) => i.path)).toEqual(['lat']);
  });

  it('needs the edit token', async () => {
    const { app, id } = await published();
    expect((await app.request(`/api/points/${id}`, json({ layer: 'walk', title: 'x' }, {}, 'PATCH'))).status).toBe(401);
    expect(
      (await app.request(`/api/points/${id}`, json({ layer: 'walk', title: 'x' }, bearer('y'.repeat(43)), 'PATCH')))
        .status,
    ).toBe(403);
  });
});

describe('DELETE /api/points/:id', () => {
  it('erases the point: gone from the map, and even its author finds nothing left to read, edit or remove', async () => {
    const { app, id, editToken } = await published();
    const res = await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    expect(await res.json()).toEqual({ id, status: 'removed' });
    expect((await app.request(`/api/points/${id}`)).status).toBe(404);
    expect((await app.request(`/api/points/${id}`, { headers: bearer(editToken) })).status).toBe(404);
    const edit = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', title: 'x' }, bearer(editToken), 'PATCH'),
    );
    expect(edit.status).toBe(404);
    expect((await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) })).status).toBe(404);
  });

  it('needs the edit token', async () => {
    const { app, id } = await published();
    expect((await app.request(`/api/points/${id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer('z'.repeat(43)) })).status).toBe(
      403,
    );
  });
});
