// Equality of raw values by content: two raw trees that are equal here coerce to equal results
// (the coercer reads nothing else from a node: not its identity, not its `rev`).

import type { RawValue } from '../raw/raw-value.js';

/**
 * Whether two raw values have the same content (kinds, values, completions, keys, texts).
 *
 * @example rawEqual({kind: 'null', rev: 0}, {kind: 'null', rev: 3}) // true
 */
function rawEqual(a: RawValue, b: RawValue): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'string':
      return b.kind === 'string' && a.value === b.value && a.completion === b.completion;
    case 'number':
      return (
        b.kind === 'number' &&
        Object.is(a.value, b.value) &&
        a.text === b.text &&
        a.completion === b.completion
      );
    case 'bool':
      return b.kind === 'bool' && a.value === b.value;
    case 'null':
      return b.kind === 'null';
    case 'object': {
      if (b.kind !== 'object' || a.completion !== b.completion) return false;
      const x = a.entries;
      const y = b.entries;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const p = x[i] as (typeof x)[number];
        const q = y[i] as (typeof y)[number];
        if (p !== q && (p.key !== q.key || !rawEqual(p.value, q.value))) return false;
      }
      return true;
    }
    case 'array':
      return b.kind === 'array' && a.completion === b.completion && allEqual(a.items, b.items);
    case 'markdown':
      return (
        b.kind === 'markdown' &&
        a.tag === b.tag &&
        a.completion === b.completion &&
        rawEqual(a.inner, b.inner)
      );
    case 'fixed':
      return (
        b.kind === 'fixed' &&
        a.fixes.length === b.fixes.length &&
        a.fixes.every((f, i) => f === b.fixes[i]) &&
        rawEqual(a.inner, b.inner)
      );
    case 'anyOf':
      return b.kind === 'anyOf' && a.text === b.text && allEqual(a.candidates, b.candidates);
  }
}

function allEqual(a: RawValue[], b: RawValue[]): boolean {
  return a.length === b.length && samePrefix(a, b, a.length);
}

/**
 * Whether both lists have at least `n` values and their first `n` are pairwise `rawEqual`.
 *
 * @example samePrefix(items, otherItems, 10)
 */
export function samePrefix(a: RawValue[], b: RawValue[], n: number): boolean {
  if (a.length < n || b.length < n) return false;
  for (let i = 0; i < n; i++) if (!rawEqual(a[i] as RawValue, b[i] as RawValue)) return false;
  return true;
}
