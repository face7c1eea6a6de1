// Stable wrapper nodes for stage results. The stages are asked for their result after every
// chunk; rebuilding AnyOf/FixedJson wrappers and "all items" arrays each time would allocate
// on every call and change identities the coercer caches on. A memo remembers the last
// wrapper built at one call site and hands it back when its children are the same objects,
// updating the AnyOf text and bumping `rev` instead. Wrappers are thus "open" nodes while the
// stream is open: they keep identity while their children do.
import type { RawArray, RawFix, RawFixed, RawValue } from './raw-value.js';
import { markWrapperArray } from './stable-wrappers.js';

/** Remembers the wrappers one stage built last time. */
export class WrapperMemo {
  private anyOfNode: (RawValue & { kind: 'anyOf' }) | null = null;
  private arrayNode: RawArray | null = null;
  private readonly fixed = new WeakMap<RawValue, RawFixed>();
  private readonly grepped = new WeakMap<RawValue, RawFixed>();

  /** An AnyOf over `candidates` (reused when they are the same objects as last time). */
  anyOf(candidates: RawValue[], text: string): RawValue {
    const last = this.anyOfNode;
    if (last !== null && sameItems(last.candidates, candidates)) {
      if (last.text !== text) {
        last.text = text;
        last.rev++;
      }
      return last;
    }
    this.anyOfNode = { kind: 'anyOf', candidates, text, rev: 0 };
    return this.anyOfNode;
  }

  /** An AnyOf with one candidate (no array built when it is the same as last time). */
  anyOf1(candidate: RawValue, text: string): RawValue {
    const last = this.anyOfNode;
    if (last !== null && last.candidates.length === 1 && last.candidates[0] === candidate) {
      if (last.text !== text) {
        last.text = text;
        last.rev++;
      }
      return last;
    }
    this.anyOfNode = { kind: 'anyOf', candidates: [candidate], text, rev: 0 };
    return this.anyOfNode;
  }

  private lastInner: RawValue | null = null;
  private lastWrapper: RawFixed | null = null;

  /** A FixedJson wrapper around `inner` with no fixes or with GreppedForJSON. */
  fixedJson(inner: RawValue, fixes: RawFix[]): RawFixed {
    const grep = fixes.length > 0;
    const hit = this.lastWrapper;
    if (inner === this.lastInner && hit !== null && hit.fixes.length === fixes.length) return hit;
    const node = this.fixedUncached(inner, grep);
    this.lastInner = inner;
    this.lastWrapper = node;
    return node;
  }

  private fixedUncached(inner: RawValue, grep: boolean): RawFixed {
    const map = grep ? this.grepped : this.fixed;
    let node = map.get(inner);
    // (WeakMaps keep wrappers of earlier candidates stable too)
    if (node === undefined) {
      node = { kind: 'fixed', inner, fixes: grep ? ['GreppedForJSON'] : [], rev: 0 };
      map.set(inner, node);
    }
    return node;
  }

  private stringNode: (RawValue & { kind: 'string' }) | null = null;

  /** The whole text as a string candidate (one open node while the stream is open). */
  wholeText(text: string, isDone: boolean): RawValue {
    const last = this.stringNode;
    if (last !== null && last.completion === 'incomplete') {
      if (last.value !== text) {
        last.value = text;
        last.rev++;
      }
      if (isDone) {
        last.completion = 'complete';
        last.rev++;
      }
      return last;
    }
    this.stringNode = {
      kind: 'string',
      value: text,
      completion: isDone ? 'complete' : 'incomplete',
      rev: 0,
    };
    return this.stringNode;
  }

  /** The Incomplete "all of them" array candidate. */
  allArray(items: RawValue[]): RawArray {
    const last = this.arrayNode;
    if (last !== null && sameItems(last.items, items)) return last;
    this.arrayNode = markWrapperArray({ kind: 'array', items, completion: 'incomplete', rev: 0 });
    return this.arrayNode;
  }
}

function sameItems(a: RawValue[], b: RawValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
