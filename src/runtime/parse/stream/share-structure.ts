// Structural sharing between consecutive partials. Most of a new partial is already the same
// objects as the last one (memoised coercions of finished raw nodes); where it is not (the
// scanner switched to another reading of the text, or an object was rebuilt without a visible
// change), the previous object is reused when it looks the same. So a finished list element or
// object keeps its identity (`===`) for the rest of the stream, and "nothing visible changed" is
// simply `shared === previous`. The walk stops at identical nodes: its cost is what was rebuilt.

/**
 * `next`, with every subtree that is visibly equal to the same place in `prev` replaced by the
 * object from `prev`. Returns `prev` itself when nothing visible changed.
 */
export function shareStructure(prev: unknown, next: unknown): unknown {
  if (prev === next) return prev;
  if (prev === null || next === null || typeof prev !== 'object' || typeof next !== 'object') {
    return Object.is(prev, next) ? prev : next;
  }
  if (Array.isArray(prev)) {
    if (!Array.isArray(next)) return next;
    let same = prev.length === next.length;
    let out: unknown[] | undefined;
    for (let i = 0; i < next.length; i++) {
      const n = next[i];
      const s = i < prev.length ? shareStructure(prev[i], n) : n;
      if (s !== n) {
        out ??= next.slice();
        out[i] = s;
      }
      if (same && s !== prev[i]) same = false;
    }
    if (same) return prev;
    return out ?? next;
  }
  if (Array.isArray(next)) return next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const keys = Object.keys(n);
  let same = keys.length === Object.keys(p).length;
  let replaced = false;
  const shared: Record<string, unknown> = {};
  for (const k of keys) {
    const v = n[k];
    const s = k in p ? shareStructure(p[k], v) : v;
    if (s !== v) replaced = true;
    if (same && (!(k in p) || s !== p[k])) same = false;
    shared[k] = s;
  }
  if (same) return prev;
  if (!replaced) return next;
  // Copy over in place so marks kept by identity (check / state wrappers) stay on `next`.
  for (const k of keys) n[k] = shared[k];
  return next;
}
