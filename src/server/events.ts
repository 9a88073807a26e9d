import type { PointEvent, PointEventName } from '../common/points.ts';
import type { ACTIVITY_EVENT, ActivityEvent } from '../common/activities.ts';

/** A point change (published / updated / removed) or an ambassador's activity change, as sent on GET /api/events. */
export type BusMessage =
  { name: PointEventName; data: PointEvent } | { name: typeof ACTIVITY_EVENT; data: ActivityEvent };
type Listener = (message: BusMessage) => void;

/**
 * In-process fan-out of point and activity changes to SSE clients (GET /api/events). With SQLite one process serves
 * everything, so no broker is needed; on PostgreSQL, db/pg/event-bus.ts passes each message to the other instances
 * through LISTEN/NOTIFY as well.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  /** Returns the unsubscribe function; call it when the client goes away. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(name: PointEventName, data: PointEvent): void {
    this.send({ name, data });
  }

  publishActivity(data: ActivityEvent): void {
    this.send({ name: 'activity', data });
  }

  /** A change made here; a bus shared between instances passes it on too. */
  protected send(message: BusMessage): void {
    this.deliver(message);
  }

  /** To this process's listeners only, synchronously: an answer is sent after every local client has heard. */
  protected deliver(message: BusMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
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
