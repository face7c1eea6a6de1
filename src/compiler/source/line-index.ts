// Offsets are what the parser records; lines and columns are only needed when a diagnostic is
// printed, so the table of line starts is built on first use and then binary-searched.

/** 1-based line and column of an offset. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Maps offsets to 1-based line/column lazily.
 *
 * @example
 * new LineIndex('a\nbc').locate(3); // { line: 2, column: 2 }
 */
export class LineIndex {
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The line/column of `offset` (clamped to the text). */
  locate(offset: number): LineColumn {
    const starts = this.#lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.#lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = 0; i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.#starts = starts;
    return starts;
  }
}
