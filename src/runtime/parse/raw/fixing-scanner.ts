// The fixing parser of spec §3.2 as a push-driven state machine.
//
// The reference reads the whole text with unbounded look-ahead for every character. This
// scanner reads each character once and keeps its state between chunks: a stack of open frames
// (object, array, string kinds, unquoted token, comment) plus one *pending decision* when a
// character's meaning depends on what follows:
//   - a quote inside a string: does it close it? (next non-blank character decides)
//   - a `\` or `\u` escape waiting for its characters
//   - an opening `"`/`` ` `` that may be a triple quote
//   - a `"` or `` ` `` inside a triple-quoted string, a `/` that may start a comment
//   - a `,` after an unquoted object value (the "does the comma end it" rule)
// The pending state holds only the few characters since the undecided point, so the work per
// character stays constant (a run of blanks after a quote is kept as one growing string).
//
// The tree is built in place: open nodes sit in their parent's last slot and are updated when
// `view()` is asked for; completed nodes are never touched again. What the reference would say
// if the text ended *now* (an undecided quote counts as closing, an unquoted token closes as
// Incomplete, the end-of-input quirks below) is applied as a *tentative* change in `view()` and
// undone before the next character is read: only the last slot of the innermost open container
// (or the list of top-level values) is ever swapped, which the contract allows.
//
// Reference quirks reproduced on purpose (they are observable):
// - Quote counting: a `"` followed directly by `,` closes a value string only if the number of
//   `"` in the decoded content (not preceded by an odd run of `\`) is even.
// - A `"""` string closes at two quotes (or one at the end of the text), and one more character
//   after them is skipped (the reference skips 3). A ```` ``` ```` string closes only at three
//   backticks and skips nothing more: BAML 0.226.2 reads `` ```json\nnull\n`` `` (two backticks
//   at the end) as an open string.
// - A `\u` escape in a `"` string is kept raw, but only `\u` and the next 3 characters: the
//   4th is read and dropped (`"caf\u00e9"` gives `caf\u00e`; recorded from BAML 0.226.2).
// - A quote run is "blank" only for space, tab and newline; `\r` is not.
// - At the end of the text an unquoted top-level token re-reads its last character as a new
//   token. An unquoted *key* does not: at the end of the text it is dropped like a quoted key
//   without value (`{abc` gives `{}`, `{ab}` an Incomplete `{}`), as recorded from BAML 0.226.2
//   (`{title`, `{5: "b", 2.1` and `…, null` show no entry in any partial).
// - With several top-level values only objects and arrays are kept (the all-strings
//   InferredArray branch of the reference never fires: it compares with a name that is never
//   produced).
// Known deviations: counts are in UTF-16 code units where the reference mixes UTF-8 byte offsets
// and character counts (it can skip characters after non-ASCII unquoted text); a key that is an
// object or array becomes its compact JSON text; content nested deeper than `MAX_DEPTH`
// containers is dropped (the reference has no cap here and is exponential on it).
import * as codes from './char-codes.js';
import { dedent } from './dedent.js';
import { GrowingDedent } from './growing-dedent.js';
import type { RawArray, RawEntry, RawObject, RawString, RawValue } from './raw-value.js';
import * as unquotedModule from './unquoted-value.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const isWhitespace = codes.isWhitespace;
const { isNumericStart, rustFloatValue, rustParsesAsFloat, unquotedValue } = unquotedModule;

/** Containers nested deeper than this are skipped (the reference caps recursion at 100). */
export const MAX_DEPTH = 100;

enum Pos {
  Nothing = 0,
  Key = 1,
  Value = 2,
  Array = 3,
}

enum F {
  Object = 0,
  Array = 1,
  Str = 2,
  Triple = 3,
  Unquoted = 4,
  LineComment = 5,
  BlockComment = 6,
}

enum P {
  None = 0,
  /** A quote in a string that may close it; `stage` 0 = right after, 1 = after blanks, 2 = after blanks + `/`. */
  QuoteClose = 1,
  /** After `\` in a `"` string. */
  Escape = 2,
  /** After `\u`: collecting up to 4 raw characters. */
  Unicode = 3,
  /** After an opening `"` or `` ` ``, waiting to see whether two more make a triple quote. */
  Open = 4,
  /** In a triple-quoted string after one closing-quote character. */
  TripleEnd = 5,
  /** Characters to drop (after a triple-quote close). */
  Skip = 6,
  /** After a `/` where a value may start: comment or not? */
  Slash = 7,
  /** After `,` in an unquoted object value; `stage` 0 = right after, 1 = in the blank run. */
  UnquotedComma = 8,
  /** In a block comment after `*`. */
  Star = 9,
}

interface ObjectFrame {
  t: F.Object;
  pos: Pos;
  node: RawObject;
  /** A key has been read and its value is awaited or open. */
  inValue: boolean;
  key: string;
  /** What the last view showed (see `ContainerSeen`). */
  seen: ContainerSeen;
}
interface ArrayFrame {
  t: F.Array;
  pos: Pos;
  node: RawArray;
  seen: ContainerSeen;
}
/**
 * An open container as the last view showed it: its length and its last slot (the only one that
 * can change), by identity and `rev`, and the last entry's key. A view bumps the container's
 * `rev` only when one of these moved, so a push that changes nothing visible leaves the whole
 * spine's `rev`s as they were.
 */
interface ContainerSeen {
  len: number;
  last: RawValue | null;
  lastRev: number;
  key: string;
}
interface StrFrame {
  t: F.Str;
  pos: Pos;
  quote: number;
  content: string;
  /** Parity of unescaped `"` in the decoded content (reference's closing-quote count). */
  oddQuotes: boolean;
  /** Parity of the run of `\` at the end of the decoded content. */
  oddBackslashes: boolean;
  node: RawString | null;
}
interface TripleFrame {
  t: F.Triple;
  pos: Pos;
  quote: number;
  content: string;
  node: RawString | null;
  /** The value while the string is open, kept up to date at the cost of the new text. */
  grow: GrowingDedent | null;
}
interface UnquotedFrame {
  t: F.Unquoted;
  pos: Pos;
  /** Content up to its last non-blank character (tokens start at a non-blank one). */
  content: string;
  /** Blanks after `content`, kept apart so the token never needs trimming. */
  blanks: string;
  /** Characters examined after the first (for the end-of-input re-read quirk). */
  examined: number;
  lastExamined: number;
  node: RawValue | null;
  /** The token's first character. */
  firstCode: number;
  /** While the token is one run of one chunk: that chunk and the run (flat slices, no ropes). */
  source: string | null;
  sourceStart: number;
  sourceEnd: number;
}
interface CommentFrame {
  t: F.LineComment | F.BlockComment;
  pos: Pos;
}
type Frame = ObjectFrame | ArrayFrame | StrFrame | TripleFrame | UnquotedFrame | CommentFrame;

