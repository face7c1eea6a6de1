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
//
// This file is the state machine (the per-character loop, opening and closing frames, delivering
// values). Its parts, over the state in ./scanner-state.ts: ./scanner-strings.ts (strings and the
// pending decisions), ./scanner-unquoted.ts (unquoted tokens), ./scanner-view.ts (the tentative
// end-of-text view) and ./scanner-nodes.ts (small helpers over frames and nodes).
import * as codes from './char-codes.js';
import type { RawArray, RawObject, RawString, RawValue } from './raw-value.js';
import {
  completedUnquoted,
  keyText,
  newSeen,
  nodeOfFrame,
  noteShown,
  syncContainers,
  tripleValue,
} from './scanner-nodes.js';
import {
  type ArrayFrame,
  F,
  type FixingResult,
  type Frame,
  MAX_DEPTH,
  type ObjectFrame,
  P,
  Pos,
  ScannerState,
  type StrFrame,
  type UnquotedFrame,
} from './scanner-state.js';
import { pending, readString, readTriple } from './scanner-strings.js';
import { readUnquoted } from './scanner-unquoted.js';
import { applyEndOfText, nodeOf, revert, syncOpenLeaf } from './scanner-view.js';
import * as unquotedModule from './unquoted-value.js';

export type { FixingResult } from './scanner-state.js';
export { MAX_DEPTH } from './scanner-state.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const isWhitespace = codes.isWhitespace;
const { unquotedValue } = unquotedModule;

/**
 * Incremental fixing parser. Feed text with `push`; `view()` returns the top-level values the
 * reference would produce if the text ended here; `finish()` ends the input for good.
 *
 * @example
 * const s = new FixingScanner();
 * s.push('{"a": [1, tr');
 * s.view().first; // object {a: [1 (complete), true]}, incomplete
 */
export class FixingScanner extends ScannerState {
  /** Feeds more text. */
  push(chunk: string): void {
    if (this.finished) throw new Error('FixingScanner: push after finish');
    if (chunk.length === 0) return;
    revert(this);
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

  /** The object `view()` hands out, filled in again by each call. */
  private readonly viewResult: FixingResult = {
    count: 0,
    first: undefined,
    containers: this.viewContainers,
  };

  /**
   * The top-level values if the text ended here, in O(depth) (many top-level values do not
   * make it slower). The result object and its containers array are reused by the next call:
   * read them before pushing.
   */
  view(): FixingResult {
    if (this.finalView !== null) return this.finalView;
    if (this.cachedView !== null) return this.cachedView;
    revert(this);
    syncOpenLeaf(this);
    const extraTops = this.extraTops;
    if (extraTops.length > 0) extraTops.length = 0;
    applyEndOfText(this, extraTops);
    if (this.dirty) {
      // innermost first, so each container sees its open child's `rev` already settled
      for (let k = this.stack.length - 1; k >= 0; k--) {
        const frame = this.stack[k] as Frame;
        if (frame.t === F.Object || frame.t === F.Array) noteShown(frame);
      }
      this.dirty = false;
    }
    const root = this.stack[0];
    const rootNode = root === undefined ? undefined : nodeOf(root);
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

  // ---------------------------------------------------------------------------------------
  // Reading characters

  private feed(text: string, start: number, end: number): void {
    let i = start;
    while (i < end) {
      if (this.pend !== P.None) {
        if (pending(this, text.charCodeAt(i), text, i)) i++;
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
          i = readString(this, top, text, i, end);
          break;
        case F.Triple:
          i = readTriple(this, top, text, i, end);
          break;
        case F.Unquoted:
          i = readUnquoted(this, top, text, i, end);
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
  refeed(text: string): void {
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

  currentPos(): Pos {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return Pos.Nothing;
    if (top.t === F.Object) return top.inValue ? Pos.Value : Pos.Key;
    return Pos.Array;
  }

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

  openString(quote: number): StrFrame {
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

  openTriple(quote: number): void {
    const pos = this.currentPos();
    let node: RawString | null = null;
    if (pos !== Pos.Key) {
      node = { kind: 'string', value: '', completion: 'incomplete', rev: 0 };
      this.attach(pos, node);
    }
    this.stack.push({ t: F.Triple, pos, quote, content: '', node, grow: null });
  }

  /** Starts an unquoted token; `source`/`at` locate `first` so the token can stay one slice. */
  openUnquoted(first: string, at: number, source: string | null): UnquotedFrame {
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
  replaceSlot(parent: ObjectFrame | ArrayFrame | null, node: RawValue): RawValue | null {
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

  parentContainer(depthFromTop: number): ObjectFrame | ArrayFrame | null {
    const f = this.stack[this.stack.length - 1 - depthFromTop];
    if (f === undefined) return null;
    if (f.t === F.Object || f.t === F.Array) return f;
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Closing

  /** Pops the top frame, completing it (a real delimiter or terminator was read). */
  closeTop(): void {
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
}
