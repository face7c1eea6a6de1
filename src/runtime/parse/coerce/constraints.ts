// `@check` and `@assert` (spec §3.6): checks wrap the value with their results, failing
// asserts fail the value (unless the context skips this occurrence's own asserts). An expression
// that cannot be evaluated (an unknown test, a result that is not `true`/`false`) fails the value
// whether it is a check or an assert, as BAML's "Failed to evaluate constraints" does.

import type { Constraint, Type } from '../../../ir/types.js';
import type { RawValue } from '../raw/raw-value.js';
import { fail, type Path, pathArray, renderType } from './coerce-support.js';
import { SKIP_ASSERTS } from './context.js';
import type { Issue } from './issues.js';
import { evaluateConstraint } from './jinja-expression.js';
import { type Ok, type Result, withChanges } from './result.js';
import { describeRaw } from './text.js';
import { type CheckResult, checkedWrapper, deepUnwrap } from './wrappers.js';

export function applyConstraints(
  constraints: Constraint[] | undefined,
  r: Ok,
  ctx: number,
  path: Path,
  raw: RawValue,
  type: Type | string,
): Result {
  if (!constraints || constraints.length === 0) return r;
  const plain = deepUnwrap(r.value);
  const failed: Issue[] = [];
  let checks: Record<string, CheckResult> | undefined;
  const skipAsserts = (ctx & SKIP_ASSERTS) !== 0;
  for (const c of constraints) {
    const outcome = evaluateConstraint(c.expression, plain);
    if (outcome instanceof Error && !skipAsserts)
      return fail(
        'assert_failed',
        path,
        type,
        raw,
        `Failed to evaluate constraints: ${outcome.message}`,
      );
    const passed = outcome === true;
    if (c.level === 'check') {
      checks ??= {};
      const name = c.name ?? c.expression;
      checks[name] = { name, expression: c.expression, status: passed ? 'succeeded' : 'failed' };
    } else if (!passed && !skipAsserts) {
      const issue: Issue = {
        code: 'assert_failed',
        path: pathArray(path),
        expected: typeof type === 'string' ? type : renderType(type),
        found: describeRaw(raw),
        reason: `Assertion failed: ${c.name ? `${c.name} ` : ''}${c.expression}`,
      };
      failed.push(issue);
    }
  }
  if (failed.length > 0) return fail('assert_failed', path, type, raw, 'Assertions failed', failed);
  if (!checks) return r;
  return withChanges(r, { value: checkedWrapper(r.value, checks) });
}
