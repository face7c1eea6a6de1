// Keeps the identity of wrapper nodes (AnyOf, FixedJson, Markdown, and the "all items" arrays
// the stages build) from one `root()` to the next. The stages rebuild wrappers on every call;
// when a rebuilt wrapper has the same shape and the same children (by identity) as the one
// handed out last time, the old object is returned instead, with `rev` bumped if the text grew.
// Wrappers are therefore "open" nodes until the stream finishes: they keep identity while their
// children do, and an AnyOf's `text` grows with the stream.
import type { RawValue } from './raw-value.js';

/** Returns `next`, with every wrapper that matches its counterpart in `previous` replaced by it. */
export function stabilize(next: RawValue, previous: RawValue | null, grew: boolean): RawValue {
  if (previous === null || next === previous) return next;
  switch (next.kind) {
    case 'anyOf': {
      if (previous.kind !== 'anyOf' || previous.candidates.length !== next.candidates.length)
        return next;
      let same = true;
      const candidates = next.candidates.map((c, i) => {
        const old = previous.candidates[i] ?? null;
        const s = stabilize(c, old, grew);
        if (s !== old) same = false;
        return s;
      });
      if (!same) {
        next.candidates = candidates;
        return next;
      }
      if (previous.text !== next.text || grew) {
        previous.text = next.text;
        previous.rev++;
      }
      return previous;
    }
    case 'fixed': {
      if (previous.kind !== 'fixed' || previous.fixes.join() !== next.fixes.join()) return next;
      const inner = stabilize(next.inner, previous.inner, grew);
      if (inner !== previous.inner) {
        next.inner = inner;
        return next;
      }
      if (grew) previous.rev++;
      return previous;
    }
    case 'markdown': {
      if (
        previous.kind !== 'markdown' ||
        previous.tag !== next.tag ||
        previous.completion !== next.completion
      ) {
        next.inner = stabilize(
          next.inner,
          previous.kind === 'markdown' ? previous.inner : null,
          grew,
        );
        return next;
      }
      const inner = stabilize(next.inner, previous.inner, grew);
      if (inner !== previous.inner) {
        next.inner = inner;
        return next;
      }
      if (grew) previous.rev++;
      return previous;
    }
    case 'array': {
      // only wrapper arrays are rebuilt; scanner arrays come back as the same object
      if (previous.kind !== 'array' || previous.items.length !== next.items.length) return next;
      if (previous.completion !== next.completion) return next;
      let same = true;
      const items = next.items.map((c, i) => {
        const old = previous.items[i] ?? null;
        const s = stabilize(c, old, grew);
        if (s !== old) same = false;
        return s;
      });
      if (!same) {
        next.items = items;
        return next;
      }
      if (grew) previous.rev++;
      return previous;
    }
    default:
      return next;
  }
}
