import { describe, expect, it } from 'vitest';
import { VoteResult } from '../../src/common/points.ts';
import { approve, createPoint, fresh, helpBody, moderatorCookie, walkBody } from './helpers.ts';

const DEVICE_A = 'device-aaaaaaaaaaaaaaaa';
const DEVICE_B = 'device-bbbbbbbbbbbbbbbb';
const vote = (app: ReturnType<typeof fresh>['app'], id: string, device?: string, ip = '10.0.0.1') =>
  app.request(`/api/points/${id}/votes`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': ip, ...(device ? { 'X-Device-Id': device } : {}) },
  });

async function publishedWalk(options = {}) {
  const { app, db } = fresh({ trustProxy: true, ...options });
  const cookie = await moderatorCookie(app, db);
  const { id } = await createPoint(app, walkBody());
  await approve(app, cookie, id);
  return { app, db, cookie, id };
}

describe('POST /api/points/:id/votes', () => {
  it('counts one "me too" per device and answers 200 with counted:false on a repeat', async () => {
    const { app, id } = await publishedWalk();
    expect(VoteResult.parse(await (await vote(app, id, DEVICE_A)).json())).toEqual({ id, votes: 1, counted: true });
    const again = await vote(app, id, DEVICE_A);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, votes: 1, counted: false });
    expect(await (await vote(app, id, DEVICE_B)).json()).toEqual({ id, votes: 2, counted: true });
    const f = await (await app.request(`/api/points/${id}`)).json();
    expect(f.properties.votes).toBe(2);
  });

  it('stores the device id only hashed', async () => {
    const { app, db, id } = await publishedWalk();
    await vote(app, id, DEVICE_A);
    expect(JSON.stringify(await db.all('SELECT * FROM votes'))).not.toContain(DEVICE_A);
  });

  it('requires a well-formed X-Device-Id', async () => {
    const { app, id } = await publishedWalk();
    const none = await vote(app, id);
    expect(none.status).toBe(400);
    expect((await none.json()).issues[0].path).toBe('X-Device-Id');
    expect((await vote(app, id, 'short')).status).toBe(400);
  });

  it('answers 404 for a pending point and 400 for a help offer', async () => {
    const { app, cookie } = await publishedWalk();
    const pending = await createPoint(app, walkBody());
    expect((await vote(app, pending.id, DEVICE_A)).status).toBe(404);
    const help = await createPoint(app, helpBody());
    await approve(app, cookie, help.id);
    expect((await vote(app, help.id, DEVICE_A)).status).toBe(400);
  });

  it('rate-limits votes per address', async () => {
    const { app, id } = await publishedWalk({ limits: { votes: { max: 2, windowMs: 60_000 } } });
    await vote(app, id, 'd'.repeat(16));
    await vote(app, id, 'e'.repeat(16));
    expect((await vote(app, id, 'f'.repeat(16))).status).toBe(429);
    expect((await vote(app, id, 'f'.repeat(16), '10.9.9.9')).status).toBe(200);
  });
});
