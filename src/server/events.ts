import type { PointEvent, PointEventName } from '../shared/points.ts';

export interface BusMessage {
  name: PointEventName;
  data: PointEvent;
}
type Listener = (message: BusMessage) => void;

/**
 * In-process fan-out of point changes to SSE clients (GET /api/events). One process serves everything
 * (architecture.md), so no broker is needed; a second process would need one (e.g. PostgreSQL LISTEN/NOTIFY).
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  /** Returns the unsubscribe function; call it when the client goes away. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(name: PointEventName, data: PointEvent): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, data });
      } catch (e) {
        // One broken client must not stop the others from hearing about the change.
        console.error('event listener failed', e);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
