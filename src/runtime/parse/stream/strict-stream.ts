// The strict-JSON streaming path: partials of an answer that is, so far, strict JSON, read by
// one typed scanner instead of the general pipeline (candidate stages, fixing scanner, raw
// tree, memoised coercion, structural sharing).
//
// Most answers are plain JSON written token by token. For those the general pipeline's partial
// is the fixing scanner's reading of the text so far, coerced in partial mode; this scanner
// computes that same value directly: it keeps a stack of open objects and lists with their
// visible field values, and on each partial rebuilds only the open spine (an object per open
// class, a list view per open list), so a push costs the chunk's characters plus the depth.
//
// Exactness: it follows the fixing scanner wherever that reads strict JSON in its own way, and
// gives up (`feed` returns false; the caller hands the whole text to the general path, once)
// at the first character where the two readings could part:
// - a value string's closing `"` directly followed by `,` closes only when the decoded content
//   holds an even number of unescaped `"` (odd: the general path keeps reading the string);
// - raw control characters and `\r`; the close of the top-level value after a `\u` or `\/`
//   escape (the fixing scanner keeps those raw, `\u` with only 3 of its 4 digits, and the
//   path does the same; the JSON reading that takes over at the close decodes them);
// - a bracket inside a string (key or value): the stage that greps JSON spans from prose counts
//   brackets without looking at quotes, so such a string can end or break its span early;
// - an object value that is a number or a word (`true`, `false`, `null`) ends only at `}` or
//   at `,` followed by a space or a newline (compact `{"a":1,"b":2}` reads differently);
// - a key that is not exactly a field's name (or alias), a key given twice, a value of another
//   JSON kind than the field's type, an integer that is not safe, a non-integer for an `int`,
//   `-0`, `null` for a type that is not `T?`;
// - text around the top-level value other than what answer-frame.ts allows (prose, a fence
//   line, a closing fence, prose after), where the general path provably shows the value's
//   strict reading; inside a tagged fence, a target `fencedTarget` rejects, and (without prose
//   before the fence) a backtick in a string or key. In that last shape strings being written
//   show without trailing whitespace, as the block's trimmed content gives them.
// What partials show, as the general path shows them: class fields start as null (lists as
// []); a string grows as it is written (a trailing `\` of a cut escape included); numbers
// appear once terminated, `true` / `false` once the word is complete, enums once the string
// closes; a `string?` shows `n`, `nu`, `nul` as text and then null; the last item of a list is
// shown while it is open. (`null` for a class `T?` hands over: the general path reads `n`, `nu`,
// … into the class in ways that depend on its fields.)
import { isWhitespace } from '../raw/char-codes.js';
import { AnswerFrame, BAIL, FRAME } from './answer-frame.js';
import {
  ARR,
  ArrFrame,
  adoptSpine,
  buildFrame,
  type Frame,
  MAP,
  MapFrame,
  NONE,
  OBJ,
  ObjFrame,
  type Shown,
  setSlot,
} from './strict-frames.js';
import type { Plan, RootPlan } from './strict-plan.js';
import * as S from './strict-states.js';
import { fencedTarget, isBlank, isBracket, MAX_DEPTH, mapKey } from './strict-states.js';
import { simpleEscape, tokenValue, wordShown } from './strict-tokens.js';

/**
 * One answer's strict-JSON reading. `feed` the text in order; `changed` tells whether the
 * visible value moved since the last `snapshot()`.
 */
export class StrictStream {
  private state = S.BEFORE_ROOT;
  private readonly stack: Frame[] = [];
  /** The plan of the value being read (string or token), or of the next value. */
  private leafPlan: Plan;
  private content = '';
  private escape = false;
  /** Characters read of a `\u` escape's four, or -1; `held` keeps them. */
  private unicode = -1;
  private held = '';
  /**
   * Whether a string had an escape the fixing scanner keeps raw (`\u`, `\/`). Once the
   * top-level value closes, the general path reads the answer as JSON and those strings are
   * decoded, so the strict path hands over there.
   */
  private rawEscapes = false;
  private oddQuotes = false;
  private oddBackslashes = false;
  private token = '';
  private root: unknown;
  /** Whether the visible value changed since the last snapshot. */
  changed = false;
  /** The text around the value (answer-frame.ts). */
  private readonly frame = new AnswerFrame();
  /** Strings being written show without their trailing raw whitespace (see AnswerFrame). */
  private trim = false;
  /** How many raw whitespace characters end the string being written (kept when `trim`). */
  private trailingBlanks = 0;
  /** 96 when a backtick in a string or key ends the strict path (see AnswerFrame), else -1. */
  private tick = -1;