type Undo =
  | { kind: 'slot'; frame: ObjectFrame | ArrayFrame | null; node: RawValue }
  | { kind: 'pop'; frame: ObjectFrame | ArrayFrame | null };

/** The fixing parser's result for the text so far (spec §3.1 stage 4). */
export interface FixingResult {
  /** How many top-level values there are. */
  count: number;
  /** The first top-level value (what is kept when there is only one). */
  first: RawValue | undefined;
  /** Objects and arrays among them (what is kept when there are several values). */
  containers: RawValue[];
}

/**
 * Incremental fixing parser. Feed text with `push`; `view()` returns the top-level values the
 * reference would produce if the text ended here; `finish()` ends the input for good.
 *
 * @example
 * const s = new FixingScanner();
 * s.push('{"a": [1, tr');
 * s.view().first; // object {a: [1 (complete), true]}, incomplete
 */
export class FixingScanner {
  private readonly stack: Frame[] = [];
  private readonly tops: RawValue[] = [];
  private readonly topContainers: RawValue[] = [];
  private pend: P = P.None;
  private stage = 0;
  /** Raw characters held by the pending decision (after the undecided character). */
  private held = '';
  private heldBlanks = '';
  private heldCount = 0;
  private pendQuote = 0;
  private sawSlashInBlanks = false;
  private anythingButBlank = false;
  private readonly undo: Undo[] = [];
  private skipDepth = 0;
  private containerDepth = 0;
  private finished = false;
  /** Set when anything visible may have changed since the last `view()`. */
  private dirty = true;
  private cachedView: FixingResult | null = null;

  /** Feeds more text. */
  push(chunk: string): void {
    if (this.finished) throw new Error('FixingScanner: push after finish');
    if (chunk.length === 0) return;
    this.revert();
    this.dirty = true;
    this.cachedView = null;
    this.feed(chunk, 0, chunk.length);
  }

  /** Ends the input: pending decisions resolve as at end of text and everything open stays Incomplete. */
  finish(): void {
    if (this.finished) return;
    const v = this.view();
    this.finalValues = this.values();
    this.finalView = { count: v.count, first: v.first, containers: v.containers.slice() };
    this.undo.length = 0;
    this.finished = true;
  }

  private finalView: FixingResult | null = null;

  private readonly viewContainers: RawValue[] = [];
  /** The object `view()` hands out, filled in again by each call. */
  private readonly viewResult: FixingResult = {
    count: 0,
    first: undefined,
    containers: this.viewContainers,
  };
  private readonly extraTops: RawValue[] = [];
  private shownRoot: RawValue | undefined = undefined;

  /**
   * The top-level values if the text ended here, in O(depth) (many top-level values do not
   * make it slower). The result object and its containers array are reused by the next call:
   * read them before pushing.
   */
  view(): FixingResult {
    if (this.finalView !== null) return this.finalView;
    if (this.cachedView !== null) return this.cachedView;
    this.revert();
    this.syncOpenLeaf();
    const extraTops = this.extraTops;
    if (extraTops.length > 0) extraTops.length = 0;
    this.applyEndOfText(extraTops);
    if (this.dirty) {
      // innermost first, so each container sees its open child's `rev` already settled
      for (let k = this.stack.length - 1; k >= 0; k--) {
        const frame = this.stack[k] as Frame;
        if (frame.t === F.Object || frame.t === F.Array) noteShown(frame);
      }
      this.dirty = false;
    }
    const root = this.stack[0];
    const rootNode = root === undefined ? undefined : this.nodeOf(root);
    const shown = rootNode === undefined ? undefined : (this.tentativeTop ?? rootNode);
    this.shownRoot = shown;
    const tops = this.tops;
    const count = tops.length + (shown === undefined ? 0 : 1) + extraTops.length;
    const first = tops.length > 0 ? tops[0] : (shown ?? extraTops[0]);
    const containers = this.viewContainers;
    const extra =
      shown !== undefined && (shown.kind === 'object' || shown.kind === 'array')
        ? shown
        : undefined;
    syncContainers(containers, this.topContainers, extra);
    const result = this.viewResult;
    result.count = count;
    result.first = first;
    this.cachedView = result;
    return result;
  }

  /** Every top-level value if the text ended here (O(number of values); for tests and tools). */
  values(): RawValue[] {
    if (this.finalValues !== null) return this.finalValues.slice();
    this.view();
    const out = this.tops.slice();
    if (this.shownRoot !== undefined) out.push(this.shownRoot);
    for (const v of this.extraTops) out.push(v);
    return out;
  }

  private finalValues: RawValue[] | null = null;

  // ---------------------------------------------------------------------------------------
  // Reading characters

