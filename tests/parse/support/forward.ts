// "Values only move forward" between two consecutive partials: strings only grow (the old one is
// a prefix of the new one), lists only grow and keep their items, objects keep their keys and a
// value that was there stays there (null may still become a value). Returns the first violation.

export function forwardViolation(prev: unknown, next: unknown, path = ''): string | null {
  if (prev === null || prev === undefined) return null;
  if (typeof prev === 'string') {
    if (typeof next !== 'string' || !next.startsWith(prev))
      return `${path}: string ${JSON.stringify(prev)} → ${JSON.stringify(next)}`;
    return null;
  }
  if (Array.isArray(prev)) {
    if (!Array.isArray(next) || next.length < prev.length) return `${path}: list shrank`;
    for (let i = 0; i < prev.length; i++) {
      const last = i === prev.length - 1;
      const d = last
        ? forwardViolation(prev[i], next[i], `${path}[${i}]`)
        : sameJson(prev[i], next[i])
          ? null
          : `${path}[${i}]: completed item changed`;
      if (d) return d;
    }
    return null;
  }
  if (typeof prev === 'object') {
    if (next === null || typeof next !== 'object')
      return `${path}: object became ${JSON.stringify(next)}`;
    for (const [k, v] of Object.entries(prev)) {
      const d = forwardViolation(v, (next as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return sameJson(prev, next) ? null : `${path}: ${JSON.stringify(prev)} → ${JSON.stringify(next)}`;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : x,
  );
}
