// Test-level @@check / @@assert: the variables BAML's docs give them (`this`, `_.result`,
// `_.checks.<name>`, `_.latency_ms`) and the order rules (checks never fail a test, the first
// failing assert does and stops the rest).
import { describe, expect, it } from 'vitest';
import { bindTestScope, evaluateTestConstraints } from '../../src/cli/test-constraints.js';
import type { Constraint } from '../../src/ir/types.js';

const check = (name: string, expression: string): Constraint => ({
  level: 'check',
  name,
  expression,
});
const assert = (expression: string, name?: string): Constraint => ({
  level: 'assert',
  expression,
  ...(name ? { name } : {}),
});

describe('bindTestScope', () => {
  it('rewrites the variables this and _, not attributes, filters or strings', () => {
    expect(bindTestScope('this.name|length > 0')).toBe('this.result.name|length > 0');
    expect(bindTestScope('_.checks.ok and _.latency_ms < 10')).toBe(
      'this._.checks.ok and this._.latency_ms < 10',
    );
    expect(bindTestScope('_.result.this == "this _"')).toBe('this._.result.this == "this _"');
    expect(bindTestScope("this['_']")).toBe("this.result['_']");
    expect(bindTestScope('1_0 + x_ + _x')).toBe('1_0 + x_ + _x');
  });
});

describe('evaluateTestConstraints', () => {
  const result = { city: 'Paris', population: 2_100_000 };

  it('binds this, _.result and _.latency_ms', () => {
    const verdict = evaluateTestConstraints(
      [
        assert('this.city == "Paris"'),
        assert('_.result.population > 1000000'),
        assert('_.latency_ms < 500'),
        assert('this == _.result'),
      ],
      result,
      120,
    );
    expect(verdict.outcomes.map((o) => o.passed)).toEqual([true, true, true, true]);
    expect(verdict.failedAssert).toBeUndefined();
    expect(
      evaluateTestConstraints([assert('_.latency_ms < 500')], result, 900).failedAssert,
    ).toEqual(assert('_.latency_ms < 500'));
  });

  it('lets later constraints read earlier checks through _.checks', () => {
    const verdict = evaluateTestConstraints(
      [
        check('nonempty', 'this.city|length > 0'),
        check('small', '_.result.population < 1000'),
        assert('_.checks.nonempty', 'first'),
        assert('_.checks.nonempty and _.checks.small', 'both'),
      ],
      result,
      5,
    );
    expect(verdict.failedChecks.map((c) => c.name)).toEqual(['small']);
    expect(verdict.failedAssert?.name).toBe('both');
  });

  it('does not let a check see itself or later checks', () => {
    const verdict = evaluateTestConstraints(
      [check('early', '_.checks.late'), check('late', 'true')],
      result,
      5,
    );
    expect(verdict.failedChecks.map((c) => c.name)).toEqual(['early']);
  });

  it('stops at the first failing assert; failing checks alone do not fail', () => {
    const verdict = evaluateTestConstraints(
      [check('a', 'false'), assert('false', 'stop'), check('never', 'false')],
      result,
      5,
    );
    expect(verdict.failedAssert?.name).toBe('stop');
    expect(verdict.outcomes).toHaveLength(2);
    expect(evaluateTestConstraints([check('a', 'false')], result, 5).failedAssert).toBeUndefined();
  });
});