  private feed(text: string, start: number, end: number): void {
    let i = start;
    while (i < end) {
      if (this.pend !== P.None) {
        if (this.pending(text.charCodeAt(i), text, i)) i++;
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (this.skipDepth > 0) {
        const c = text.charCodeAt(i);
        if (c === Ch.OpenBrace || c === Ch.OpenBracket) this.skipDepth++;
        else if (c === Ch.CloseBrace || c === Ch.CloseBracket) this.skipDepth--;
        i++;
        continue;
      }
      if (top === undefined || top.t === F.Object || top.t === F.Array) {
        // a run of ASCII blanks between values means nothing to a container or the top level
        let c = text.charCodeAt(i);
        while (c === Ch.Space || c === Ch.Newline || c === Ch.Tab || c === Ch.CarriageReturn) {
          if (++i === end) return;
          c = text.charCodeAt(i);
        }
        this.structural(c, text, i);
        i++;
        continue;
      }
      switch (top.t) {
        case F.Str:
          i = this.readString(top, text, i, end);
          break;
        case F.Triple:
          i = this.readTriple(top, text, i, end);
          break;
        case F.Unquoted:
          i = this.readUnquoted(top, text, i, end);
          break;
        case F.LineComment: {
          const c = text.charCodeAt(i);
          if (c === Ch.Newline) this.closeTop();
          i++;
          break;
        }
        case F.BlockComment: {
          if (text.charCodeAt(i) === Ch.Asterisk) this.pend = P.Star;
          i++;
          break;
        }
      }
    }
  }

  /** Feeds a short string through the machine (re-reading held characters). */
  private refeed(text: string): void {
    if (text.length > 0) this.feed(text, 0, text.length);
  }

  /** A character where a value, a closing bracket or separators may come. */
  private structural(c: number, text: string, i: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined) {
      if (top.t === F.Object) {
        if (c === Ch.CloseBrace) {
          this.closeContainer();
          return;
        }
        if (c === Ch.Comma || c === Ch.Colon) return;
      } else if (top.t === F.Array) {
        if (c === Ch.CloseBracket) {
          this.closeContainer();
          return;
        }
        if (c === Ch.Comma) return;
      }
    }
    this.startValue(c, text, i);
  }

  /** The reference's `find_any_starting_value`. */
  private startValue(c: number, text: string, i: number): void {
    if (isWhitespace(c)) return;
    switch (c) {
      case Ch.OpenBrace:
      case Ch.OpenBracket:
        this.openContainer(c === Ch.OpenBrace);
        return;
      case Ch.DoubleQuote:
      case Ch.Backtick:
        this.pend = P.Open;
        this.pendQuote = c;
        this.heldCount = 0;
        return;
      case Ch.SingleQuote:
        this.openString(c);
        return;
      case Ch.Slash:
        this.pend = P.Slash;
        return;
      default:
        this.openUnquoted(text.slice(i, i + 1), i, text);
    }
  }

  private currentPos(): Pos {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return Pos.Nothing;
    if (top.t === F.Object) return top.inValue ? Pos.Value : Pos.Key;
    return Pos.Array;
  }

  /** True once content nested deeper than `MAX_DEPTH` was dropped. */
  skippedDeepContent = false;

  private openContainer(isObject: boolean): void {
    if (this.containerDepth >= MAX_DEPTH) {
      this.skipDepth = 1;
      this.skippedDeepContent = true;
      return;
    }
    const pos = this.currentPos();
    this.containerDepth++;
    if (isObject) {
      const node: RawObject = { kind: 'object', entries: [], completion: 'incomplete', rev: 0 };
      this.attach(pos, node);
      this.stack.push({ t: F.Object, pos, node, inValue: false, key: '', seen: newSeen() });
    } else {
      const node: RawArray = { kind: 'array', items: [], completion: 'incomplete', rev: 0 };
      this.attach(pos, node);
      this.stack.push({ t: F.Array, pos, node, seen: newSeen() });
    }
  }

  /**
   * A closed string frame kept for the next string, and the same for unquoted tokens: strings
   * and tokens never nest, so one spare of each saves an allocation per key and per value.
   * Nothing keeps a frame once it is popped (undo records hold only container frames).
   */
  private spareStr: StrFrame | null = null;
  private spareUnquoted: UnquotedFrame | null = null;

  private openString(quote: number): StrFrame {
    const pos = this.currentPos();
    let node: RawString | null = null;
    if (pos !== Pos.Key) {
      node = { kind: 'string', value: '', completion: 'incomplete', rev: 0 };
      this.attach(pos, node);
    }
    let frame = this.spareStr;
    if (frame === null) {
      frame = {
        t: F.Str,
        pos,
        quote,
        content: '',
        oddQuotes: false,
        oddBackslashes: false,
        node,
      };
    } else {
      this.spareStr = null;
      frame.pos = pos;
      frame.quote = quote;
      frame.content = '';
      frame.oddQuotes = false;
      frame.oddBackslashes = false;
      frame.node = node;
    }
    this.stack.push(frame);
    return frame;
  }

  private openTriple(quote: number): void {
    const pos = this.currentPos();
    let node: RawString | null = null;
    if (pos !== Pos.Key) {
      node = { kind: 'string', value: '', completion: 'incomplete', rev: 0 };
      this.attach(pos, node);
    }
    this.stack.push({ t: F.Triple, pos, quote, content: '', node, grow: null });
  }

  /** Starts an unquoted token; `source`/`at` locate `first` so the token can stay one slice. */
  private openUnquoted(first: string, at: number, source: string | null): UnquotedFrame {
    const pos = this.currentPos();
    let frame = this.spareUnquoted;
    if (frame === null) {
      frame = {
        t: F.Unquoted,
        pos,
        content: first,
        blanks: '',
        examined: 0,
        lastExamined: 0,
        node: null,
        firstCode: first.charCodeAt(0),
        source,
        sourceStart: at,
        sourceEnd: source === null ? -1 : at + first.length,
      };
    } else {
      this.spareUnquoted = null;
      frame.pos = pos;
      frame.content = first;
      frame.blanks = '';
      frame.examined = 0;
      frame.lastExamined = 0;
      frame.node = null;
      frame.firstCode = first.charCodeAt(0);
      frame.source = source;
      frame.sourceStart = at;
      frame.sourceEnd = source === null ? -1 : at + first.length;
    }
    if (pos !== Pos.Key) {
      frame.node = unquotedValue(first, 'incomplete', frame.firstCode);
      this.attach(pos, frame.node);
    }
    this.stack.push(frame);
    return frame;
  }

  /** Keeps a popped string or token frame for reuse (its node and text are let go). */
  private recycle(frame: Frame): void {
    if (frame.t === F.Str) {
      frame.node = null;
      frame.content = '';
      this.spareStr = frame;
    } else if (frame.t === F.Unquoted) {
      frame.node = null;
      frame.content = '';
      frame.blanks = '';
      frame.source = null;
      this.spareUnquoted = frame;
    }
  }

