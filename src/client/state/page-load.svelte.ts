/**
 * A page's own data, loaded when the page opens (the about page, the privacy notice, the statistics): one loading
 * and one error state, a retry, and no answer arriving after it stopped mattering. A newer load replaces an older
 * one still in flight, and leaving the page cancels its requests (`start` is made for `$effect`), so a slow answer
 * neither overwrites a newer one nor lands in a page that is gone.
 */
export class PageLoad<T> {
  /** The last data loaded; kept while a newer load runs, so a refreshing page does not blank. */
  data = $state.raw<T | null>(null);
  failed = $state(false);
  readonly #fetch: (signal: AbortSignal) => Promise<T>;
  readonly #what: string;
  #current: AbortController | null = null;

  /** `what` names the page in the console when its load fails. */
  constructor(what: string, fetch: (signal: AbortSignal) => Promise<T>) {
    this.#what = what;
    this.#fetch = fetch;
  }

  load = (): void => {
    this.#current?.abort();
    const controller = (this.#current = new AbortController());
    this.failed = false;
    this.#fetch(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) this.data = data;
      },
      (e: Error) => {
        if (controller.signal.aborted) return;
        console.warn(`${this.#what}:`, e.message);
        this.failed = true;
      },
    );
  };

  /** Cancels what is still in flight: its answer, or its failure, is then ignored. */
  cancel = (): void => this.#current?.abort();

  /** Loads now and returns `cancel`, for `$effect(() => page.start())`. */
  start = (): (() => void) => {
    this.load();
    return this.cancel;
  };
}
