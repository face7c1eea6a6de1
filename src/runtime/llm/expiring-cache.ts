// Temporary credentials (Google access tokens, AWS session credentials) kept until shortly
// before they expire. Concurrent callers of one key share a single pending fetch; a failed
// fetch is forgotten so the next call tries again.

export interface Expiring<T> {
  value: T;
  /** Epoch milliseconds; undefined for a value that never expires. */
  expiresAt: number | undefined;
}

export class ExpiringCache<T> {
  readonly #entries = new Map<string, Promise<Expiring<T>>>();

  /** @param marginMs values are renewed this long before they expire */
  constructor(readonly marginMs: number) {}

  clear(): void {
    this.#entries.clear();
  }

  /** Stores a value obtained elsewhere (a token fetched while choosing a credential source). */
  set(key: string, entry: Expiring<T>): void {
    this.#entries.set(key, Promise.resolve(entry));
  }

  /** The cached value for `key` while it is fresh, else the one `produce` gives (then cached). */
  async get(key: string, produce: () => Promise<Expiring<T>>): Promise<T> {
    const cached = this.#entries.get(key);
    if (cached) {
      try {
        const entry = await cached;
        if (entry.expiresAt === undefined || entry.expiresAt - this.marginMs > Date.now())
          return entry.value;
      } catch {}
    }
    const pending = produce();
    this.#entries.set(key, pending);
    try {
      return (await pending).value;
    } catch (error) {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
      throw error;
    }
  }
}
