// A minimal push/pull queue bridging the strategy runner (which pushes stream events from
// inside promises) and the async iterator a caller consumes.

export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting:
    | { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }
    | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;

  /** Called when the consumer stops early (break / return). */
  onCancel: (() => void) | undefined;

  push(item: T): void {
    if (this.closed || this.failure) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: item, done: false });
    } else this.items.push(item);
  }

  close(): void {
    this.closed = true;
    if (this.waiting && this.items.length === 0) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.failure = { error };
    // Fail right away even if events are queued: an abort must not wait for the backlog.
    this.items.length = 0;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.reject(error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        if (!this.closed && !this.failure) {
          this.closed = true;
          this.onCancel?.();
        }
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
