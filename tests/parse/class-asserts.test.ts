// Class-level constraints (`@@assert` / `@@check`) in partials and the final parse. BAML's rule
// (jsonish `coercer/field_type.rs`: the `WithMetadata` arm runs `run_user_checks` on the coerced
// value turned into a plain `BamlValue`, then `validate_asserts`): the expression sees the
// fields' bare values, never their `@check` results, and a class's asserts apply to every
// partial too (the conformance case checks/class-assert-fails: `5 <= none` fails at once),
// with minijinja's semantics (`none <= none` holds, `x is none` is a test). An assert that
// passes on every prefix leaves the partials as plain values with the field checks shown.
import { describe, expect, it } from 'vitest';
import { evaluateConstraint } from '../../src/runtime/parse/coerce/jinja-expression.js';
import {
  createStreamParser,
  parseFinal,
  parsePartial,
  UNCHANGED,
} from '../../src/runtime/parse/index.js';
import { compileProgram, outcome, returnTypeOf } from '../support/compile-program.js';
import { sameJson } from './support/forward.js';

const SOURCE = `
class Range {
  lo int @check(positive, {{ this > 0 }})
  hi int
  @@assert(ordered, {{ this.hi is none or this.lo <= this.hi }})
  @@check(wide, {{ this.hi is not none and this.hi - this.lo > 2 }})
}
function GetRange(input: string) -> Range {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const program = compileProgram(SOURCE, 'class-asserts.baml');
const target = returnTypeOf(program, 'GetRange');

const run = (fn: typeof parsePartial, text: string): unknown =>
  outcome(() => fn(program, target, text));
const checked = (value: unknown, status: 'succeeded' | 'failed') => ({
  value,
  checks: { positive: { name: 'positive', expression: 'this > 0', status } },
});
const wide = (value: unknown, status: 'succeeded' | 'failed') => ({
  value,
  checks: {
    wide: {
      name: 'wide',
      expression: 'this.hi is not none and this.hi - this.lo > 2',
      status,
    },
  },
});

describe('class asserts see bare field values', () => {
  const answer = '{"lo": 1, "hi": 5}';

  it('a passing @@assert over a field with @check: the final value keeps the field check', () => {
    expect(run(parseFinal, answer)).toEqual(
      wide({ lo: checked(1, 'succeeded'), hi: 5 }, 'succeeded'),
    );
  });

  it.each([
    ['', wide({ lo: null, hi: null }, 'failed')],
    ['{"lo": 1,', wide({ lo: checked(1, 'succeeded'), hi: null }, 'failed')],
    ['{"lo": 1, "hi": 5}', wide({ lo: checked(1, 'succeeded'), hi: 5 }, 'succeeded')],
  ])('partial %j', (text, expected) => {
    expect(run(parsePartial, text)).toEqual(expected);
  });

  it('an assert that fails on the whole object fails the final parse and that partial', () => {
    expect(run(parseFinal, '{"lo": 6, "hi": 5}')).toEqual({ $error: 'BamlValidationError' });
    expect(run(parsePartial, '{"lo": 6, "hi": 5}')).toEqual({ $error: 'BamlValidationError' });
  });

  it('the stream parser split at every point agrees with b.parseStream of the text so far', () => {
    for (let k = 1; k < answer.length; k++) {
      const p = createStreamParser(program, target);
      let shown: unknown = run(parsePartial, '');
      for (const [from, to] of [
        [0, k],
        [k, answer.length],
      ] as const) {
        const v = p.push(answer.slice(from, to));
        if (v !== UNCHANGED) shown = v;
        const expected = run(parsePartial, answer.slice(0, to));
        expect(sameJson(shown, expected), `split at ${k}, up to ${to}`).toBe(true);
      }
      expect(p.finish().value).toEqual(run(parseFinal, answer));
    }
  });
});

describe('constraint expressions: minijinja tests and `not in`', () => {
  it.each([
    ['this is none', null, true],
    ['this is not none', null, false],
    ['this is none', 0, false],
    ['this is number', 1.5, true],
    ['this is integer', 2, true],
    ['this is string', 'a', true],
    ['this is defined', null, true],
    ['this is even', 4, true],
    ['this is divisibleby(3)', 9, true],
    ['this not in ["a", "b"]', 'c', true],
    ['this not in ["a", "b"]', 'a', false],
    ['this.x is none or this.x > 2', { x: null }, true],
  ])('%s with %j', (expr, value, expected) => {
    expect(evaluateConstraint(expr, value)).toBe(expected);
  });
});
