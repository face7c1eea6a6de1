// The dedented value of a triple-quoted string that is still open and only grows at its end
// (dedent.ts gives the rule). Recomputing it on every partial costs the whole string each time,
// quadratic over a long unclosed block. Here the scanner hands over each appended piece and
// the value is kept as it grows, as long as some line has no indentation (the usual case for
// code and JSON): each piece costs its own length. The content itself is never read back: it is
// a string built by concatenation, and reading one character of it would flatten (copy) all of
// it, every time.
import { isWhitespace } from './char-codes.js';
import { dedent } from './dedent.js';

const NEWLINE = 10;

export class GrowingDedent {
  /** Whether the tag line (of a backtick block) has ended; true from the start otherwise. */
  private tagDone: boolean;
  /** Characters appended so far. */
  private length = 0;
  /** Offset of the dedented part (after the tag line). */
  private start = 0;
  /** The content from the first non-blank line to the end of the last one (while `common` is 0). */
  private kept = '';
  /** The content after `kept`: line breaks, blank lines, the indentation of the current line. */
  private gap = '';
  /** Indentation of the current line so far, and whether it has text yet. */
  private lineIndent = 0;
  private lineHasText = false;
  /** Least indentation of the lines with text, and whether there is one. */
  private common = Number.POSITIVE_INFINITY;
  private seen = false;

  /** `skipFirstLine`: a ```` ``` ```` block, whose first line is the language tag. */
  constructor(skipFirstLine: boolean) {
    this.tagDone = !skipFirstLine;
  }

  /** Folds in `piece`, the text just appended to the string's content. */
  append(piece: string): void {
    const n = piece.length;
    let i = 0;
    if (!this.tagDone) {
      const nl = piece.indexOf('\n');
      if (nl < 0) {
        this.length += n;
        return;
      }
      this.tagDone = true;
      this.start = this.length + nl + 1;
      i = nl + 1;
    }
    this.length += n;
    while (i < n) {
      if (this.lineHasText) {
        const nl = piece.indexOf('\n', i);
        if (nl < 0) {
          this.kept += piece.slice(i);
          return;
        }
        if (nl > i) this.kept += piece.slice(i, nl);
        this.lineHasText = false;
        this.lineIndent = 0;
        this.gap = '\n';
        i = nl + 1;
        continue;
      }
      let k = i;
      while (k < n) {
        const c = piece.charCodeAt(k);
        if (c === NEWLINE || !isWhitespace(c)) break;
        k++;
      }
      if (k > i) {
        this.gap += piece.slice(i, k);
        this.lineIndent += k - i;
        i = k;
      }
      if (i === n) return;
      if (piece.charCodeAt(i) === NEWLINE) {
        this.gap += '\n';
        this.lineIndent = 0;
        i++;
        continue;
      }
      // the first text of a line: the line counts, with what came before it since `kept`
      this.lineHasText = true;
      if (this.lineIndent < this.common) this.common = this.lineIndent;
      if (this.seen) this.kept += this.gap;
      else {
        this.seen = true;
        this.kept = this.gap.slice(this.gap.length - this.lineIndent);
      }
      this.gap = '';
    }
  }

  /** The dedented value; `content` is everything appended (read only when lines are indented). */
  value(content: string): string {
    if (!this.tagDone) return content;
    if (!this.seen) return '';
    if (this.common === 0) return this.kept;
    return dedent(content.slice(this.start));
  }
}