  /** Puts a newly started value into its parent (an object entry, an array item, or the top). */
  private attach(pos: Pos, node: RawValue): void {
    if (pos === Pos.Key) return;
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) return; // top-level values are read from the stack
    if (parent.t === F.Object) parent.node.entries.push({ key: parent.key, value: node });
    else if (parent.t === F.Array) parent.node.items.push(node);
  }

  /**
   * Replaces the node in the last slot of an open container. The entry object is updated in
   * place: it belongs to the open object, and swapping happens on every view while a decision
   * is pending, so a new entry each time would only feed the garbage collector.
   */
  private replaceSlot(parent: ObjectFrame | ArrayFrame | null, node: RawValue): RawValue | null {
    if (parent === null) return null;
    if (parent.t === F.Object) {
      const entries = parent.node.entries;
      const last = entries[entries.length - 1];
      if (last === undefined) return null;
      const old = last.value;
      last.value = node;
      return old;
    }
    const items = parent.node.items;
    const old = items[items.length - 1];
    if (old === undefined) return null;
    items[items.length - 1] = node;
    return old;
  }

  private parentContainer(depthFromTop: number): ObjectFrame | ArrayFrame | null {
    const f = this.stack[this.stack.length - 1 - depthFromTop];
    if (f === undefined) return null;
    if (f.t === F.Object || f.t === F.Array) return f;
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Closing

  /** Pops the top frame, completing it (a real delimiter or terminator was read). */
  private closeTop(): void {
    const frame = this.stack.pop();
    if (frame === undefined) return;
    if (
      frame.pos === Pos.Key &&
      (frame.t === F.Str || frame.t === F.Triple || frame.t === F.Unquoted)
    ) {
      // a key's text is what `keyText` would make of its node: no node needed
      const parent = this.stack[this.stack.length - 1];
      if (parent !== undefined && parent.t === F.Object) {
        parent.key = frame.t === F.Triple ? tripleValue(frame) : frame.content;
        parent.inValue = true;
        this.recycle(frame);
        return;
      }
    }
    let value: RawValue | null = null;
    switch (frame.t) {
      case F.Object:
      case F.Array:
        this.containerDepth--;
        frame.node.completion = 'complete';
        frame.node.rev++;
        value = frame.node;
        break;
      case F.Str:
        value = this.finalString(frame.node, frame.content, 'complete');
        break;
      case F.Triple:
        value = this.finalString(frame.node, tripleValue(frame), 'complete');
        break;
      case F.Unquoted:
        value = completedUnquoted(frame);
        break;
      default:
        return; // comments produce nothing
    }
    this.deliver(frame.pos, value, frame);
    this.recycle(frame);
  }

  private closeContainer(): void {
    this.closeTop();
  }

  private finalString(node: RawString | null, value: string, completion: 'complete'): RawString {
    if (node !== null) {
      node.value = value;
      node.completion = completion;
      node.rev++;
      return node;
    }
    return { kind: 'string', value, completion, rev: 0 };
  }

  /** Hands a finished value to its parent: a key, an entry value, an item, or a top-level value. */
  private deliver(pos: Pos, value: RawValue, frame: Frame): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.tops.push(value);
      if (value.kind === 'object' || value.kind === 'array') this.topContainers.push(value);
      return;
    }
    if (parent.t === F.Object) {
      if (pos === Pos.Key) {
        parent.key = keyText(value);
        parent.inValue = true;
      } else {
        if (nodeOfFrame(frame) !== value) this.replaceSlot(parent, value);
        parent.inValue = false;
      }
    } else if (parent.t === F.Array) {
      if (nodeOfFrame(frame) !== value) this.replaceSlot(parent, value);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Strings

  private readString(frame: StrFrame, text: string, start: number, end: number): number {
    const q = frame.quote;
    const escapes = q === Ch.DoubleQuote;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === q || (escapes && c === Ch.Backslash)) break;
      i++;
    }
    if (i > start) {
      frame.content += text.slice(start, i);
      if (escapes) frame.oddBackslashes = false;
      else this.trackRun(frame, text, start, i);
    }
    if (i < end) {
      const c = text.charCodeAt(i);
      if (c === q) {
        this.pend = P.QuoteClose;
        this.stage = 0;
        this.held = '';
      } else {
        this.pend = P.Escape;
      }
      return i + 1;
    }
    return i;
  }

  private readTriple(frame: TripleFrame, text: string, start: number, end: number): number {
    const q = frame.quote;
    let i = start;
    while (i < end && text.charCodeAt(i) !== q) i++;
    if (i > start) appendTriple(frame, text.slice(start, i));
    if (i < end) {
      this.pend = P.TripleEnd;
      this.heldCount = 1;
      return i + 1;
    }
    return i;
  }

  /** Keeps the quote/backslash parities right for content appended without escapes. */
  private trackRun(frame: StrFrame, text: string, start: number, end: number): void {
    for (let k = start; k < end; k++) this.trackChar(frame, text.charCodeAt(k));
  }

  private trackChar(frame: StrFrame, c: number): void {
    if (c === Ch.DoubleQuote && !frame.oddBackslashes) frame.oddQuotes = !frame.oddQuotes;
    frame.oddBackslashes = c === Ch.Backslash ? !frame.oddBackslashes : false;
  }

  private appendDecoded(frame: StrFrame, s: string): void {
    frame.content += s;
    for (let k = 0; k < s.length; k++) this.trackChar(frame, s.charCodeAt(k));
  }

  /** Whether the quote just read closes the string, given the next character (stage 0). */
  private closesRightAfter(frame: StrFrame, c: number): boolean | 'blank' {
    const parent = this.stack[this.stack.length - 2];
    const inKey = parent !== undefined && parent.t === F.Object && !parent.inValue;
    const inValue = parent !== undefined && parent.t === F.Object && parent.inValue;
    const inArray = (parent !== undefined && parent.t === F.Array) || inValue;
    const hasParent = parent !== undefined;
    if ((c === Ch.Colon || c === Ch.CloseBrace) && inKey) return true;
    if (c === Ch.Comma && inArray) {
      const odd = frame.quote === Ch.DoubleQuote && frame.oddQuotes;
      if (!odd) return true;
      return false;
    }
    if (c === Ch.CloseBrace && inValue) return true;
    if (c === Ch.CloseBracket && inArray) return true;
    if (c === Ch.Space || c === Ch.Tab || c === Ch.Newline) return 'blank';
    if (c === frame.quote) return false;
    if (
      c === Ch.OpenBrace ||
      c === Ch.DoubleQuote ||
      c === Ch.SingleQuote ||
      c === Ch.OpenBracket
    ) {
      return !hasParent;
    }
    return false;
  }

  /** Stage 1: the first non-blank character after the blanks decides. */
  private closesAfterBlanks(c: number): boolean | 'slash' {
    const parent = this.stack[this.stack.length - 2];
    const inKey = parent !== undefined && parent.t === F.Object && !parent.inValue;
    const inValue = parent !== undefined && parent.t === F.Object && parent.inValue;
    const inArray = (parent !== undefined && parent.t === F.Array) || inValue;
    if (c === Ch.CloseBrace && (inKey || inValue)) return true;
    if (c === Ch.Colon && inKey) return true;
    if (c === Ch.Comma && inValue) return true;
    if ((c === Ch.Comma || c === Ch.CloseBracket) && inArray) return true;
    if (c === Ch.Slash) return 'slash';
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Pending decisions

  /**
   * Handles a character while a decision is pending. Returns false when the character was not
   * used up: the machine, now in its new state, reads it again (no strings are rebuilt).
   */
  private pending(c: number, text: string, i: number): boolean {
    switch (this.pend) {
      case P.QuoteClose:
        return this.pendingQuoteClose(c);
      case P.Escape:
        return this.pendingEscape(c);
      case P.Unicode: {
        this.held += text.slice(i, i + 1);
        this.heldCount++;
        if (this.heldCount === 4) {
          const frame = this.stack[this.stack.length - 1] as StrFrame;
          this.pend = P.None;
          // the reference keeps `\u` and the next 3 characters, then skips one more
          this.appendDecoded(frame, `\\u${this.held.slice(0, 3)}`);
          this.held = '';
        }
        return true;
      }
      case P.Open:
        return this.pendingOpen(c);
      case P.TripleEnd: {
        const frame = this.stack[this.stack.length - 1] as TripleFrame;
        if (frame.quote === Ch.Backtick) {
          // a backtick string closes only at three backticks, and nothing after them is skipped
          if (c !== Ch.Backtick) {
            this.pend = P.None;
            appendTriple(frame, '`'.repeat(this.heldCount));
            return false;
          }
          if (++this.heldCount === 3) {
            this.pend = P.None;
            this.closeTop();
          }
          return true;
        }
        this.pend = P.None;
        if (c === frame.quote) {
          this.closeTop();
          this.pend = P.Skip;
          this.heldCount = 2;
          return true;
        }
        appendTriple(frame, String.fromCharCode(frame.quote));
        return false;
      }
      case P.Skip:
        this.heldCount--;
        if (this.heldCount <= 0) this.pend = P.None;
        return true;
      case P.Slash:
        return this.pendingSlash(c, text, i);
      case P.UnquotedComma:
        return this.pendingUnquotedComma(c);
      case P.Star:
        this.pend = c === Ch.Asterisk ? P.Star : P.None;
        if (c === Ch.Slash) this.closeTop();
        return true;
      default:
        this.pend = P.None;
        return false;
    }
  }

  private pendingQuoteClose(c: number): boolean {
    const frame = this.stack[this.stack.length - 1] as StrFrame;
    if (this.stage === 0) {
      const d = this.closesRightAfter(frame, c);
      if (d === 'blank') {
        this.stage = 1;
        this.held = String.fromCharCode(c);
        return true;
      }
      this.pend = P.None;
      if (d) this.closeTop();
      else this.appendDecoded(frame, String.fromCharCode(frame.quote));
      return false;
    }
    if (this.stage === 1) {
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Newline) {
        this.held += String.fromCharCode(c);
        return true;
      }
      const d = this.closesAfterBlanks(c);
      if (d === 'slash') {
        this.stage = 2;
        this.held += '/';
        return true;
      }
      return this.resolveQuote(frame, d, c);
    }
    // stage 2: blanks then `/`: a comment closes the string
    return this.resolveQuote(frame, c === Ch.Slash || c === Ch.Asterisk, c);
  }

  private resolveQuote(frame: StrFrame, closes: boolean, c: number): boolean {
    const held = this.held;
    this.held = '';
    this.pend = P.None;
    if (!closes) {
      this.appendDecoded(frame, String.fromCharCode(frame.quote) + held);
      return false;
    }
    this.closeTop();
    // the held blanks mean nothing to the parent; a held `/` starts the comment `c` completes
    if (this.stage === 2) {
      this.stack.push({
        t: c === Ch.Slash ? F.LineComment : F.BlockComment,
        pos: this.currentPos(),
      });
      return true;
    }
    return false;
  }

  private pendingEscape(c: number): boolean {
    const frame = this.stack[this.stack.length - 1] as StrFrame;
    this.pend = P.None;
    let decoded: string | null = null;
    switch (c) {
      case 110:
        decoded = '\n';
        break;
      case 116:
        decoded = '\t';
        break;
      case 114:
        decoded = '\r';
        break;
      case 98:
        decoded = '\b';
        break;
      case 102:
        decoded = '\f';
        break;
      case Ch.Backslash:
        decoded = '\\';
        break;
      case Ch.DoubleQuote:
        decoded = '"';
        break;
      case 117: // \u: kept literally with its next 3 characters; the 4th is dropped
        this.pend = P.Unicode;
        this.held = '';
        this.heldCount = 0;
        return true;
    }
    if (decoded !== null) {
      this.appendDecoded(frame, decoded);
      return true;
    }
    this.appendDecoded(frame, '\\');
    return false;
  }

  private pendingOpen(c: number): boolean {
    const q = this.pendQuote;
    if (c === q && this.heldCount === 0) {
      this.heldCount = 1;
      return true;
    }
    this.pend = P.None;
    if (c === q && this.heldCount === 1) {
      this.openTriple(q);
      return true;
    }
    this.openString(q);
    if (this.heldCount === 1) {
      // the second quote was read inside the new string: does it close it?
      this.pend = P.QuoteClose;
      this.stage = 0;
      this.held = '';
    }
    return false;
  }

  private pendingSlash(c: number, text: string, i: number): boolean {
    this.pend = P.None;
    if (c === Ch.Slash || c === Ch.Asterisk) {
      this.stack.push({
        t: c === Ch.Slash ? F.LineComment : F.BlockComment,
        pos: this.currentPos(),
      });
      return true;
    }
    const top = this.stack[this.stack.length - 1];
    if (top !== undefined && top.t === F.Object) {
      // In an object a lone `/` starts an unquoted token (a path?); the next character joins
      // it without being checked as a terminator.
      const frame = this.openUnquoted('/', 0, null);
      this.appendUnquoted(frame, text, i, i + 1);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Unquoted tokens

  private readUnquoted(frame: UnquotedFrame, text: string, start: number, end: number): number {
    // the token's terminators depend only on where it sits: at most two characters
    let stop1: number;
    let stop2: number;
    switch (frame.pos) {
      case Pos.Nothing:
        stop1 = Ch.OpenBrace;
        stop2 = Ch.OpenBracket;
        break;
      case Pos.Key:
        stop1 = Ch.Colon;
        stop2 = Ch.Colon;
        break;
      case Pos.Value:
        stop1 = Ch.CloseBrace;
        stop2 = Ch.Comma;
        break;
      default:
        stop1 = Ch.Comma;
        stop2 = Ch.CloseBracket;
        break;
    }
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === stop1 || c === stop2) {
        if (i > start) {
          frame.examined += i - start;
          frame.lastExamined = text.charCodeAt(i - 1);
          this.appendUnquoted(frame, text, start, i);
        }
        if (frame.pos === Pos.Value && c === Ch.Comma) {
          this.pend = P.UnquotedComma;
          this.stage = 0;
          this.held = ',';
          return i + 1;
        }
        this.closeTop();
        return i; // the terminator is read again by the parent
      }
      i++;
    }
    if (i > start) {
      frame.examined += i - start;
      frame.lastExamined = text.charCodeAt(i - 1);
      this.appendUnquoted(frame, text, start, i);
    }
    return i;
  }

  private appendUnquoted(frame: UnquotedFrame, text: string, start: number, end: number): void {
    if (end <= start) return;
    let last = end - 1;
    while (last >= start && isWhitespace(text.charCodeAt(last))) last--;
    const contiguous = frame.source === text && frame.sourceEnd === start;
    if (last < start) {
      frame.blanks += text.slice(start, end);
      if (contiguous) frame.sourceEnd = end;
      return;
    }
    if (contiguous) {
      frame.content = text.slice(frame.sourceStart, last + 1);
      frame.sourceEnd = end;
    } else {
      frame.content += frame.blanks + text.slice(start, last + 1);
      frame.source = null;
    }
    frame.blanks = last + 1 < end ? text.slice(last + 1, end) : '';
  }

  private appendUnquotedString(frame: UnquotedFrame, s: string): void {
    this.appendUnquoted(frame, s, 0, s.length);
  }

  /** Is the unquoted value so far something a comma may end (reference `is_possible_value`)? */
  private possibleValue(frame: UnquotedFrame): boolean {
    const raw = frame.content + frame.blanks;
    const trimmed = frame.content;
    if (rustParsesAsFloat(trimmed)) return true;
    const lower = trimmed.toLowerCase();
    if (lower === 'true' || lower === 'false' || lower === 'null') return true;
    return !(raw.includes(' ') || raw.includes('('));
  }

  private pendingUnquotedComma(c: number): boolean {
    const frame = this.stack[this.stack.length - 1] as UnquotedFrame;
    if (this.stage === 0) {
      if (c === Ch.Newline) return this.commaCloses(true);
      if (c === Ch.Space) {
        if (this.possibleValue(frame)) return this.commaCloses(true);
        this.stage = 1;
        this.held = ',';
        this.heldBlanks = ' ';
        this.anythingButBlank = false;
        this.sawSlashInBlanks = false;
        return true;
      }
      // any other character: the comma is content and reading goes on with this character
      this.pend = P.None;
      this.held = '';
      this.appendUnquotedString(frame, ',');
      return false;
    }
    // stage 1: the blank run after ", " (`held` keeps up to its last non-blank, `heldBlanks` the rest)
    if (this.sawSlashInBlanks) {
      this.sawSlashInBlanks = false;
      if (c === Ch.Slash || c === Ch.Asterisk) return this.commaCloses(false);
    }
    if (!isWhitespace(c)) this.anythingButBlank = true;
    switch (c) {
      case Ch.Space:
        this.heldBlanks += ' ';
        return true;
      case Ch.Newline:
        if (!this.anythingButBlank) return this.commaCloses(true);
        this.heldBlanks += '\n';
        return true;
      case Ch.Slash:
        this.held += `${this.heldBlanks}/`;
        this.heldBlanks = '';
        this.sawSlashInBlanks = true;
        return true;
      case Ch.DoubleQuote:
        return this.commaCloses(false);
      default: {
        // anything else: the held text and this character are content, unchecked
        const held = this.held + this.heldBlanks + String.fromCharCode(c);
        this.held = '';
        this.heldBlanks = '';
        this.pend = P.None;
        this.appendUnquotedString(frame, held);
        frame.examined++;
        frame.lastExamined = c;
        return true;
      }
    }
  }

  /**
   * The comma ended the unquoted value: close it; the reference then re-reads from the comma,
   * which only matters for held `/` characters (the comma and blanks mean nothing there).
   * `consume` says whether the current character is a blank the parent would skip anyway.
   */
  private commaCloses(consume: boolean): boolean {
    const held = this.held;
    this.held = '';
    this.heldBlanks = '';
    this.pend = P.None;
    this.closeTop();
    if (held.includes('/')) this.refeed(held);
    return consume;
  }

  // ---------------------------------------------------------------------------------------
  // The view at the end of the text so far

  private tentativeTop: RawValue | null = null;

  private revert(): void {
    this.tentativeTop = null;
    // undone newest first; `pop` rather than `length = 0`, which is a runtime call
    for (let u = this.undo.pop(); u !== undefined; u = this.undo.pop()) {
      if (u.kind === 'slot') {
        if (u.frame !== null) this.replaceSlot(u.frame, u.node);
      } else if (u.frame === null) {
        // extra top-level values live only in the view
      } else if (u.frame.t === F.Object) {
        u.frame.node.entries.pop();
      } else {
        u.frame.node.items.pop();
      }
    }
  }

  private nodeOf(frame: Frame): RawValue | undefined {
    switch (frame.t) {
      case F.Object:
      case F.Array:
        return frame.node;
      case F.Str:
      case F.Triple:
      case F.Unquoted:
        return frame.node ?? undefined;
      default:
        return undefined;
    }
  }

  /** Brings the open leaf's node up to date with its content. */
  private syncOpenLeaf(): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    if (top.t === F.Str) {
      if (top.node !== null && top.node.value !== top.content) {
        top.node.value = top.content;
        top.node.rev++;
      }
    } else if (top.t === F.Triple) {
      if (top.node !== null) {
        if (top.grow === null) {
          top.grow = new GrowingDedent(top.quote !== Ch.DoubleQuote);
          top.grow.append(top.content);
        }
        const v = top.grow.value(top.content);
        if (top.node.value !== v) {
          top.node.value = v;
          top.node.rev++;
        }
      }
    } else if (top.t === F.Unquoted && top.node !== null) {
      const next = this.updatedUnquoted(top.node, top.content, top.firstCode);
      if (next !== top.node) {
        this.replaceSlot(this.parentContainer(1), next);
        top.node = next;
      }
    }
  }

  /** Updates an open unquoted node in place when its kind is unchanged, else makes a new one. */
  private updatedUnquoted(node: RawValue, content: string, firstCode: number): RawValue {
    // cheap checks first: most calls see the same kind with a longer text
    if (node.kind === 'string' && node.value === content) return node;
    if (node.kind === 'number' && node.text === content) return node;
    // the same kind as before is updated without building a fresh node (what `unquotedValue`
    // would say: a number node's token starts with a digit, sign or dot, so it is no keyword)
    if (node.kind === 'number') {
      const value = rustFloatValue(content);
      if (!Number.isNaN(value)) {
        node.value = value;
        node.text = content;
        node.rev++;
        return node;
      }
    } else if (
      node.kind === 'string' &&
      content !== 'true' &&
      content !== 'false' &&
      content !== 'null' &&
      !(isNumericStart(firstCode) && !Number.isNaN(rustFloatValue(content)))
    ) {
      node.value = content;
      node.rev++;
      return node;
    }
    const fresh = unquotedValue(content, 'incomplete', firstCode);
    if (fresh.kind === 'string' && node.kind === 'string') {
      node.value = fresh.value;
      node.rev++;
      return node;
    }
    if (fresh.kind === 'number' && node.kind === 'number') {
      node.value = fresh.value;
      node.text = fresh.text;
      node.rev++;
      return node;
    }
    if (fresh.kind === 'null' && node.kind === 'null') return node;
    if (fresh.kind === 'bool' && node.kind === 'bool' && fresh.value === node.value) return node;
    return fresh;
  }

  /** The last tentative leaf shown (see `reuseShown`). */
  private lastShown: RawValue | null = null;

  /**
   * `node`, or the tentative leaf shown before when that one reads the same: a push that does
   * not decide anything (blanks after a quote that may close its string) then shows the same
   * node in the slot, and the containers above keep their `rev`. Tentative nodes are never
   * mutated, so showing one again is showing the same value.
   */
  private reuseShown(node: RawValue): RawValue {
    const prev = this.lastShown;
    if (prev !== null && sameLeaf(prev, node)) return prev;
    this.lastShown = node;
    return node;
  }

  /** Shows a value that only exists if the text ends here, after the current top. */
  private showExtra(shown: RawValue, extraTops: RawValue[]): void {
    const node = this.reuseShown(shown);
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      extraTops.push(node);
      return;
    }
    if (top.t === F.Object) {
      if (!top.inValue) return;
      top.node.entries.push({ key: top.key, value: node });
      this.undo.push({ kind: 'pop', frame: top });
    } else if (top.t === F.Array) {
      top.node.items.push(node);
      this.undo.push({ kind: 'pop', frame: top });
    }
  }

  private applyEndOfText(extraTops: RawValue[]): void {
    const top = this.stack[this.stack.length - 1];
    switch (this.pend) {
      case P.Open: {
        const closed = this.heldCount === 1;
        this.showExtra(
          { kind: 'string', value: '', completion: closed ? 'complete' : 'incomplete', rev: 0 },
          extraTops,
        );
        return;
      }
      case P.Slash: {
        if (top !== undefined && top.t === F.Object) {
          this.showExtra(
            { kind: 'string', value: '/', completion: 'incomplete', rev: 0 },
            extraTops,
          );
        }
        return;
      }
      case P.Escape:
      case P.Unicode:
      case P.QuoteClose: {
        if (top === undefined || top.t !== F.Str) return;
        let closes = false;
        let extra = '';
        if (this.pend === P.Escape) extra = '\\';
        else if (this.pend === P.Unicode) extra = `\\u${this.held}`;
        else if (this.stage === 2) extra = String.fromCharCode(top.quote) + this.held;
        else closes = true;
        if (top.node === null) return;
        if (closes) {
          this.showLeaf(top.pos, {
            kind: 'string',
            value: top.content,
            completion: 'complete',
            rev: 0,
          });
        } else {
          top.node.value = top.content + extra;
          top.node.rev++;
        }
        return;
      }
      case P.TripleEnd: {
        if (top === undefined || top.t !== F.Triple || top.node === null) return;
        // a triple double quote closes with one or two quotes at the end; backticks need three
        const backticks = top.quote === Ch.Backtick;
        this.showLeaf(top.pos, {
          kind: 'string',
          value: backticks ? tripleValue(top, '`'.repeat(this.heldCount)) : tripleValue(top),
          completion: backticks ? 'incomplete' : 'complete',
          rev: 0,
        });
        return;
      }
      case P.UnquotedComma: {
        if (top === undefined || top.t !== F.Unquoted || top.node === null) return;
        if (this.stage === 0) {
          this.showLeaf(top.pos, unquotedValue(top.content, 'complete', top.firstCode));
        } else {
          // the held ", " run up to its last non-blank joins the value (blanks are trimmed)
          const value = top.content + top.blanks + this.held;
          this.showLeaf(top.pos, unquotedValue(value, 'incomplete', top.firstCode));
        }
        return;
      }
      case P.None: {
        if (top === undefined || top.t !== F.Unquoted) return;
        // End-of-input quirk: a top-level token's last examined character is read again as a
        // new token (an unquoted key is not re-read: it is dropped, see the file header)
        if (top.examined === 0 || top.pos !== Pos.Nothing) return;
        const c = top.lastExamined;
        if (isWhitespace(c)) return;
        const node = rereadNode(c);
        if (node !== null) extraTops.push(node);
        return;
      }
      default:
        return;
    }
  }

  /** Shows a replacement for the open leaf (top of the stack) in its slot. */
  private showLeaf(pos: Pos, shown: RawValue): void {
    if (pos === Pos.Key) return;
    const node = this.reuseShown(shown);
    if (this.stack.length === 1) {
      this.undo.push({ kind: 'slot', frame: null, node });
      this.tentativeTop = node;
      return;
    }
    const parent = this.parentContainer(1);
    if (parent === null) return;
    const old = this.replaceSlot(parent, node);
    if (old !== null) this.undo.push({ kind: 'slot', frame: parent, node: old });
  }
}

