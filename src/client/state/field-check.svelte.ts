type Messages<F extends string> = Partial<Record<F, string>>;

/**
 * A form's field messages. Nothing is shown while the resident fills the form in; a submit shows every field that
 * fails. From then on those fields are checked again as they change: a fixed field's message goes away at once
 * (before, it stayed red until the next submit), a field still wrong keeps an up-to-date message, and a field that
 * had no message stays quiet until the next submit. Messages only the server can give are kept until the next submit.
 */
export class FieldCheck<F extends string> {
  #check: () => Messages<F>;
  #flagged = $state<F[]>([]);
  #server = $state<Messages<F>>({});

  /** `check` validates the form as it is now; it is re-run (reactively) while any field has a message. */
  constructor(check: () => Messages<F>) {
    this.#check = check;
  }

  readonly errors: Messages<F> = $derived.by(() => {
    const out: Messages<F> = { ...this.#server };
    if (this.#flagged.length === 0) return out;
    const now = this.#check();
    for (const field of this.#flagged) if (now[field]) out[field] = now[field];
    return out;
  });

  readonly count = $derived(Object.keys(this.errors).length);

  /** Checks the whole form for a submit; true when it may be sent. */
  submit(): boolean {
    const now = this.#check();
    this.#server = {};
    this.#flagged = Object.keys(now) as F[];
    return this.#flagged.length === 0;
  }

  /** Messages from the server for what the form could not check itself. */
  fromServer(messages: Messages<F>): void {
    this.#server = messages;
  }

  reset(): void {
    this.#flagged = [];
    this.#server = {};
  }
}
