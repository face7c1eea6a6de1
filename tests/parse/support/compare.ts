// The comparison rules of the shared conformance runner: a JSON round trip, object key order
// ignored, errors equal when the recorded class is the thrown error's class or an ancestor, and
// raw_output equal when recorded.

function norm(v: unknown): unknown {
  if (v === undefined) return { $undefined: true };
  return JSON.parse(JSON.stringify(v));
}

function classChain(e: unknown): string[] {
  const chain: string[] = [];
  let p = e !== null && typeof e === 'object' ? Object.getPrototypeOf(e) : null;
  while (p && p !== Object.prototype) {
    const name = p.constructor?.name;
    if (name && !chain.includes(name)) chain.push(name);
    p = Object.getPrototypeOf(p);
  }
  return chain;
}

function deepDiff(exp: unknown, got: unknown, path: string): string | null {
  if (exp === got) return null;
  if (exp === null || got === null || typeof exp !== 'object' || typeof got !== 'object') {
    return `${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`;
  }
  if (Array.isArray(exp) !== Array.isArray(got))
    return `${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`;
  if (Array.isArray(exp)) {
    const g = got as unknown[];
    for (let i = 0; i < Math.max(exp.length, g.length); i++) {
      if (i >= exp.length || i >= g.length)
        return `${path}: expected length ${exp.length}, got ${g.length}`;
      const d = deepDiff(exp[i], g[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const e = exp as Record<string, unknown>;
  const g = got as Record<string, unknown>;
  for (const k of new Set([...Object.keys(e), ...Object.keys(g)])) {
    if (!(k in e)) return `${path}.${k}: unexpected key`;
    if (!(k in g)) return `${path}.${k}: missing key`;
    const d = deepDiff(e[k], g[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Runs `fn` and compares its value or thrown error with a recorded expectation; null when equal. */
export function compareOutcome(expected: unknown, fn: () => unknown): string | null {
  let got: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    got = fn();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  const exp = expected as Record<string, unknown> | null;
  const expIsError =
    exp !== null &&
    typeof exp === 'object' &&
    !Array.isArray(exp) &&
    typeof exp.$error === 'string';
  if (expIsError) {
    if (!threw)
      return `expected error ${exp.$error}, got ${JSON.stringify(norm(got)).slice(0, 160)}`;
    const chain = classChain(thrown);
    if (!chain.includes(exp.$error as string))
      return `expected error ${exp.$error}, got ${chain[0]}: ${String((thrown as Error)?.message).slice(0, 120)}`;
    if (
      typeof exp.raw_output === 'string' &&
      exp.raw_output !== (thrown as { raw_output?: unknown }).raw_output
    )
      return 'raw_output differs';
    return null;
  }
  if (threw)
    return `expected ${JSON.stringify(expected).slice(0, 120)}, got error ${String(
      (thrown as Error)?.message,
    )
      .split('\n')[0]
      ?.slice(0, 160)}`;
  return deepDiff(norm(expected), norm(got), '');
}
