import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/server/events.ts';
import { PointEvent } from '../../src/common/points.ts';
import { bearer, createPoint, fresh, json, moderatorCookie, approve, walkBody, type TestApp } from './helpers.ts';

/** An SSE response read frame by frame; `until` resolves with every frame seen so far once one matches. */
function frames(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: string[] = [];
  let buffer = '';
  return {
    async until(match: (frame: string) => boolean, timeoutMs = 3000): Promise<string[]> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no matching SSE frame; saw ${JSON.stringify(seen)}`)), timeoutMs);
      });
      try {
        for (let checked = seen.length; ;) {
          if (seen.slice(checked).some(match)) return seen;
          checked = seen.length;
          const { value, done } = await Promise.race([reader.read(), timeout]);
          if (done) throw new Error(`stream ended without a matching frame; saw ${JSON.stringify(seen)}`);
          buffer += decoder.decode(value, { stream: true });
          const parts = buffer.split('\n\n');
          buffer = parts.pop()!;
          seen.push(...parts);
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => reader.cancel(),
  };
}

/**
 * Opens the stream and reads up to its `: connected` comment, which the server writes once the stream is subscribed
 * to the bus: from then on no change can be missed, without guessing how long subscribing takes.
 */
async function connect(app: TestApp) {
  const res = await app.request('/api/events');
  expect(res.headers.get('Content-Type')).toMatch(/text\/event-stream/);
  const stream = frames(res);
  await stream.until((f) => f.split('\n').includes(': connected'));
  return stream;
}

const field = (frame: string, name: string) =>
  frame
    .split('\n')
    .find((l) => l.startsWith(`${name}: `))
    ?.slice(name.length + 2);

describe('GET /api/events', () => {
  it('announces a point as published when a moderator approves it, with its public feature', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id } = await createPoint(app, walkBody());
    const stream = await connect(app);
    await approve(app, cookie, id);
    const seen = await stream.until((f) => field(f, 'event') === 'published');
    await stream.close();
    const published = seen.find((f) => field(f, 'event') === 'published')!;
    const data = PointEvent.parse(JSON.parse(field(published, 'data')!));
    expect(data).toMatchObject({ id, layer: 'walk' });
    expect(data.feature?.properties.status).toBe('published');
  });

  it('announces updated on a moderator edit and removed when the author deletes', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const { id, editToken } = await createPoint(app, walkBody());
    await approve(app, cookie, id);
    const stream = await connect(app);
    await app.request(
      `/api/moderation/points/${id}`,
      json({ layer: 'walk', title: 'Nowy' }, { Cookie: cookie }, 'PATCH'),
    );
    await app.request(`/api/points/${id}`, { method: 'DELETE', headers: bearer(editToken) });
    const events = (await stream.until((f) => field(f, 'event') === 'removed')).map((f) => field(f, 'event'));
    await stream.close();
    expect(events.filter(Boolean)).toEqual(['updated', 'removed']);
  });

  it('carries the version each change produced, the same one the changes endpoint then reports', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const first = await createPoint(app, walkBody());
    const second = await createPoint(app, walkBody());
    const stream = await connect(app);
    await approve(app, cookie, first.id);
    await approve(app, cookie, second.id);
    const seen = await stream.until((f) => field(f, 'data')?.includes(second.id) ?? false);
    await stream.close();
    const versions = seen
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
    const stream = await connect(app);
    expect(bus.size).toBe(1);
    await stream.until((f) => f.includes(': keep-alive'));
    await stream.close();
    // The server learns of the disconnect asynchronously: wait for it, rather than for a guessed time.
    await vi.waitFor(() => expect(bus.size).toBe(0), { timeout: 2000, interval: 5 });
  });
});
