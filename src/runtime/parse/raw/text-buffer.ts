// The text of a stream, appended chunk by chunk. `a += chunk` per chunk builds one long chain of
// concatenations (one small string object per chunk, all alive until the end), which makes every
// young-generation collection walk and copy that chain: measurable with many small chunks. Here
// recent chunks are joined into one flat block every `BLOCK` characters (each character copied
// once more), so the live chain is a few hundred blocks long, whatever the number of chunks.

const BLOCK = 4096;

/** An append-only string. */
export class TextBuffer {
  /** Flat blocks, concatenated. */
  private head = '';
  /** Chunks since the last block. */
  private recent = '';
  private joined: string | null = '';

  /** Appends a chunk. */
  append(chunk: string): void {
    this.recent += chunk;
    if (this.recent.length >= BLOCK) {
      this.head += flat(this.recent);
      this.recent = '';
    }
    this.joined = null;
  }

  /** The whole text so far. */
  get value(): string {
    if (this.joined === null)
      this.joined = this.recent.length === 0 ? this.head : this.head + this.recent;
    return this.joined;
  }

  /** Starts over with `text`. */
  reset(text: string): void {
    this.head = text;
    this.recent = '';
    this.joined = text;
  }
}

/** The same string, made flat (converting it to a number makes V8 flatten it first). */
function flat(s: string): string {
  Number(s);
  return s;
}