/** Whether two leaves read the same (containers never do: they are shown open and empty). */
function sameLeaf(a: RawValue, b: RawValue): boolean {
  switch (a.kind) {
    case 'string':
      return b.kind === 'string' && a.value === b.value && a.completion === b.completion;
    case 'number':
      return b.kind === 'number' && a.text === b.text && a.completion === b.completion;
    case 'bool':
      return b.kind === 'bool' && a.value === b.value;
    case 'null':
      return b.kind === 'null';
    default:
      return false;
  }
}

function newSeen(): ContainerSeen {
  return { len: 0, last: null, lastRev: 0, key: '' };
}

/** Bumps an open container's `rev` when its length or last slot moved since the last view. */
function noteShown(frame: ObjectFrame | ArrayFrame): void {
  const seen = frame.seen;
  if (frame.t === F.Object) {
    const entries = frame.node.entries;
    const len = entries.length;
    const entry = len === 0 ? undefined : entries[len - 1];
    if (entry === undefined) {
      if (seen.len === 0) return;
      seen.last = null;
      seen.lastRev = 0;
      seen.key = '';
    } else {
      const last = entry.value;
      if (
        seen.len === len &&
        seen.last === last &&
        seen.lastRev === last.rev &&
        seen.key === entry.key
      )
        return;
      seen.last = last;
      seen.lastRev = last.rev;
      seen.key = entry.key;
    }
    seen.len = len;
    frame.node.rev++;
    return;
  }
  const items = frame.node.items;
  const len = items.length;
  const last = len === 0 ? undefined : items[len - 1];
  if (last === undefined) {
    if (seen.len === 0) return;
    seen.last = null;
    seen.lastRev = 0;
  } else {
    if (seen.len === len && seen.last === last && seen.lastRev === last.rev) return;
    seen.last = last;
    seen.lastRev = last.rev;
  }
  seen.len = len;
  frame.node.rev++;
}

