// Euclidean integer arithmetic as minijinja computes `%` and `//` (minijinja/src/value/ops.rs:
// Rust's `rem_euclid` / `div_euclid`): `-7 % 3` is 2, `-7 // 2` is -4, `7 // -2` is -3. Shared by
// prompt templates (operators.ts) and `@check` / `@assert` expressions
// (runtime/parse/coerce/jinja-expression.ts); it imports nothing, so the parser stays small.

/** Rust `rem_euclid`: the remainder, never negative. */
export function remEuclid(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + Math.abs(b) : r;
}

/** Rust `f64::div_euclid` (and, on whole numbers, `i128::div_euclid`). */
export function divEuclid(a: number, b: number): number {
  const q = Math.trunc(a / b);
  if (a % b < 0) return b > 0 ? q - 1 : q + 1;
  return q;
}
