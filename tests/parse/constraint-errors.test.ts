// Constraint expressions as BAML evaluates them: rendered by minijinja as `{{ expr }}` with
// lenient undefined, then read as text (`jinja_helpers.rs` `evaluate_predicate`: "true" → passed,
// "false" → failed, anything else an error). An error, such as an unknown test (minijinja raises
// `UnknownTest`) or an attribute of undefined (vm `GetAttr` → `handle_undefined(true)`), makes
// `run_user_checks` fail and the coercion of that value fail with "Failed to evaluate
// constraints", for a check as for an assert.
import { describe, expect, it } from 'vitest';
import { evaluateConstraint } from '../../src/runtime/parse/coerce/jinja-expression.js';
import { parseFinal } from '../../src/runtime/parse/index.js';
import { compileProgram } from '../support/compile-program.js';

describe('constraint expressions: undefined is not none', () => {
  it.each([
    // A missing attribute is undefined (minijinja `Value::get_attr` → UNDEFINED).
    ['this.missing is defined', { x: 1 }, false],
    ['this.missing is undefined', { x: 1 }, true],
    ['this.missing is none', { x: 1 }, false],
    ['this.x is defined', { x: null }, true],
    ['this.x is none', { x: null }, true],
    // `PartialEq for Value`: none == none, undefined == undefined, not each other.
    ['this.missing == none', { x: 1 }, false],
    ['this.missing == this.other', { x: 1 }, true],
    // An attribute of none or of a number is undefined, not an error.
    ['this.x.y is defined', { x: null }, false],
    ['this.y is defined', 3, false],
    // Indexes: `a[0]`, `a[-1]`, an index past the end is undefined.
    ['this[-1] == 3', [1, 2, 3], true],
    ['this[5] is defined', [1, 2, 3], false],
    ['this["k"] == 1', { k: 1 }, true],
    // The rendered text decides: a string "true" passes.
    ['this', 'true', true],
    ['this', 'false', false],
    // `%` and `//` as in templates: Euclidean (minijinja value/ops.rs rem_euclid / div_euclid).
    ['this % 3 == 2', -7, true],
    ['this // 2 == -4', -7, true],
    ['7 // this == -3', -2, true],
    // `~` prints none as `none` and undefined as nothing, as in templates.
    ['(this.x ~ "!") == "none!"', { x: null }, true],
    ['(this.missing ~ "!") == "!"', { x: 1 }, true],
  ])('%s with %j → %s', (expr, value, expected) => {
    expect(evaluateConstraint(expr, value)).toBe(expected);
  });

  it.each([
    // minijinja: `UnknownTest` error.
    ['this is frobnicated', 1],
    // An attribute of undefined raises `UndefinedError`.
    ['this.missing.deeper == 1', { x: 1 }],
    // Prints neither `true` nor `false`.
    ['this', 'yes'],
    ['this|length', [1, 2]],
    ['this.missing', { x: 1 }],
    ['this.x', { x: null }],
    // An unknown filter is an error too.
    ['this|frobnicate', 'a'],
    // An integer division by zero (minijinja: "unable to calculate").
    ['this % 0 == 0', 4],
  ])('%s with %j is an error', (expr, value) => {
    expect(evaluateConstraint(expr, value)).toBeInstanceOf(Error);
  });
});

const SOURCE = `
class Item {
  name string @check(odd, {{ this is frobnicated }})
}
class Holder {
  item Item?
  count int @assert(known, {{ this is number }})
}
`;
const program = compileProgram(SOURCE, 'constraint-errors.baml');

describe('a constraint that cannot be evaluated fails the value', () => {
  it('a check with an unknown test fails the parse', () => {
    expect(() => parseFinal(program, { kind: 'class', name: 'Item' }, '{"name": "a"}')).toThrow(
      /Failed to evaluate constraints/,
    );
  });

  it('inside an optional field the value becomes null', () => {
    const holder = { kind: 'class', name: 'Holder' } as const;
    expect(parseFinal(program, holder, '{"item": {"name": "a"}, "count": 2}')).toEqual({
      item: null,
      count: 2,
    });
  });
});