/**
 * Makes `target` equal to `source` plus `extra` (if any), keeping the array object. `source`
 * only grows at the end, so the common case (nothing new) is checked in O(1).
 */
function syncContainers(target: RawValue[], source: RawValue[], extra: RawValue | undefined): void {
  const n = source.length;
  const want = n + (extra === undefined ? 0 : 1);
  const sameBase = target.length >= n && (n === 0 || target[n - 1] === source[n - 1]);
  if (sameBase && target.length === want && (extra === undefined || target[n] === extra)) return;
  if (sameBase) {
    target.length = n;
  } else {
    target.length = 0;
    for (let k = 0; k < n; k++) target.push(source[k] as RawValue);
  }
  if (extra !== undefined) target.push(extra);
}

/**
 * The Complete node an unquoted token becomes when it ends: what `unquotedValue` makes of its
 * content, without reading the content again when the open node already shows exactly it.
 */
function completedUnquoted(frame: UnquotedFrame): RawValue {
  const node = frame.node;
  const content = frame.content;
  if (node !== null) {
    if (node.kind === 'number' && node.text === content)
      return { kind: 'number', value: node.value, text: content, completion: 'complete', rev: 0 };
    if (node.kind === 'string' && node.value === content)
      return { kind: 'string', value: content, completion: 'complete', rev: 0 };
  }
  return unquotedValue(content, 'complete', frame.firstCode);
}

