// The two wrappers a value can wear in the output: `@check` results (`{value, checks}`) and, in
// partials, `@stream.with_state` (`{value, state}`). They are plain objects (the output is JSON
// data); a WeakSet remembers which objects are check wrappers so constraint expressions see the
// bare value.
import type { CompletionState } from './result.js';

/** One `@check` outcome, as BAML serialises it. */
export interface CheckResult {
  name: string;
  expression: string;
  status: 'succeeded' | 'failed';
}

const CHECKED = new WeakSet<object>();

/** Wraps a value with its check results. */
export function checkedWrapper(value: unknown, checks: Record<string, CheckResult>): object {
  const w = { value, checks };
  CHECKED.add(w);
  return w;
}

/** True for an object made by `checkedWrapper`. */
export function isChecked(v: unknown): boolean {
  return v !== null && typeof v === 'object' && CHECKED.has(v);
}

/** The bare value under any check wrappers. */
export function unwrapChecks(v: unknown): unknown {
  let x = v;
  while (isChecked(x)) x = (x as { value: unknown }).value;
  return x;
}

/**
 * The bare value with every check (and `@stream.with_state`) wrapper inside it removed, as
 * BAML's constraint expressions see it (`BamlValueWithFlags` into a plain `BamlValue`): a class
 * assert reading `this.a` gets `a`'s value, not its check results. Containers without wrappers
 * are returned as they are.
 */
export function deepUnwrap(v: unknown): unknown {
  const x = unwrapState(unwrapChecks(v));
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const u = deepUnwrap(x[i]);
      if (u !== x[i]) {
        out ??= x.slice(0, i);
      }
      if (out) out.push(u);
    }
    return out ?? x;
  }
  let out: Record<string, unknown> | undefined;
  const entries = Object.entries(x as Record<string, unknown>);
  for (let i = 0; i < entries.length; i++) {
    const [k, e] = entries[i] as [string, unknown];
    const u = deepUnwrap(e);
    if (u !== e && !out) {
      out = {};
      for (let j = 0; j < i; j++)
        out[(entries[j] as [string, unknown])[0]] = (entries[j] as [string, unknown])[1];
    }
    if (out) out[k] = u;
  }
  return out ?? x;
}

const STATE = new WeakSet<object>();

/** `@stream.with_state` form of a partial value. */
export function stateWrapper(
  value: unknown,
  state: CompletionState,
): { value: unknown; state: CompletionState } {
  const w = { value, state };
  STATE.add(w);
  return w;
}

/** True for an object made by `stateWrapper`. */
export function isStateWrapper(v: unknown): boolean {
  return v !== null && typeof v === 'object' && STATE.has(v);
}

/** The value inside a `@stream.with_state` wrapper (or the value itself). */
export function unwrapState(v: unknown): unknown {
  return v !== null && typeof v === 'object' && STATE.has(v) ? (v as { value: unknown }).value : v;
}
