// The dedented value of a triple-quoted string that is still open and only grows at its end
// (dedent.ts gives the rule). Recomputing it on every partial costs the whole string each time,
// quadratic over a long unclosed block; this keeps what the finished lines say, so a call costs
// the new text only, as long as some line has no indentation (the usual case for code and JSON).
import { isWhitespace } from './char-codes.js';
import { dedent } from './dedent.js';

export class GrowingDedent {
  /** Start of the dedented part (after the tag line of a backtick block); -1 until known. */
  private start: number;
  /** Content index after the last finished line folded in. */
  private scanned = 0;
  /** Least indentation of the finished non-blank lines. */
  private common = Number.POSITIVE_INFINITY;
  /** Start of the first and end of the last finished non-blank line (-1: none yet). */
  private first = -1;
  private lastEnd = -1;

  /** `skipFirstLine`: a ```` ``` ```` block, whose first line is the language tag. */
  constructor(skipFirstLine: boolean) {
    this.start = skipFirstLine ? -1 : 0;
  }

  /** The dedented value of `content`, which must extend the content of the previous call. */
  value(content: string): string {
    if (this.start < 0) {
      const nl = content.indexOf('\n', this.scanned);
      if (nl < 0) {
        this.scanned = content.length;
        return content;
      }
      this.start = nl + 1;
      this.scanned = nl + 1;
    }
    let lineStart = this.scanned;
    for (
      let nl = content.indexOf('\n', lineStart);
      nl >= 0;
      nl = content.indexOf('\n', lineStart)
    ) {
      this.fold(content, lineStart, nl);
      lineStart = nl + 1;
    }
    this.scanned = lineStart;
    let common = this.common;
    let first = this.first;
    let lastEnd = this.lastEnd;
    const indent = indentOf(content, lineStart, content.length);
    if (lineStart + indent < content.length) {
      if (indent < common) common = indent;
      if (first < 0) first = lineStart;
      lastEnd = content.length;
    }
    if (first < 0) return '';
    if (common === 0) return content.slice(first, lastEnd);
    return dedent(content.slice(this.start));
  }

  private fold(content: string, from: number, to: number): void {
    const indent = indentOf(content, from, to);
    if (from + indent === to) return; // blank lines do not count
    if (indent < this.common) this.common = indent;
    if (this.first < 0) this.first = from;
    this.lastEnd = to;
  }
}

function indentOf(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isWhitespace(text.charCodeAt(i))) i++;
  return i - from;
}
