// An indent-aware line writer for code generation (after zod's `doc.ts`): emitters say what to
// write and how deep, never count spaces themselves.

/** Accumulates lines of generated code. */
export class Doc {
  readonly #lines: string[] = [];
  #depth = 0;

  /** Writes one line at the current depth (an empty call writes a blank line). */
  line(text = ''): this {
    this.#lines.push(text === '' ? '' : '  '.repeat(this.#depth) + text);
    return this;
  }

  /** Writes several lines at the current depth; a multi-line string is split. */
  lines(...texts: string[]): this {
    for (const text of texts) for (const l of text.split('\n')) this.line(l);
    return this;
  }

  /** Writes `open`, then `body` one level deeper, then `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.#depth += 1;
    body();
    this.#depth -= 1;
    while (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] === '') this.#lines.pop();
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

  /** The text, ending with exactly one newline. */
  toString(): string {
    const lines = [...this.#lines];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return `${lines.join('\n')}\n`;
  }
}
