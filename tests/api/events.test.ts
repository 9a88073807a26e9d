import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { PointEvent } from '../../src/shared/points.ts';
import { bearer, createPoint, fresh, json, moderatorCookie, approve, walkBody } from './helpers.ts';

/** Reads SSE frames from a response until `until` matches one, then returns all frames seen. */
async function readUntil(res: Response, until: (frame: string) => boolean, timeoutMs = 3000): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`no matching SSE frame; saw ${JSON.stringify(frames)}`)),
            deadline - Date.now(),
          ),
        ),
      ]);
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parts = buffer.split('\n\n');
      buffer = parts.pop()!;
      frames.push(...parts);
      if (parts.some(until)) return frames;
    }
    throw new Error(`stream ended without a matching frame; saw ${JSON.stringify(frames)}`);
  } finally {
    await reader.cancel();
  }
}

const field = (frame: string, name: string) =>
  frame
    .split('\n')
    .find((l) => l.startsWith(`${name}: `))
    ?.slice(name.length + 2);
const tick = () => new Promise((r) => setTimeout(r, 10));

describe('GET /api/events', () => {
  it('announces a point as published when a moderator approves it, with its public feature', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id } = await createPoint(app, walkBody());
    const res = await app.request('/api/events');
    expect(res.headers.get('Content-Type')).toMatch(/text\/event-stream/);
    const reading = readUntil(res, (f) => field(f, 'event') === 'published');
    await tick();
    await approve(app, cookie, id);
    const frames = await reading;
    const published = frames.find((f) => field(f, 'event') === 'published')!;
    const data = PointEvent.parse(JSON.parse(field(published, 'data')!));
    expect(data).toMatchObject({ id, layer: 'walk' });
    expect(data.feature?.properties.status).toBe('published');
  });

  it('announces updated on a moderator edit and removed when the author deletes', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id, editToken } = await createPoint(app, walkBody());
    await approve(app, cookie, id);
    const res = await app.request('/api/events');
    const reading = readUntil(res, (f) => field(f, 'event') === 'removed');
    await tick();
    await app.request(
      `/api/moderation/points/${id}`,
      json({ layer: 'walk', title: 'Nowy' }, { Cookie: cookie }, 'PATCH'),
    );
    await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    const events = (await reading).map((f) => field(f, 'event')).filter(Boolean);
    expect(events).toEqual(['updated', 'removed']);
  });

  it('carries the version each change produced, the same one the changes endpoint then reports', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const first = await createPoint(app, walkBody());
    const second = await createPoint(app, walkBody());
    const res = await app.request('/api/events');
    const reading = readUntil(res, (f) => field(f, 'data')?.includes(second.id) ?? false);
    await tick();
    await approve(app, cookie, first.id);
    await approve(app, cookie, second.id);
    const versions = (await reading)
      .filter((f) => field(f, 'event') === 'published')
      .map((f) => PointEvent.parse(JSON.parse(field(f, 'data')!)).version!);
    expect(versions).toHaveLength(2);
    expect(versions[1]).toBe(versions[0]! + 1);
    const changes = (await (await app.request(`/api/points/changes?since=${versions[0]}`)).json()) as {
      version: number;
      changes: { id: string }[];
    };
    expect(changes.version).toBe(versions[1]);
    expect(changes.changes.map((c) => c.id)).toEqual([second.id]);
  });

  it('sends keep-alive comments and unsubscribes when the client goes away', async () => {
    const bus = new EventBus();
    const { app } = fresh({ bus, limits: { sseKeepAliveMs: 20 } });
    const res = await app.request('/api/events');
    await readUntil(res, (f) => f.includes(': keep-alive'));
    await tick();
    expect(bus.size).toBe(0);
  });
});
