import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { BusMessage, EventBus } from '../events.ts';

/**
 * GET /api/events: Server-Sent Events `published` / `updated` / `removed`, data = PointEvent JSON with the version.
 * A comment line every keepAliveMs keeps proxies from closing an idle stream; `retry` tells browsers to reconnect
 * after 3 s.
 */
export function eventRoutes(bus: EventBus, keepAliveMs: number, version: () => Promise<number>) {
  return new Hono().get('/', (c) =>
    streamSSE(c, async (stream) => {
      // Writes are chained so an event and a keep-alive never interleave; each write is awaited (docs/toolchain.md:
      // an unawaited writeSSE loses the last event when the stream closes).
      let chain: Promise<unknown> = stream.write('retry: 3000\n: connected\n\n');
      let unsubscribe = () => {};
      const gone = new Promise<void>((resolve) => stream.onAbort(resolve));
      const enqueue = (write: () => Promise<unknown>) => {
        chain = chain.then(write).then(
          () => undefined,
          () => unsubscribe(), // the client vanished without an abort: stop writing to it
        );
      };
      unsubscribe = bus.subscribe((m: BusMessage) => {
        // Asked now, in the publisher's call right after its write: the version this change produced (or, when the
        // write shared its commit with others, the batch's last). A client whose last known version is exactly one
        // less knows it has missed nothing (state/live-points.svelte.ts); otherwise it asks for the changes.
        // Activities are not points: their events carry no point version.
        const asked = m.name === 'activity' ? undefined : version();
        enqueue(async () => {
          const data = JSON.stringify(asked ? { ...m.data, version: await asked } : m.data);
          await stream.writeSSE({ event: m.name, data });
        });
      });
      try {
        await chain;
        while (!stream.aborted && !stream.closed) {
          await Promise.race([stream.sleep(keepAliveMs), gone]);
          if (stream.aborted) break;
          enqueue(() => stream.write(': keep-alive\n\n'));
          await chain;
        }
      } finally {
        unsubscribe();
      }
    }),
  );
}
