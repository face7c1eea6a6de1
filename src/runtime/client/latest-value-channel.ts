// A one-slot mailbox between the stream pipeline (producer) and the consumer's async iterator.
//
// Why one slot and not a queue: a partial is a snapshot of the whole value so far, so a
// consumer that is slower than the LLM wants the newest snapshot, never a backlog of stale
// ones (a queue would also grow without bound). Why no timer: `publish` resolves a waiting
// `next()` directly, so a partial reaches the consumer in the same turn of the event loop in
// which its chunk was parsed. Why lazy values: building a partial costs more than scanning its
// chunk, so `publishLazy` records only that something may have changed; the partial is built
// when the consumer asks for it, and a slow consumer pays for one partial, not one per chunk.

type Waiter = () => void;

/** Returned by a lazy value's `compute` when there is nothing new to hand over after all. */
export const NOTHING_NEW: unique symbol = Symbol('tsbaml.nothing-new');

/** @internal */
export class LatestValueChannel<T> {
  #value: T | undefined;
  #hasValue = false;
  #compute: (() => T | typeof NOTHING_NEW) | null = null;
  #ended = false;
  #error: { error: unknown } | null = null;
  #waiter: Waiter | null = null;

  /** Replaces the pending value (if the consumer has not taken it yet) with a newer one. */
  publish(value: T): void {
    if (this.#ended) return;
    this.#value = value;
    this.#hasValue = true;
    this.#compute = null;
    this.#wake();
  }

  /**
   * Like `publish`, but the value is computed only when the consumer takes it, and only if it
   * then differs (`compute` returns `NOTHING_NEW` otherwise). Replaces any pending value.
   */
  publishLazy(compute: () => T | typeof NOTHING_NEW): void {
    if (this.#ended) return;
    this.#value = undefined;
    this.#hasValue = false;
    this.#compute = compute;
    this.#wake();
  }

  /** Computes a pending lazy value now (e.g. before the producer moves on to its final value). */
  flush(): void {
    const compute = this.#compute;
    if (!compute) return;
    this.#compute = null;
    const value = compute();
    if (value !== NOTHING_NEW) {
      this.#value = value;
      this.#hasValue = true;
    }
  }

  /** No more values: the consumer drains the pending one, then ends. */
  close(): void {
    this.#ended = true;
    this.#wake();
  }

  /** Ends with an error: the consumer gets the pending value (if any), then the error. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#error = { error };
    this.#ended = true;
    this.#wake();
  }

  /** Ends at once, dropping any value the consumer has not taken (used on abort). */
  cancel(): void {
    this.#hasValue = false;
    this.#value = undefined;
    this.#compute = null;
    this.#ended = true;
    this.#wake();
  }

  /** The next value; resolves as soon as one is published. */
  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      this.flush();
      if (this.#hasValue) {
        const value = this.#value as T;
        this.#hasValue = false;
        this.#value = undefined;
        return { done: false, value };
      }
      if (this.#error) {
        const { error } = this.#error;
        this.#error = null;
        throw error;
      }
      if (this.#ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.();
  }
}
