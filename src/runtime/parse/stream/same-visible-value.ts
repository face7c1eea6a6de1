// Equality of two partials as the user sees them. Shared subtrees are the same object, so the
// walk stops at the first identical node: the cost is the size of what was rebuilt (the spine),
// not of the whole value.

/** True when `a` and `b` serialise to the same JSON (key order aside). */
export function sameVisibleValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = a.length - 1; i >= 0; i--) if (!sameVisibleValue(a[i], bb[i])) return false;
    return true;
  }
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (const k of ak) {
    if (!(k in b)) return false;
    if (!sameVisibleValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}
