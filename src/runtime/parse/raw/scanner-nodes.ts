// Small pure helpers of the fixing scanner over frames and nodes: comparing and completing
// leaves, the container bookkeeping of what a view showed, key and triple-quote texts.
import * as codes from './char-codes.js';
import { dedent } from './dedent.js';
import { isScalar, type RawEntry, type RawValue, scalarText } from './raw-value.js';
import {
  type ArrayFrame,
  type ContainerSeen,
  F,
  type Frame,
  type ObjectFrame,
  type TripleFrame,
  type UnquotedFrame,
} from './scanner-state.js';
import * as unquotedModule from './unquoted-value.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const _isWhitespace = codes.isWhitespace;
const { unquotedValue } = unquotedModule;

/** Whether two leaves read the same (containers never do: they are shown open and empty). */
export function sameLeaf(a: RawValue, b: RawValue): boolean {
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

export function newSeen(): ContainerSeen {
  return { len: 0, last: null, lastRev: 0, key: '' };
}

/** Bumps an open container's `rev` when its length or last slot moved since the last view. */
export function noteShown(frame: ObjectFrame | ArrayFrame): void {
  let len: number;
  let last: RawValue | null = null;
  let key = '';
  if (frame.t === F.Object) {
    const entries = frame.node.entries;
    len = entries.length;
    const entry = len === 0 ? undefined : entries[len - 1];
    if (entry !== undefined) {
      last = entry.value;
      key = entry.key;
    }
  } else {
    const items = frame.node.items;
    len = items.length;
    last = len === 0 ? null : (items[len - 1] as RawValue);
  }
  const lastRev = last === null ? 0 : last.rev;
  const seen = frame.seen;
  if (seen.len === len && seen.last === last && seen.lastRev === lastRev && seen.key === key)
    return;
  seen.len = len;
  seen.last = last;
  seen.lastRev = lastRev;
  seen.key = key;
  frame.node.rev++;
}

/**
 * Makes `target` equal to `source` plus `extra` (if any), keeping the array object. `source`
 * only grows at the end, so the common case (nothing new) is checked in O(1).
 */
export function syncContainers(
  target: RawValue[],
  source: RawValue[],
  extra: RawValue | undefined,
): void {
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
export function completedUnquoted(frame: UnquotedFrame): RawValue {
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
export function rereadNode(c: number): RawValue | null {
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

export function nodeOfFrame(frame: Frame): RawValue | null {
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
export function appendTriple(frame: TripleFrame, s: string): void {
  frame.content += s;
  frame.grow?.append(s);
}

export function tripleValue(frame: TripleFrame, pending = ''): string {
  const content = frame.content + pending;
  if (frame.quote === Ch.DoubleQuote) return dedent(content);
  // ```lang\ncode```: the first line is the language tag
  const nl = content.indexOf('\n');
  if (nl < 0) return content;
  return dedent(content.slice(nl + 1));
}

/** The key a non-string value becomes when it sits in key position. */
export function keyText(value: RawValue): string {
  return isScalar(value) ? scalarText(value) : JSON.stringify(plain(value));
}

export function plain(value: RawValue): unknown {
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
