// The text around the JSON value on the strict-JSON streaming path (strict-stream.ts): prose, a
// fence line, blanks before the value; blanks, a closing fence line and prose after it. Most
// models answer "Here is the list:\n```json\n[...]\n```\n"; this recognises the shapes whose
// partials the general path provably shows as the strict reading of the value alone, and says
// "bail" at the first character of any other shape (the caller then hands the whole text to
// the general path). Before the value opens the general path gives the partials anyway (prose
// is short); what matters is what it shows from the value's first bracket on.
//
// Allowed before the value: prose lines (no `{}[]`, no backticks, no `\r`, no other control
// character or odd whitespace; its first character not `"`, `'` or `/`), then at most one fence
// line `[ \t]*```tag\n` (tag: `[A-Za-z0-9 ]*`, possibly empty), then blanks (32, 9, 10) only.
// Allowed after the value: blanks; if a fence opened, one closing line `[ \t]*```\n` (or the
// end); then prose under the same rules (with a fence, only after the closing line).
//
// Why the general path shows the strict reading of the value (see raw/candidate-stages.ts):
// - No fence, or an untagged one (```` ``` ```` alone is not an opening fence; the markdown
//   stage never yields): stage 1 is dead (prose is not JSON), stage 3 finds exactly one span,
//   the value (no bracket outside it), and reads it in the same nested mode as a bare answer's
//   span. Same value at every prefix; after the value, prose adds no span.
// - A tagged fence, block still open: the markdown stage yields `[Md(block), [Md(block)],
//   rest]`, rest = the whole text in rest mode. Only the fixing scanner reads the rest. With
//   prose first, the prose and the fence line are one top-level unquoted token (it ends only at
//   `{` or `[`), so rest = AnyOf[Fixed(v)] with v the fixing reading of the value from its first
//   bracket: a bare answer's reading. The block is read from its trimmed content: the same
//   value except that a string being written shows without trailing whitespace. Candidate
//   choice (coerce/pick-best.ts): `[Md(block)]` for a list target is a list whose first item
//   came from a markdown block (loses to any list without that mark) or an empty list with
//   errors (loses, or both are []); for a class target it is the class read from the block
//   (the block's value). Rest and block differ only in that open string (string scores do not
//   depend on content; an enum being written is withheld in both), and rest is one AnyOf level
//   shallower (lower score), so rest wins or both show the same. Once the value is complete the
//   block is strict JSON (one level, wins the tie by order): the same value as the rest's.
//   Without prose, rest is one backtick string (the answer starts with the fence): a list
//   target reads it as a single-item list (loses to any real list), a class with several
//   fields as all defaults (loses, or both are all defaults): the block wins and strings being
//   written show trimmed (`trimStrings`). A backtick inside the value could close that string
//   and let rest read other values, so the strict path bails on one (`noTicks`).
//   Top-level lists of int, float, bool or enum items are excluded by the caller: their
//   `[Md(block)]` candidate withholds its one item and shows [] with the lowest score.
// - Closing line complete: one block and nothing after it, `AnyOf[Md(block)]`: the block's
//   value. A closing line being typed (one or two backticks) re-reads the block's content with
//   them: a span, the value strict JSON inside, one level deeper; rest wins as above (or the
//   block, without prose): the same value. Prose after the closing line adds rest = that prose
//   alone, read as a scalar (no brackets): a list from it is a single-item list (loses), a class
//   with several fields all defaults (loses, or the same).
import { isWhitespace } from '../raw/char-codes.js';

/** `before` results: the character belongs to the frame, opens the value, or ends the path. */
export const FRAME = 0;
const OPEN = 1;
export const BAIL = 2;

// Line states (as the markdown stage's fence-line recogniser sees the line so far).
const BLANKS = 0;
const TICK1 = 1;
const TICK2 = 2;
const TICK3 = 3;
const TAG = 4;
const PROSE = 5;

const NO_FENCE = 0;
const UNTAGGED = 1;
const TAGGED = 2;

function isTagChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32;
}

/** A character that never appears in allowed prose: brackets, backticks, `\r`, odd blanks. */
function excluded(c: number): boolean {
  if (c < 32) return c !== 9 && c !== 10;
  if (c === 123 || c === 125 || c === 91 || c === 93 || c === 96) return true;
  return c >= 0x80 && isWhitespace(c);
}

