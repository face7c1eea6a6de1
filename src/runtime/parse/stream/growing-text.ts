// The text of a stream, appended chunk by chunk. A plain `text += chunk` keeps every chunk alive
// as its own small string node until the text is read (131,072 of them for 1 MB in 8-character
// chunks), and each young-generation collection copies them; here chunks are joined in batches,
// so the text is a few hundred blocks and each chunk dies young.

/** Chunks joined per block. */
const BATCH = 256;

/** An append-only text. */
export class GrowingText {
  private head = '';
  private readonly parts: string[] = [];
  private size = 0;

  /** Appends `chunk`. */
  append(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.parts.length >= BATCH) this.fold();
  }

  /** Everything appended so far. */
  get text(): string {
    if (this.parts.length > 0) this.fold();
    return this.head;
  }

  /** The length of `text`. */
  get length(): number {
    return this.size;
  }

  /** `text`, leaving this empty. */
  take(): string {
    const parts = this.parts;
    const out = this.head === '' && parts.length === 1 ? (parts[0] as string) : this.text;
    this.head = '';
    parts.length = 0;
    this.size = 0;
    return out;
  }

  private fold(): void {
    this.head += this.parts.join('');
    this.parts.length = 0;
  }
}
