// The fixing scanner's view of the text so far: what the reference would return if the text
// ended now (an undecided quote closes, an open token closes as Incomplete, the end-of-input
// quirks), applied as tentative changes to the last open slots and undone before the next
// character is read.
import * as codes from './char-codes.js';
import { GrowingDedent } from './growing-dedent.js';
import type { RawValue } from './raw-value.js';
import { nodeOfFrame, rereadNode, sameLeaf, tripleValue } from './scanner-nodes.js';
import { F, type Frame, P, Pos, type ScannerState } from './scanner-state.js';
import * as unquotedModule from './unquoted-value.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const isWhitespace = codes.isWhitespace;
const { isNumericStart, rustFloatValue, unquotedValue } = unquotedModule;

// ---------------------------------------------------------------------------------------
// The view at the end of the text so far

export function revert(sc: ScannerState): void {
  sc.tentativeTop = null;
  // undone newest first; `pop` rather than `length = 0`, which is a runtime call
  for (let u = sc.undo.pop(); u !== undefined; u = sc.undo.pop()) {
    if (u.kind === 'slot') {
      if (u.frame !== null) sc.replaceSlot(u.frame, u.node);
    } else if (u.frame === null) {
      // extra top-level values live only in the view
    } else if (u.frame.t === F.Object) {
      u.frame.node.entries.pop();
    } else {
      u.frame.node.items.pop();
    }
  }
}

export function nodeOf(frame: Frame): RawValue | undefined {
  return nodeOfFrame(frame) ?? undefined;
}

/** Brings the open leaf's node up to date with its content. */
export function syncOpenLeaf(sc: ScannerState): void {
  const top = sc.stack[sc.stack.length - 1];
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
    const next = updatedUnquoted(top.node, top.content, top.firstCode);
    if (next !== top.node) {
      sc.replaceSlot(sc.parentContainer(1), next);
      top.node = next;
    }
  }
}

/** Updates an open unquoted node in place when its kind is unchanged, else makes a new one. */
function updatedUnquoted(node: RawValue, content: string, firstCode: number): RawValue {
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

/**
 * `node`, or the tentative leaf shown before when that one reads the same: a push that does
 * not decide anything (blanks after a quote that may close its string) then shows the same
 * node in the slot, and the containers above keep their `rev`. Tentative nodes are never
 * mutated, so showing one again is showing the same value.
 */
function reuseShown(sc: ScannerState, node: RawValue): RawValue {
  const prev = sc.lastShown;
  if (prev !== null && sameLeaf(prev, node)) return prev;
  sc.lastShown = node;
  return node;
}

/** Shows a value that only exists if the text ends here, after the current top. */
function showExtra(sc: ScannerState, shown: RawValue, extraTops: RawValue[]): void {
  const node = reuseShown(sc, shown);
  const top = sc.stack[sc.stack.length - 1];
  if (top === undefined) {
    extraTops.push(node);
    return;
  }
  if (top.t === F.Object) {
    if (!top.inValue) return;
    top.node.entries.push({ key: top.key, value: node });
    sc.undo.push({ kind: 'pop', frame: top });
  } else if (top.t === F.Array) {
    top.node.items.push(node);
    sc.undo.push({ kind: 'pop', frame: top });
  }
}

export function applyEndOfText(sc: ScannerState, extraTops: RawValue[]): void {
  const top = sc.stack[sc.stack.length - 1];
  switch (sc.pend) {
    case P.Open: {
      const closed = sc.heldCount === 1;
      showExtra(
        sc,
        { kind: 'string', value: '', completion: closed ? 'complete' : 'incomplete', rev: 0 },
        extraTops,
      );
      return;
    }
    case P.Slash: {
      if (top !== undefined && top.t === F.Object) {
        showExtra(sc, { kind: 'string', value: '/', completion: 'incomplete', rev: 0 }, extraTops);
      }
      return;
    }
    case P.Escape:
    case P.Unicode:
    case P.QuoteClose: {
      if (top === undefined || top.t !== F.Str) return;
      let closes = false;
      let extra = '';
      if (sc.pend === P.Escape) extra = '\\';
      else if (sc.pend === P.Unicode) extra = `\\u${sc.held}`;
      else if (sc.stage === 2) extra = String.fromCharCode(top.quote) + sc.held;
      else closes = true;
      if (top.node === null) return;
      if (closes) {
        showLeaf(sc, top.pos, {
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
      showLeaf(sc, top.pos, {
        kind: 'string',
        value: backticks ? tripleValue(top, '`'.repeat(sc.heldCount)) : tripleValue(top),
        completion: backticks ? 'incomplete' : 'complete',
        rev: 0,
      });
      return;
    }
    case P.UnquotedComma: {
      if (top === undefined || top.t !== F.Unquoted || top.node === null) return;
      if (sc.stage === 0) {
        showLeaf(sc, top.pos, unquotedValue(top.content, 'complete', top.firstCode));
      } else {
        // the held ", " run up to its last non-blank joins the value (blanks are trimmed)
        const value = top.content + top.blanks + sc.held;
        showLeaf(sc, top.pos, unquotedValue(value, 'incomplete', top.firstCode));
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
function showLeaf(sc: ScannerState, pos: Pos, shown: RawValue): void {
  if (pos === Pos.Key) return;
  const node = reuseShown(sc, shown);
  if (sc.stack.length === 1) {
    sc.undo.push({ kind: 'slot', frame: null, node });
    sc.tentativeTop = node;
    return;
  }
  const parent = sc.parentContainer(1);
  if (parent === null) return;
  const old = sc.replaceSlot(parent, node);
  if (old !== null) sc.undo.push({ kind: 'slot', frame: parent, node: old });
}
