// Structural sharing is observable: a partial keeps, as the very same objects (`===`), the
// subtrees of the previous partial that did not visibly change (StreamParser.current). Two
// streams that give equal partials must also keep the same subtrees.

function isObject(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

/**
 * The first place where one stream kept the previous partial's object and the other built a new
 * one, or null. `prevA`/`prevB` and `nextA`/`nextB` are pairwise equal values (by `valueDiff`).
 */
export function sharingDiff(
  prevA: unknown,
  nextA: unknown,
  prevB: unknown,
  nextB: unknown,
  path = '$',
): string | null {
  if (!isObject(prevA) || !isObject(nextA) || !isObject(prevB) || !isObject(nextB)) return null;
  const keptA = prevA === nextA;
  const keptB = prevB === nextB;
  if (keptA !== keptB)
    return `${path}: ${keptA ? 'kept' : 'rebuilt'} on the strict path, ${keptB ? 'kept' : 'rebuilt'} on the general path`;
  if (keptA) return null;
  if (Array.isArray(nextA)) {
    if (!Array.isArray(prevA) || !Array.isArray(prevB) || !Array.isArray(nextB)) return null;
    const n = Math.min(prevA.length, nextA.length);
    for (let i = 0; i < n; i++) {
      const d = sharingDiff(prevA[i], nextA[i], prevB[i], nextB[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const pa = prevA as Record<string, unknown>;
  const na = nextA as Record<string, unknown>;
  const pb = prevB as Record<string, unknown>;
  const nb = nextB as Record<string, unknown>;
  for (const k of Object.keys(na)) {
    if (!Object.hasOwn(pa, k)) continue;
    const d = sharingDiff(pa[k], na[k], pb[k], nb[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}
