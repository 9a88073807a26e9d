import { createContext } from 'svelte';
import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import { Layer, type PointCreated, type PointCreateInput } from '../../common/points.ts';
import { createPoint } from '../api/points.ts';
import { ApiFailure } from '../api/http.ts';
import type { MyPoints } from '../state/my-points.svelte.ts';

/**
 * The offline outbox (docs/product.md "nothing a resident typed is lost"): a pin or an offer is written to
 * IndexedDB *before* it is sent, and leaves it only once the server has answered 201. A submission made without a
 * connection (or whose answer was lost, or that met a 5xx/429) stays there, is shown as "Czeka na wysłanie", and
 * is sent again when the browser comes back online or the app starts — always with the same Idempotency-Key, so
 * the server stores it once however many times it arrives (db/idempotency.ts), even from two open tabs at once.
 */
const Item = z.object({
  key: z.string().min(16),
  layer: Layer,
  /** What the resident sees in the list: the walk pin's title or the offer's name. */
  label: z.string(),
  // Validated by the form with the shared schema before it got here, and by the server when sent.
  body: z.record(z.string(), z.unknown()),
  queuedAt: z.string(),
  /** Set when the server refused it for good (a 4xx other than 408/429): kept so the text is not lost. */
  refused: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof Item>;

export type SubmitResult = { state: 'sent'; result: PointCreated } | { state: 'queued'; item: OutboxItem };

/** Worth sending again later: no answer at all, a timeout, a rate limit or a server fault. */
export const retryable = (e: unknown) =>
  e instanceof ApiFailure && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);

type Send = (body: PointCreateInput, key: string) => Promise<PointCreated>;

export class Outbox {
  /** Waiting to send, oldest first (and any the server refused, with the reason). */
  items = $state<OutboxItem[]>([]);
  /** True until the stored items have been read at start-up. */
  loading = $state(true);
  readonly #store: UseStore;
  readonly #send: Send;
  readonly #mine: MyPoints;
  readonly #inFlight = new Set<string>();
  #flushing: Promise<void> | null = null;

  /** `mine`: the page's one "Moje punkty", which learns every sent submission's edit link. */
  constructor(mine: MyPoints, send: Send = createPoint, store: UseStore = createStore('mapa-outbox', 'submissions')) {
    this.#mine = mine;
    this.#send = send;
    this.#store = store;
  }

  /** Keeps the submission on the device, then tries to send it. Rejects only when the server refused it for good. */
  async submit(body: PointCreateInput, key: string): Promise<SubmitResult> {
    const item: OutboxItem = {
      key,
      layer: body.layer,
      label: body.layer === 'walk' ? body.title : body.name,
      body: $state.snapshot(body) as Record<string, unknown>,
      queuedAt: new Date().toISOString(),
      refused: null,
    };
    await set(key, item, this.#store);
    this.items = [...this.items.filter((i) => i.key !== key), item];
    try {
      return { state: 'sent', result: await this.#sendOne(item) };
    } catch (e) {
      if (retryable(e)) return { state: 'queued', item };
      // Refused while the resident is still on the form: the form shows why and still holds every word.
      await this.#forget(key);
      throw e;
    }
  }

  /** Sends everything waiting, one at a time, oldest first. Concurrent calls share one run. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flushAll().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  /** The resident gives up on a refused (or waiting) submission. */
  async discard(key: string): Promise<void> {
    await this.#forget(key);
  }

  /** Reads what an earlier visit left, sends it, and sends again whenever the connection returns. Returns cleanup. */
  start(): () => void {
    void this.#load().then(() => this.flush());
    const online = () => void this.flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }

  async #load(): Promise<void> {
    try {
      const stored = (await values(this.#store)).flatMap((v) => {
        const parsed = Item.safeParse(v);
        if (!parsed.success)
          console.warn('outbox: ignoring an unreadable stored submission', parsed.error.issues[0]?.message);
        return parsed.success ? [parsed.data] : [];
      });
      const known = new Set(this.items.map((i) => i.key));
      this.items = [...this.items, ...stored.filter((i) => !known.has(i.key))].sort((a, b) =>
        a.queuedAt.localeCompare(b.queuedAt),
      );
    } finally {
      this.loading = false;
    }
  }

  async #flushAll(): Promise<void> {
    for (const item of [...this.items]) {
      if (item.refused || this.#inFlight.has(item.key)) continue;
      try {
        await this.#sendOne(item);
      } catch (e) {
        if (retryable(e)) return; // still offline (or the server is down): try again on the next `online`
        const refused = { ...item, refused: (e as Error).message };
        await set(item.key, refused, this.#store);
        this.items = this.items.map((i) => (i.key === item.key ? refused : i));
      }
    }
  }

  async #sendOne(item: OutboxItem): Promise<PointCreated> {
    this.#inFlight.add(item.key);
    try {
      const result = await this.#send(item.body as PointCreateInput, item.key);
      // Remembered before the outbox entry goes, so the edit link is never lost between the two writes.
      this.#mine.add({
        id: result.id,
        layer: item.layer,
        editToken: result.editToken,
        title: item.label,
        createdAt: new Date().toISOString(),
      });
      await this.#forget(item.key);
      return result;
    } finally {
      this.#inFlight.delete(item.key);
    }
  }

  async #forget(key: string): Promise<void> {
    await del(key, this.#store);
    this.items = this.items.filter((i) => i.key !== key);
  }
}

const [getOutbox, setOutbox, hasOutbox] = createContext<Outbox>();
export { setOutbox };

export function useOutbox(): Outbox {
  if (!hasOutbox())
    throw new Error('Outbox context not found: App.svelte must call setOutbox(new Outbox(myPoints)) first');
  return getOutbox();
}