  constructor(
    private readonly rootPlan: RootPlan,
    private readonly listViewMin: number,
  ) {
    this.leafPlan = rootPlan;
  }

  /** Whether the top-level value has opened (before it, only the frame's prefix was read). */
  get started(): boolean {
    return this.state !== S.BEFORE_ROOT;
  }

  /** Whether the top-level value is complete (only the frame's suffix may follow). */
  get done(): boolean {
    return this.state === S.AFTER_ROOT;
  }

  /**
   * Reads the next chunk. False when the text stops being one the strict reading gives the
   * general path's partials for: the caller must hand the whole text over (this object is then
   * spent).
   */
  feed(text: string): boolean {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case S.IN_STRING: {
          if (this.escape) {
            if (!this.unescape(c)) return false;
            i++;
            continue;
          }
          if (this.unicode >= 0) {
            if (!this.unicodeDigit(c)) return false;
            i++;
            continue;
          }
          const j = this.plainRunEnd(text, i);
          if (j > i) {
            this.content += text.slice(i, j);
            this.oddBackslashes = false;
            if (this.trim) this.trimmedRun(text, i, j);
            else if (this.leafPlan.k === 'string') this.changed = true;
            i = j;
            continue;
          }
          if (c === 92) {
            this.escape = true;
            if (this.leafPlan.k === 'string') this.changed = true;
          } else if (c === 34) {
            if (!this.closeString()) return false;
          } else return false; // a raw control character or a bracket
          i++;
          continue;
        }
        case S.IN_KEY: {
          const j = this.plainRunEnd(text, i);
          if (j > i) {
            this.content += text.slice(i, j);
            i = j;
            continue;
          }
          if (c !== 34 || !this.closeKey()) return false;
          i++;
          continue;
        }
        case S.IN_TOKEN: {
          let j = i;
          let d = c;
          while (
            (d >= 48 && d <= 57) ||
            (d >= 97 && d <= 122) ||
            d === 45 ||
            d === 43 ||
            d === 46 ||
            d === 69
          ) {
            if (++j === n) break;
            d = text.charCodeAt(j);
          }
          if (j > i) {
            if (!this.growToken(text.slice(i, j))) return false;
            i = j;
            continue;
          }
          if (!this.endToken(c)) return false;
          i++;
          continue;
        }
        default:
          if (!this.step(c)) return false;
          i++;
      }
    }
    return true;
  }

  /**
   * The value's own text within `text` (everything this stream read): the whole answer minus
   * its frame, when the final parse of the answer is the value's strict-JSON cast; else null.
   */
  valueText(text: string): string | null {
    if (this.state !== S.AFTER_ROOT || !this.frame.finalIsValue) return null;
    return text.slice(this.frame.prefixLength, text.length - this.frame.suffixLength);
  }

  /**
   * Where the run of plain string characters from `i` ends: at a quote, a backslash, a control
   * character, a bracket, a backtick where those end the path (see AnswerFrame), or the end.
   */
  private plainRunEnd(text: string, i: number): number {
    const n = text.length;
    const tick = this.tick;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 34 || d === 92 || d < 32 || isBracket(d) || d === tick) break;
      j++;
    }
    return j;
  }

  /** The partial for the text so far (the same object while nothing visible changed). */
  snapshot(): unknown {
    if (!this.changed) return this.root;
    this.changed = false;
    const stack = this.stack;
    let child: Shown = NONE;
    let hasChild = false;
    const top = stack.length - 1;
    if (this.state === S.IN_STRING || this.state === S.IN_TOKEN || this.state === S.TOKEN_BLANK) {
      child = this.leafShown();
      hasChild = true;
    }
    for (let d = top; d >= 0; d--) {
      const f = stack[d] as Frame;
      if (hasChild) setSlot(f, child);
      child = buildFrame(f, this.listViewMin);
      hasChild = true;
    }
    if (stack.length > 0) this.root = child;
    return this.root;
  }

  /**
   * Takes over `shared`: a value equal to the last snapshot in which the caller kept subtrees of
   * an earlier partial (the general path's, before the top-level value opened), so that later
   * snapshots keep them too.
   */
  adopt(shared: unknown): void {
    adoptSpine(this.stack, shared);
    this.root = shared;
  }

  // ---------------------------------------------------------------------------------------

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The visible value of the open string or token. */
  private leafShown(): Shown {
    const p = this.leafPlan;
    if (this.state === S.IN_STRING) {
      if (p.k !== 'string') return NONE;
      if (this.escape) return `${this.content}\\`;
      if (this.unicode >= 0) return `${this.content}\\u${this.held}`;
      const cut = this.trailingBlanks;
      return cut > 0 ? this.content.slice(0, this.content.length - cut) : this.content;
    }
    return wordShown(p, this.token);
  }

  /** Every other state: one character. */
  private step(c: number): boolean {
    switch (this.state) {
      case S.BEFORE_ROOT: {
        const r = this.frame.before(c);
        if (r === FRAME) return true;
        if (r === BAIL) return false;
        return this.openRoot(c);
      }
      case S.VALUE:
        if (isBlank(c)) return true;
        return this.startValue(c);
      case S.ITEM_OR_END:
        if (isBlank(c)) return true;
        if (c === 93) return this.closeContainer(ARR);
        return this.startValue(c);
      case S.KEY_OR_END:
        if (isBlank(c)) return true;
        if (c === 125) return this.closeContainer(OBJ);
        return this.startKey(c);
      case S.KEY:
        if (isBlank(c)) return true;
        return this.startKey(c);
      case S.KEY_CLOSED:
        if (isBlank(c)) {
          this.state = S.COLON;
          return true;
        }
        return this.colon(c);
      case S.COLON:
        if (isBlank(c)) return true;
        return this.colon(c);
      case S.STRING_CLOSED:
        return this.afterString(c);
      case S.AFTER_VALUE:
        if (isBlank(c)) return true;
        return this.afterValue(c);
      case S.TOKEN_BLANK:
        if (isBlank(c)) return true;
        return this.endToken(c);
      case S.TOKEN_COMMA:
        // the fixing scanner ends the value at this comma only before a space or a newline
        if (c !== 32 && c !== 10) return false;
        this.state = S.KEY;
        return true;
      case S.AFTER_ROOT:
        return this.frame.after(c);
      default:
        return false;
    }
  }

  /** The value's first bracket, after the frame's prefix. */
  private openRoot(c: number): boolean {
    const frame = this.frame;
    this.trim = frame.trimStrings;
    this.tick = frame.noTicks ? 96 : -1;
    if (frame.inTaggedFence && !fencedTarget(this.rootPlan)) return false;
    return this.startValue(c);
  }

  /** Keeps `trailingBlanks` and `changed` for raw string text `text[i, j)` (trim mode). */
  private trimmedRun(text: string, i: number, j: number): void {
    let k = j;
    while (k > i && isWhitespace(text.charCodeAt(k - 1))) k--;
    if (k === i) {
      // only whitespace: the shown string does not change
      this.trailingBlanks += j - i;
      return;
    }
    this.trailingBlanks = j - k;
    if (this.leafPlan.k === 'string') this.changed = true;
  }

  private startKey(c: number): boolean {
    if (c !== 34) return false;
    this.state = S.IN_KEY;
    this.content = '';
    return true;
  }

  private closeKey(): boolean {
    const f = this.top() as ObjFrame | MapFrame;
    const key = this.content;
    if (f.t === MAP) {
      if (!mapKey(key) || f.seen.has(key)) return false;
      f.seen.add(key);
      f.field = f.keys.length;
      f.keys.push(key);
      f.values.push(NONE);
      this.leafPlan = f.plan.value;
      this.state = S.KEY_CLOSED;
      return true;
    }
    const i = f.plan.index.get(key);
    if (i === undefined || f.seen[i]) return false;
    f.seen[i] = true;
    f.field = i;
    this.leafPlan = f.plan.fields[i] as Plan;
    this.state = S.KEY_CLOSED;
    return true;
  }

  private colon(c: number): boolean {
    if (c !== 58) return false;
    this.state = S.VALUE;
    return true;
  }

  /** The first character of a value (the plan of the slot is `leafPlan`). */
  private startValue(c: number): boolean {
    const f = this.top();
    const p =
      f === undefined
        ? this.rootPlan
        : f.t === OBJ
          ? (f.plan.fields[f.field] as Plan)
          : f.t === MAP
            ? f.plan.value
            : f.plan.item;
    if (f !== undefined && f.t === ARR && f.last !== NONE) {
      f.kept.push(f.last);
      f.last = NONE;
    }
    this.leafPlan = p;
    if (c === 34) {
      if (p.k !== 'string' && p.k !== 'enum') return false;
      this.state = S.IN_STRING;
      this.content = '';
      this.escape = false;
      this.oddQuotes = false;
      this.oddBackslashes = false;
      this.trailingBlanks = 0;
      if (p.k === 'string') this.changed = true;
      return true;
    }
    if (c === 123 /* { */) {
      if ((p.k !== 'class' && p.k !== 'map') || this.stack.length >= MAX_DEPTH) return false;
      if (p.k === 'class') {
        this.stack.push(new ObjFrame(p));
        this.changed = true;
      } else {
        const frame = new MapFrame(p);
        // (an object's map field already shows {})
        if (f !== undefined && f.t === OBJ)
          frame.snap = f.values[f.field] as Record<string, unknown>;
        else this.changed = true;
        this.stack.push(frame);
      }
      this.state = S.KEY_OR_END;
      return true;
    }
    if (c === 91 /* [ */) {
      if (p.k !== 'list' || this.stack.length >= MAX_DEPTH) return false;
      const frame = new ArrFrame(p);
      // (an object's list field already shows [])
      if (f !== undefined && f.t === OBJ) frame.snap = f.values[f.field] as unknown[];
      else this.changed = true;
      this.stack.push(frame);
      this.state = S.ITEM_OR_END;
      return true;
    }
    if (f === undefined) return false;
    if (c === 45 || (c >= 48 && c <= 57)) {
      if (p.k !== 'int' && p.k !== 'float') return false;
    } else if (c === 116 /* t */ || c === 102 /* f */) {
      if (p.k !== 'bool') return false;
    } else if (c === 110 /* n */) {
      // (a class `T?` shows `n`, `nu`, … read into the class in ways that depend on its fields)
      if (!p.nullable || f.t === ARR || p.k === 'class') return false;
    } else return false;
    this.state = S.IN_TOKEN;
    this.token = '';
    return this.growToken(String.fromCharCode(c));
  }

  /** Appends token characters; false when the token cannot be JSON of the slot's type. */
  private growToken(s: string): boolean {
    const token = this.token + s;
    this.token = token;
    const c = token.charCodeAt(0);
    if (c !== 116 && c !== 102 && c !== 110) return true; // a number: shown once terminated
    const word = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
    if (token.length > word.length || !word.startsWith(token)) return false;
    // What a word shows (see wordShown) changes with each letter of a `string?` (`n`, `nu`, …)
    // and when the word is complete (a field's `null` may show what it showed before: the
    // frame versions tell, and the partial stays the same object)
    if (this.leafPlan.k === 'string' || token.length === word.length) this.changed = true;
    return true;
  }

  /** A character after a number or word: blanks, then `,` or the container's end. */
  private endToken(c: number): boolean {
    if (isBlank(c)) {
      this.state = S.TOKEN_BLANK;
      return true;
    }
    const f = this.top() as Frame;
    const closer = f.t === ARR ? 93 : 125;
    if (c !== 44 && c !== closer) return false;
    const v = tokenValue(this.leafPlan, this.token);
    if (v === NONE) return false;
    setSlot(f, v);
    // (a word was shown as soon as it was complete; a number shows now)
    this.changed = true;
    if (c === closer) return this.closeContainer(f.t);
    this.state = f.t === ARR ? S.VALUE : S.TOKEN_COMMA;
    return true;
  }

  private unescape(c: number): boolean {
    const decoded = simpleEscape(c);
    switch (c) {
      case 117: // `\u`: kept raw by the fixing scanner (see unicodeDigit)
        this.escape = false;
        this.unicode = 0;
        this.held = '';
        this.rawEscapes = true;
        this.trailingBlanks = 0;
        if (this.leafPlan.k === 'string') this.changed = true;
        return true;
      case 47: // `\/`: the fixing scanner keeps the backslash and reads `/` as content
        this.escape = false;
        this.content += '\\/';
        this.oddBackslashes = false;
        this.rawEscapes = true;
        this.trailingBlanks = 0;
        if (this.leafPlan.k === 'string') this.changed = true;
        return true;
      default:
        if (decoded < 0) return false; // not an escape of JSON
    }
    this.escape = false;
    this.content += String.fromCharCode(decoded);
    this.trailingBlanks = 0;
    // the fixing scanner's quote parity over the decoded content
    if (decoded === 34 && !this.oddBackslashes) this.oddQuotes = !this.oddQuotes;
    this.oddBackslashes = decoded === 92 ? !this.oddBackslashes : false;
    // (a decoded `\\` shows what the pending escape showed: the backslash)
    if (this.leafPlan.k === 'string' && decoded !== 92) this.changed = true;
    return true;
  }

  /**
   * A character of a `\u` escape. The fixing scanner keeps `\u` and the next three characters
   * and drops the fourth (`caf\u00e9` reads `caf\u00e`) until the answer is whole JSON.
   */
  private unicodeDigit(c: number): boolean {
    const hex = (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
    if (!hex) return false;
    if (++this.unicode < 4) {
      this.held += String.fromCharCode(c);
      if (this.leafPlan.k === 'string') this.changed = true;
      return true;
    }
    // (what shows does not change: the pending escape showed these three characters)
    this.content += `\\u${this.held}`;
    this.oddBackslashes = false;
    this.unicode = -1;
    return true;
  }

  private closeString(): boolean {
    const p = this.leafPlan;
    const f = this.top() as Frame;
    if (p.k === 'enum') {
      const v = p.names.get(this.content);
      if (v === undefined) return false;
      setSlot(f, v);
      this.changed = true;
    } else {
      // (a trimmed string shows its trailing whitespace once closed)
      if (this.trailingBlanks > 0) this.changed = true;
      setSlot(f, this.content);
    }
    this.trailingBlanks = 0;
    this.state = S.STRING_CLOSED;
    return true;
  }

  /** The character right after a value string's closing quote. */
  private afterString(c: number): boolean {
    if (isBlank(c)) {
      this.state = S.AFTER_VALUE;
      return true;
    }
    // `",` closes only with an even quote count (else the general path reads on)
    if (c === 44 && this.oddQuotes) return false;
    return this.afterValue(c);
  }

  private afterValue(c: number): boolean {
    const f = this.top() as Frame;
    if (c === 44) {
      this.state = f.t === ARR ? S.VALUE : S.KEY;
      return true;
    }
    if (c === (f.t === ARR ? 93 : 125)) return this.closeContainer(f.t);
    return false;
  }

  private closeContainer(t: number): boolean {
    const f = this.top() as Frame;
    // (`}` closes an object or a map, `]` a list)
    if ((t === ARR) !== (f.t === ARR)) return false;
    const snap = buildFrame(f, this.listViewMin);
    this.stack.pop();
    const parent = this.top();
    if (parent === undefined) {
      if (this.rawEscapes) return false;
      this.root = snap;
      this.state = S.AFTER_ROOT;
      return true;
    }
    setSlot(parent, snap);
    this.state = S.AFTER_VALUE;
    return true;
  }
}
