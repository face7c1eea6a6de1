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
