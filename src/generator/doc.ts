// An indent-aware line writer for code generation (after zod's `doc.ts`): emitters say what to
// write and how deep, never count spaces themselves. `LineWriter` is the part every generated
// language shares (Python's `PyDoc` builds on it too); `Doc` writes TypeScript.

/** Accumulates lines of generated code at a depth, `indent` per level. */
export class LineWriter {
  readonly #lines: string[] = [];
  readonly #indent: string;
  #depth = 0;

  constructor(indent: string) {
    this.#indent = indent;
  }

  /** Writes one line at the current depth (an empty call writes a blank line). */
  line(text = ''): this {
    this.#lines.push(text === '' ? '' : this.#indent.repeat(this.#depth) + text);
    return this;
  }

  /** Runs `body` one level deeper; whether it wrote any line. */
  protected indented(body: () => void): boolean {
    const before = this.#lines.length;
    this.#depth += 1;
    body();
    this.#depth -= 1;
    return this.#lines.length > before;
  }

  /** Drops the blank lines at the end so far. */
  protected dropTrailingBlanks(): void {
    while (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] === '') this.#lines.pop();
  }

  /** The text, ending with exactly one newline. */
  toString(): string {
    const lines = [...this.#lines];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return `${lines.join('\n')}\n`;
  }
}

/** Accumulates lines of generated TypeScript (two spaces per level). */
export class Doc extends LineWriter {
  constructor() {
    super('  ');
  }

  /** Writes several lines at the current depth; a multi-line string is split. */
  lines(...texts: string[]): this {
    for (const text of texts) for (const l of text.split('\n')) this.line(l);
    return this;
  }

  /** Writes `open`, then `body` one level deeper, then `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.indented(body);
    this.dropTrailingBlanks();
    return this.line(close);
  }

  /** Writes `text` as a JSDoc comment (nothing when it is empty). */
  jsdoc(text: string | undefined): this {
    if (!text?.trim()) return this;
    const body = text.replace(/\*\//g, '*\\/').split('\n');
    if (body.length === 1) return this.line(`/** ${body[0]!.trim()} */`);
    this.line('/**');
    for (const l of body) this.line(l.trim() ? ` * ${l.trimEnd()}` : ' *');
    return this.line(' */');
  }
}
