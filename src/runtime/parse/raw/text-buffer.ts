// The text of a stream, appended chunk by chunk. `a += chunk` per chunk builds one long chain of
// concatenations (one small string object per chunk, all alive until the end), which makes every
// young-generation collection walk and copy that chain: measurable with many small chunks. Here
// the chunks since the last block are joined into one flat block every `BLOCK` characters (each
// character copied once more), so the live chain is a few hundred blocks long, whatever the
// number of chunks.

const BLOCK = 4096;

/** An append-only string. */
export class TextBuffer {
  /** Flat blocks, concatenated. */
  private head = '';
  /** Chunks since the last block. */
  private readonly recent: string[] = [];
  private recentLength = 0;
  /** `head` followed by the recent chunks. */
  private whole = '';

  /** Appends a chunk. */
  append(chunk: string): void {
    this.recent.push(chunk);
    this.recentLength += chunk.length;
    if (this.recentLength < BLOCK) {
      this.whole += chunk;
      return;
    }
    this.head += this.recent.join('');
    this.whole = this.head;
    this.recent.length = 0;
    this.recentLength = 0;
  }

  /** The whole text so far. */
  get value(): string {
    return this.whole;
  }

  /** Starts over with `text`. */
  reset(text: string): void {
    this.head = text;
    this.whole = text;
    this.recent.length = 0;
    this.recentLength = 0;
  }
}
