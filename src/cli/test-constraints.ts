// The `@@check` / `@@assert` attributes of a `test` block, evaluated on the function's result as
// BAML's test runner does: in declaration order, with `this` the result and `_` holding
// `result`, `checks` (the named checks evaluated so far, name → passed) and `latency_ms`. A failing
// check is reported but does not fail the test; the first failing assert fails it and the
// constraints after it are not evaluated.
//
// Expressions go through the evaluator that `@check` / `@assert` on types use. It binds only
// `this`, so here `this` is bound to `{ result, _ }` and the expression's own `this` and `_` are
// rewritten to `this.result` and `this._` (outside string literals and attribute names).

import type { Constraint } from '../ir/types.js';
import { evaluateConstraint } from '../runtime/parse/coerce/index.js';

/** One evaluated constraint. */
export interface ConstraintOutcome {
  constraint: Constraint;
  passed: boolean;
}

/** What a test's constraints say about one result. */
export interface ConstraintVerdict {
  /** Every constraint evaluated, in order (those after a failing assert are left out). */
  outcomes: ConstraintOutcome[];
  /** The assert that failed the test, if one did. */
  failedAssert?: Constraint;
  /** Checks that did not hold; they do not fail the test. */
  failedChecks: Constraint[];
}

/**
 * Evaluates a test block's constraints against the value the function returned.
 *
 * @example
 * evaluateTestConstraints(
 *   [{ level: 'check', name: 'short', expression: '_.result|length < 10' },
 *    { level: 'assert', expression: '_.checks.short and _.latency_ms < 1000' }],
 *   'Paris',
 *   120,
 * ) // { outcomes: [...], failedChecks: [] }
 */
export function evaluateTestConstraints(
  constraints: readonly Constraint[],
  result: unknown,
  latencyMs: number,
): ConstraintVerdict {
  const checks: Record<string, boolean> = {};
  const scope = { result, _: { result, checks, latency_ms: latencyMs } };
  const verdict: ConstraintVerdict = { outcomes: [], failedChecks: [] };
  for (const constraint of constraints) {
    // An expression that cannot be evaluated counts as not passing.
    const passed = evaluateConstraint(bindTestScope(constraint.expression), scope) === true;
    verdict.outcomes.push({ constraint, passed });
    if (constraint.level === 'check') {
      if (constraint.name !== undefined) checks[constraint.name] = passed;
      if (!passed) verdict.failedChecks.push(constraint);
    } else if (!passed) {
      verdict.failedAssert = constraint;
      break;
    }
  }
  return verdict;
}

/** `this` → `this.result` and `_` → `this._`, where they are variables (see the header). */
export function bindTestScope(expression: string): string {
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i] ?? '';
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < expression.length && expression[j] !== ch) j += expression[j] === '\\' ? 2 : 1;
      out += expression.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    // Numbers as the evaluator reads them, so `1_x` is not taken for the name `_x`.
    const number = /^\d+(\.\d+)?/.exec(expression.slice(i));
    if (number) {
      out += number[0];
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i));
    if (name) {
      // After `.` it is an attribute (`_.result`), after `|` a filter: neither is a variable.
      const previous = out.trimEnd().at(-1);
      const isVariable = previous !== '.' && previous !== '|';
      if (isVariable && name[0] === 'this') out += 'this.result';
      else if (isVariable && name[0] === '_') out += 'this._';
      else out += name[0];
      i += name[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
