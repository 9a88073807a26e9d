import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { EventBus, type BusMessage } from '../../events.ts';
import type { PgPool } from './open.ts';

const CHANNEL = 'mapa_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; the envelope needs a little room. */
const MAX_INLINE = 7_800;

/** What travels on the channel: the sending instance, and the message itself or the bus_messages row holding it. */
interface Envelope {
  from: string;
  message?: BusMessage;
  ref?: number;
}

/**
 * The event bus of several app instances on one PostgreSQL: a change is delivered to this instance's SSE clients at
 * once, as on SQLite, and sent with NOTIFY to the others, which LISTEN on one connection of their own and deliver it
 * to theirs. While the listening connection is down (a database restart)
 * messages from other instances are missed; it reconnects every second, and the clients catch up through
 * GET /api/points/changes?since=N as they do after any reconnect.
 */
export class PgEventBus extends EventBus {
  readonly #id = randomUUID();
  #client: pg.Client | undefined;
  #sending: Promise<unknown> = Promise.resolve();
  #receiving: Promise<unknown> = Promise.resolve();
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly pool: PgPool,
  ) {
    super();
  }

  /** Connected and listening: a message another instance sends after this resolves is delivered here. */
  static async connect(url: string, pool: PgPool): Promise<PgEventBus> {
    const bus = new PgEventBus(url, pool);
    await bus.#listen();
    return bus;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    // Chained like sending: a message fetched from bus_messages must not be overtaken by the small ones after it.
    client.on('notification', (n) => {
      this.#receiving = this.#receiving.then(() => this.#receive(n.payload));
    });
    client.on('error', (e) => {
      console.error(`event bus: PostgreSQL connection lost (${e.message}); reconnecting`);
      this.#reconnect();
    });
    client.on('end', () => this.#reconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
  }

  #reconnect(): void {
    this.#client = undefined;
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#listen().catch(() => this.#reconnect());
    }, 1000);
    this.#retry.unref();
  }

  protected override send(message: BusMessage): void {
    this.deliver(message);
    const text = JSON.stringify({ from: this.#id, message } satisfies Envelope);
    // Chained, each NOTIFY committed before the next is sent: other instances see the changes in the order made.
    this.#sending = this.#sending
      .then(() => this.#notify(text, message))
      .catch((e: Error) => console.error(`event bus: a change could not be sent to other instances: ${e.message}`));
  }

  async #notify(text: string, message: BusMessage): Promise<void> {
    let payload = text;
    if (Buffer.byteLength(text) > MAX_INLINE) {
      const { rows } = await this.pool.query<{ id: number }>(
        'INSERT INTO bus_messages (message) VALUES ($1) RETURNING id',
        [message],
      );
      payload = JSON.stringify({ from: this.#id, ref: rows[0]!.id } satisfies Envelope);
      await this.pool.query(`DELETE FROM bus_messages WHERE at < now() - interval '1 minute'`);
    }
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  async #receive(payload: string | undefined): Promise<void> {
    try {
      const envelope = JSON.parse(payload ?? '') as Envelope;
      if (envelope.from === this.#id) return;
      let message = envelope.message;
      if (!message && envelope.ref !== undefined) {
        const { rows } = await this.pool.query('SELECT message FROM bus_messages WHERE id = $1', [envelope.ref]);
        message = rows[0]?.message;
      }
      if (message) this.deliver(message);
    } catch (e) {
      console.error(`event bus: an unreadable message from another instance: ${(e as Error).message}`);
    }
  }

  /** Waits for the messages already sent, then stops listening. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#sending;
    const client = this.#client;
    this.#client = undefined;
    await client?.end();
  }
}
