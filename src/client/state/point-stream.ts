import type { z } from 'zod';
import { POINT_EVENTS, PointEvent, type PointEventName } from '../../common/points.ts';
import { ACTIVITY_EVENT, ActivityEvent } from '../../common/activities.ts';
import { reportNetworkFailure } from '../offline/connection.svelte.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface PointStreamHandlers {
  /** The stream (re)opened: whatever was published while we were away was not sent, so load it now. */
  onopen?(): void;
  /** The stream dropped; `status` says it is being reopened. */
  onerror?(): void;
  onevent?(name: PointEventName, event: PointEvent): void;
  /** An ambassador's activity was added, changed or removed. */
  onactivity?(event: ActivityEvent): void;
  onstatus?(status: LiveStatus): void;
}

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * The server's point events (GET /api/events, Server-Sent Events), each checked against the shared schema.
 * EventSource reconnects by itself after a network error; after an HTTP error, e.g. a reverse proxy's 502 while the
 * server restarts, it gives up for good (CLOSED). A projector left on a wall must not stay frozen, so we open a new
 * stream then, waiting longer each time (1 s … 30 s). Returns the cleanup for an $effect.
 */
export function openPointStream(handlers: PointStreamHandlers): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_FIRST_MS;
  let stopped = false;
  const open = () => {
    const stream = new EventSource('/api/events');
    source = stream;
    stream.onopen = () => {
      delay = RETRY_FIRST_MS;
      handlers.onstatus?.('live');
      handlers.onopen?.();
    };
    stream.onerror = () => {
      handlers.onstatus?.('reconnecting');
      reportNetworkFailure();
      handlers.onerror?.();
      if (stream.readyState === EventSource.CLOSED && !stopped) {
        retry = setTimeout(open, delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    };
    for (const name of POINT_EVENTS) {
      stream.addEventListener(name, (e: MessageEvent<string>) => {
        const event = parse(name, e.data, PointEvent);
        if (event) handlers.onevent?.(name, event);
      });
    }
    if (handlers.onactivity) {
      stream.addEventListener(ACTIVITY_EVENT, (e: MessageEvent<string>) => {
        const event = parse(ACTIVITY_EVENT, e.data, ActivityEvent);
        if (event) handlers.onactivity?.(event);
      });
    }
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}

function parse<S extends z.ZodType>(name: string, raw: string, schema: S): z.infer<S> | null {
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(raw));
  } catch (e) {
    console.error(`malformed ${name} event`, e);
    return null;
  }
  if (!parsed.success) {
    console.error(`unexpected ${name} event`, parsed.error.issues);
    return null;
  }
  return parsed.data;
}
