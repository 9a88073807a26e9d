import type { UseStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../src/client/api/http.ts';
import { Outbox, retryable, type OutboxItem } from '../../../src/client/offline/outbox.svelte.ts';
import { MyPoints } from '../../../src/client/state/my-points.svelte.ts';
import type { PointCreated, PointCreateInput } from '../../../src/common/points.ts';

/**
 * An IndexedDB object store in memory, enough for idb-keyval's set, del and values; like IndexedDB, it answers on a
 * later task, and stores copies.
 */
function memoryStore() {
  const data = new Map<string, unknown>();
  const later = (request: Record<string, unknown>) =>
    setTimeout(() => (request.oncomplete as (() => void) | undefined)?.());
  const store: UseStore = async (_mode, callback) => {
    const transaction: Record<string, unknown> = {};
    later(transaction);
    return callback({
      transaction,
      put: (value: unknown, key: string) => data.set(key, structuredClone(value)),
      delete: (key: string) => data.delete(key),
      getAll: () => {
        const request: Record<string, unknown> = { result: [...data.values()].map((v) => structuredClone(v)) };
        later(request);
        return request;
      },
    } as unknown as IDBObjectStore);
  };
  return { store, data };
}

const pin = (title: string) =>
  ({
    layer: 'walk',
    lng: 19.9447,
    lat: 50.0514,
    kind: 'keep',
    theme: 'zielen',
    title,
    description: '',
    consent: true,
  }) as unknown as PointCreateInput;
const created = (id: string): PointCreated => ({ id, status: 'pending', editToken: `token-${id}` }) as PointCreated;
const KEY_A = 'key-aaaaaaaaaaaaaaaa';
const KEY_B = 'key-bbbbbbbbbbbbbbbb';
const offline = () => new ApiFailure(0, 'network error: Failed to fetch');

/** What "Moje punkty" keeps in localStorage. */
const myPoints = () => JSON.parse(localStorage.getItem('mapa.myPoints') ?? '[]') as { id: string; editToken: string }[];

describe('Outbox', () => {
  let mine: MyPoints;
  beforeEach(() => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => saved.set(k, v),
    });
    vi.stubGlobal('window', new EventTarget());
    mine = new MyPoints();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a pin sent after the connection returned in the page\'s own "Moje punkty", with no reload', async () => {
    const { store } = memoryStore();
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValueOnce(offline()).mockResolvedValueOnce(created('point-0003'));
    const outbox = new Outbox(mine, send, store);
    await outbox.submit(pin('Ławka'), KEY_A);
    expect(mine.list).toEqual([]);
    await outbox.flush();
    expect(mine.list).toMatchObject([{ id: 'point-0003', layer: 'walk', title: 'Ławka' }]);
  });

  it('keeps a submission on the device while it is sent, then forgets it and remembers its edit link', async () => {
    const { store, data } = memoryStore();
    const send = vi.fn(async (_body: PointCreateInput, key: string) => {
      expect(data.has(key), 'stored before it is sent').toBe(true);
      return created('point-0001');
    });
    const outbox = new Outbox(mine, send, store);
    const result = await outbox.submit(pin('Ławka'), KEY_A);
    expect(result).toEqual({ state: 'sent', result: created('point-0001') });
    expect(send).toHaveBeenCalledWith(pin('Ławka'), KEY_A);
    expect(data.size).toBe(0);
    expect(outbox.items).toEqual([]);
    expect(myPoints()).toMatchObject([{ id: 'point-0001', editToken: 'token-point-0001' }]);
  });

  it('queues what could not reach the server, and sends it later with the same Idempotency-Key', async () => {
    const { store, data } = memoryStore();
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValueOnce(offline());
    const outbox = new Outbox(mine, send, store);
    const result = await outbox.submit(pin('Ławka'), KEY_A);
    expect(result.state).toBe('queued');
    expect(outbox.items.map((i) => [i.key, i.label, i.refused])).toEqual([[KEY_A, 'Ławka', null]]);
    expect(data.has(KEY_A)).toBe(true);

    send.mockResolvedValueOnce(created('point-0002'));
    await outbox.flush();
    expect(send.mock.calls.map(([, key]) => key)).toEqual([KEY_A, KEY_A]);
    expect(outbox.items).toEqual([]);
    expect(data.size).toBe(0);
    expect(myPoints().map((p) => p.id)).toEqual(['point-0002']);
  });

  it('forgets a submission the server refuses while the resident is on the form, and passes the refusal on', async () => {
    const { store, data } = memoryStore();
    const refusal = new ApiFailure(400, 'title: Wpisz tytuł');
    const outbox = new Outbox(mine, () => Promise.reject(refusal), store);
    await expect(outbox.submit(pin(''), KEY_A)).rejects.toBe(refusal);
    expect(outbox.items).toEqual([]);
    expect(data.size).toBe(0);
  });

  it('keeps a queued submission the server later refuses, with the reason, and stops sending it', async () => {
    const { store, data } = memoryStore();
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValueOnce(offline()).mockRejectedValueOnce(new ApiFailure(422, 'Punkt poza Krakowem'));
    const outbox = new Outbox(mine, send, store);
    await outbox.submit(pin('Ławka'), KEY_A);
    await outbox.flush();
    expect(outbox.items.map((i) => i.refused)).toEqual(['Punkt poza Krakowem']);
    expect((data.get(KEY_A) as OutboxItem).refused).toBe('Punkt poza Krakowem');
    await outbox.flush();
    expect(send).toHaveBeenCalledTimes(2);
    await outbox.discard(KEY_A);
    expect(outbox.items).toEqual([]);
    expect(data.size).toBe(0);
  });

  it('sends oldest first and stops at the first failure worth retrying', async () => {
    const { store } = memoryStore();
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValue(offline());
    const outbox = new Outbox(mine, send, store);
    await outbox.submit(pin('A'), KEY_A);
    await outbox.submit(pin('B'), KEY_B);
    send.mockClear().mockRejectedValueOnce(new ApiFailure(503, 'Service Unavailable'));
    await outbox.flush();
    expect(send.mock.calls.map(([, key]) => key)).toEqual([KEY_A]);
    expect(outbox.items.map((i) => i.label)).toEqual(['A', 'B']);
  });

  it('sends each submission once when flushes overlap (two `online` events, a start-up and a click)', async () => {
    const { store } = memoryStore();
    let answer: (value: PointCreated) => void = () => {};
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValueOnce(offline());
    const outbox = new Outbox(mine, send, store);
    await outbox.submit(pin('A'), KEY_A);
    send.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const first = outbox.flush();
    const second = outbox.flush();
    expect(second).toBe(first);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    answer(created('point-0003'));
    await first;
    expect(send).toHaveBeenCalledTimes(2);
    expect(outbox.items).toEqual([]);
  });

  it('on start, reads what an earlier visit left (oldest first, unreadable entries skipped) and sends it', async () => {
    const { store, data } = memoryStore();
    const stored = (key: string, label: string, queuedAt: string): OutboxItem => ({
      key,
      layer: 'walk',
      label,
      body: pin(label) as unknown as Record<string, unknown>,
      queuedAt,
      refused: null,
    });
    data.set(KEY_B, stored(KEY_B, 'B', '2026-12-01T10:00:00.000Z'));
    data.set(KEY_A, stored(KEY_A, 'A', '2026-12-01T09:00:00.000Z'));
    data.set('junk', { key: 'short' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const send = vi.fn<(body: PointCreateInput, key: string) => Promise<PointCreated>>();
    send.mockRejectedValue(offline());
    const outbox = new Outbox(mine, send, store);
    expect(outbox.loading).toBe(true);
    const stop = outbox.start();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(outbox.loading).toBe(false);
    expect(outbox.items.map((i) => i.label)).toEqual(['A', 'B']);
    expect(send.mock.calls[0]![1]).toBe(KEY_A);
    expect(warn).toHaveBeenCalledOnce();

    // Back online: everything goes, in order.
    send.mockReset().mockImplementation(async (_body, key) => created(`point-${key.slice(-4)}`));
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(outbox.items).toEqual([]));
    expect(send.mock.calls.map(([, key]) => key)).toEqual([KEY_A, KEY_B]);
    // Stopped: a later `online` sends nothing more.
    stop();
    send.mockRejectedValueOnce(offline());
    await outbox.submit(pin('C'), 'key-cccccccccccccccc');
    send.mockClear();
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(send).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('retryable', () => {
  it('retries no answer, timeouts, rate limits and server faults, never a refusal or a bug', () => {
    for (const status of [0, 408, 429, 500, 502, 503])
      expect(retryable(new ApiFailure(status, '')), `${status}`).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 422]) {
      expect(retryable(new ApiFailure(status, '')), `${status}`).toBe(false);
    }
    expect(retryable(new TypeError('x is undefined'))).toBe(false);
  });
});
