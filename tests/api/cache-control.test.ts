import { describe, expect, it } from 'vitest';
import { addModerator, bearer, createPoint, fresh, helpBody, json, moderatorCookie, walkBody } from './helpers.ts';

/** Answers carrying an edit token, an author's full record or a staff account must never be stored by a cache. */
describe('Cache-Control: no-store', () => {
  it('marks every answer to the author: the creation (and its replay), reading, editing, removing', async () => {
    const { app } = fresh();
    const key = { 'Idempotency-Key': '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' };
    const created = await app.request('/api/points', json(walkBody(), key));
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const { id, editToken } = await created.json();
    const replayed = await app.request('/api/points', json(walkBody(), key));
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replayed.headers.get('Cache-Control')).toBe('no-store');
    const own = await app.request(`/api/points/${id}`, { headers: bearer(editToken) });
    expect(own.status).toBe(200);
    expect(own.headers.get('Cache-Control')).toBe('no-store');
    const edited = await app.request(
      `/api/points/${id}`,
      json({ layer: 'walk', title: 'Nowy tytuł' }, bearer(editToken), 'PATCH'),
    );
    expect(edited.status).toBe(200);
    expect(edited.headers.get('Cache-Control')).toBe('no-store');
    const removed = await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    expect(removed.status).toBe(200);
    expect(removed.headers.get('Cache-Control')).toBe('no-store');
  });

  it('marks every answer to a request carrying an edit token, on any route', async () => {
    const { app } = fresh();
    const offer = await createPoint(
      app,
      helpBody({ helperType: 'person', name: 'Pani Ela', contact: { phone: '+48 699 111 222' } }),
    );
    const requests = await app.request(`/api/points/${offer.id}/contact-requests`, {
      headers: bearer(offer.editToken),
    });
    expect(requests.status).toBe(200);
    expect(requests.headers.get('Cache-Control')).toBe('no-store');
    // Even a refusal: a wrong token's 403 is nobody's business to keep.
    const refused = await app.request(`/api/points/${offer.id}`, { headers: bearer('x'.repeat(43)) });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
  });

  it('marks the login answer and /me, which name a staff account', async () => {
    const { app, db } = fresh();
    const creds = await addModerator(db);
    const login = await app.request('/api/auth/login', json(creds));
    expect(login.status).toBe(200);
    expect(login.headers.get('Cache-Control')).toBe('no-store');
    const cookie = await moderatorCookie(app, db);
    const me = await app.request('/api/auth/me', { headers: { Cookie: cookie } });
    expect(me.headers.get('Cache-Control')).toBe('no-store');
  });

  it('leaves the public projection of a point cacheable as before', async () => {
    const { app } = fresh();
    const { id } = await createPoint(app, walkBody());
    const res = await app.request(`/api/points/${id}`);
    expect(res.headers.get('Cache-Control')).toBeNull();
  });
});
