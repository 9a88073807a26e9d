import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPointStream, type PointStreamHandlers } from '../../../src/client/state/point-stream.ts';

/** A stand-in for the browser's EventSource: the test opens, fails and feeds it by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly listeners = new Map<string, ((e: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, listener: (e: { data: string }) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  /** A network error (EventSource retries by itself) or an HTTP error (it gives up: CLOSED). */
  fail(how: 'network' | 'http') {
    this.readyState = how === 'network' ? FakeEventSource.CONNECTING : FakeEventSource.CLOSED;
    this.onerror?.();
  }
  emit(name: string, data: unknown) {
    for (const listener of this.listeners.get(name) ?? []) {
      listener({ data: typeof data === 'string' ? data : JSON.stringify(data) });
    }
  }
}

const latest = () => FakeEventSource.opened.at(-1)!;
const POINT = { id: 'abcdefgh12', layer: 'walk', version: 7 };

function handlers() {
  const calls = {
    status: [] as string[],
    opens: 0,
    errors: 0,
    events: [] as unknown[],
    activities: [] as unknown[],
  };
  const h: Required<PointStreamHandlers> = {
    onstatus: (s) => calls.status.push(s),
    onopen: () => calls.opens++,
    onerror: () => calls.errors++,
    onevent: (name, event) => calls.events.push([name, event]),
    onactivity: (event) => calls.activities.push(event),
  };
  return { calls, h };
}

describe('openPointStream', () => {
  const networkFailures = vi.fn();
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('dispatchEvent', networkFailures);
    networkFailures.mockClear();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('listens on /api/events, says "live" once open, and asks to load what was sent while away', () => {
    const { calls, h } = handlers();
    openPointStream(h);
    expect(latest().url).toBe('/api/events');
    expect(calls.opens).toBe(0);
    latest().open();
    expect(calls.status).toEqual(['live']);
    expect(calls.opens).toBe(1);
  });

  it('passes on point and activity events checked against the shared schemas', () => {
    const { calls, h } = handlers();
    openPointStream(h);
    latest().emit('published', POINT);
    latest().emit('removed', { id: 'abcdefgh12', layer: 'help' });
    latest().emit('activity', { id: 'activity-1', subarea: 'kazimierz-stradom', change: 'created' });
    expect(calls.events).toEqual([
      ['published', POINT],
      ['removed', { id: 'abcdefgh12', layer: 'help' }],
    ]);
    expect(calls.activities).toEqual([{ id: 'activity-1', subarea: 'kazimierz-stradom', change: 'created' }]);
  });

  it('drops an event that is not JSON or does not match the schema, and says so on the console', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { calls, h } = handlers();
    openPointStream(h);
    latest().emit('published', '{not json');
    latest().emit('updated', { id: 'x', layer: 'walk' });
    latest().emit('activity', { id: 'activity-1', subarea: 'kazimierz-stradom', change: 'created', extra: 1 });
    expect(calls.events).toEqual([]);
    expect(calls.activities).toEqual([]);
    expect(errors.mock.calls.map((c) => c[0])).toEqual([
      'malformed published event',
      'unexpected updated event',
      'unexpected activity event',
    ]);
  });

  it('does not listen for activities unless asked to', () => {
    const { h } = handlers();
    openPointStream({ ...h, onactivity: undefined });
    expect([...latest().listeners.keys()].sort()).toEqual(['published', 'removed', 'updated']);
  });

  it('on a network error says "reconnecting", reports it, and leaves the retry to EventSource', () => {
    const { calls, h } = handlers();
    openPointStream(h);
    latest().open();
    latest().fail('network');
    expect(calls.status).toEqual(['live', 'reconnecting']);
    expect(calls.errors).toBe(1);
    expect(networkFailures).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('after an HTTP error closes the stream, opens a new one after 1 s, then 2 s, 4 s … at most 30 s', () => {
    const { h } = handlers();
    openPointStream(h);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const count = FakeEventSource.opened.length;
      latest().fail('http');
      let waited = 0;
      while (FakeEventSource.opened.length === count) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('waits 1 s again after a stream that opened fails', () => {
    const { h } = handlers();
    openPointStream(h);
    latest().fail('http');
    vi.advanceTimersByTime(1000);
    latest().fail('http');
    vi.advanceTimersByTime(2000);
    latest().open();
    latest().fail('http');
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.opened).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(4);
  });

  it('its cleanup closes the stream and cancels a pending retry', () => {
    const { h } = handlers();
    const stop = openPointStream(h);
    const first = latest();
    first.fail('http');
    stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toEqual([first]);
    expect(first.closed).toBe(true);
  });
});