/** The node a top-level character read again at the end of the text becomes (null: nothing). */
function rereadNode(c: number): RawValue | null {
  switch (c) {
    case Ch.DoubleQuote:
    case Ch.SingleQuote:
    case Ch.Backtick:
      return { kind: 'string', value: '', completion: 'incomplete', rev: 0 };
    case Ch.OpenBrace:
      return { kind: 'object', entries: [], completion: 'incomplete', rev: 0 };
    case Ch.OpenBracket:
      return { kind: 'array', items: [], completion: 'incomplete', rev: 0 };
    case Ch.Slash:
      return null;
    default:
      return unquotedValue(String.fromCharCode(c), 'incomplete');
  }
}

function nodeOfFrame(frame: Frame): RawValue | null {
  switch (frame.t) {
    case F.Object:
    case F.Array:
      return frame.node;
    case F.Str:
    case F.Triple:
    case F.Unquoted:
      return frame.node;
    default:
      return null;
  }
}

/** Appends to an open triple string (and to its growing value, once one is kept). */
function appendTriple(frame: TripleFrame, s: string): void {
  frame.content += s;
  frame.grow?.append(s);
}

function tripleValue(frame: TripleFrame, pending = ''): string {
  const content = frame.content + pending;
  if (frame.quote === Ch.DoubleQuote) return dedent(content);
  // ```lang\ncode```: the first line is the language tag
  const nl = content.indexOf('\n');
  if (nl < 0) return content;
  return dedent(content.slice(nl + 1));
}

/** The key a non-string value becomes when it sits in key position. */
function keyText(value: RawValue): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return value.text;
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    default:
      return JSON.stringify(plain(value));
  }
}

function plain(value: RawValue): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'object':
      return Object.fromEntries(value.entries.map((e: RawEntry) => [e.key, plain(e.value)]));
    case 'array':
      return value.items.map(plain);
    default:
      return null;
  }
}