/** The frame of one answer, read character by character around its JSON value. */
export class AnswerFrame {
  /** Characters before the value (its first bracket is at this offset). */
  prefixLength = 0;
  /** Characters after the value. */
  suffixLength = 0;
  /** Set when the value opens: strings being written show without trailing whitespace. */
  trimStrings = false;
  /** Set when the value opens: a backtick inside a string or key ends the strict path. */
  noTicks = false;
  private line = BLANKS;
  private prose = false;
  private fence = NO_FENCE;
  /** After the value: the closing fence line is complete. */
  private closed = false;

  /** A character before the value: FRAME, OPEN (it is the value's first bracket) or BAIL. */
  before(c: number): number {
    if (c === 123 || c === 91) {
      if (this.line !== BLANKS && this.line !== PROSE) return BAIL;
      if (this.fence === TAGGED) {
        this.trimStrings = !this.prose;
        this.noTicks = !this.prose;
      }
      return OPEN;
    }
    this.prefixLength++;
    const line = this.line;
    if (c === 10) {
      if (line === TICK3 || line === TAG) {
        if (this.fence !== NO_FENCE) return BAIL;
        this.fence = line === TAG ? TAGGED : UNTAGGED;
      } else if (line === TICK1 || line === TICK2) return BAIL;
      this.line = BLANKS;
      return FRAME;
    }
    if (c === 32 || c === 9) {
      if (line === TICK1 || line === TICK2) return BAIL;
      if (line === TICK3) this.line = TAG;
      return FRAME;
    }
    if (c === 96) {
      if (this.fence !== NO_FENCE) return BAIL;
      if (line === BLANKS) this.line = TICK1;
      else if (line === TICK1) this.line = TICK2;
      else if (line === TICK2) this.line = TICK3;
      else return BAIL;
      return FRAME;
    }
    if (this.fence !== NO_FENCE) return BAIL; // only blanks between the fence line and the value
    if (line === TICK3 || line === TAG) {
      if (!isTagChar(c)) return BAIL;
      this.line = TAG;
      return FRAME;
    }
    if (line !== BLANKS && line !== PROSE) return BAIL;
    if (excluded(c)) return BAIL;
    // the answer's first character starts the fixing scanner's unquoted token
    if (!this.prose && (c === 34 || c === 39 || c === 47)) return BAIL;
    this.prose = true;
    this.line = PROSE;
    return FRAME;
  }

  /** A character after the value; false ends the strict path. */
  after(c: number): boolean {
    this.suffixLength++;
    if (this.fence === NO_FENCE || this.closed) {
      return !excluded(c);
    }
    const line = this.line;
    if (c === 10) {
      if (line === TICK3) this.closed = true;
      else if (line !== BLANKS) return false;
      this.line = BLANKS;
      return true;
    }
    if (c === 32 || c === 9) return line === BLANKS;
    if (c !== 96) return false;
    if (line === BLANKS) this.line = TICK1;
    else if (line === TICK1) this.line = TICK2;
    else if (line === TICK2) this.line = TICK3;
    else return false;
    return true;
  }

  /** Whether the value sits in a block opened by a tagged fence line. */
  get inTaggedFence(): boolean {
    return this.fence === TAGGED;
  }

  /**
   * Whether the final parse of the finished answer is the strict-JSON cast of the value alone
   * (the caller casts only a value that matches the target exactly). Without a tagged fence the
   * final tree is the one span's strict JSON. With one, once the block is closed: nothing after
   * it gives `AnyOf[Md(block)]`, the block's strict JSON; prose after it adds `[Md(block)]` and
   * the prose read as a scalar. For a list target those are a list whose first item came from a
   * markdown block (or one with errors) and a single-item list, and the block's list (exact:
   * no errors) beats both. For a class with several fields, `[Md(block)]` gives the block's
   * value and the scalar gives all defaults (or fails on a missing required field): the block
   * wins unless it is all defaults too, which is the same value. An unclosed block (a cut
   * answer) is left to the general path.
   */
  get finalIsValue(): boolean {
    return this.fence !== TAGGED || this.closed;
  }
}
