// Unit tables for the coercion rules of spec §3.3–3.5, on hand-made raw trees.
import { describe, expect, it } from 'vitest';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { evaluateConstraint } from '../../src/runtime/parse/coerce/jinja-expression.js';
import { matchString } from '../../src/runtime/parse/coerce/match-string.js';
import { findNumber, roundHalfAwayFromZero } from '../../src/runtime/parse/coerce/numbers.js';
import type { RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { makeProgram, t } from './support/program.js';
import { anyOf, fromJson, openNumber, openString } from './support/raw-builders.js';

const program = makeProgram({
  classes: [
    {
      name: 'Person',
      fields: [
        { name: 'name', type: t.string },
        { name: 'age', type: t.int },
      ],
    },
    { name: 'Wrapper', fields: [{ name: 'value', type: t.int }] },
    { name: 'Foo', fields: [{ name: 'foo', type: t.string }] },
    {
      name: 'Contact',
      fields: [
        { name: 'name', type: t.string, alias: 'full_name' },
        { name: 'email', type: t.optional(t.string) },
      ],
    },
    {
      name: 'Skippy',
      fields: [
        { name: 'keep', type: t.string },
        { name: 'drop', type: t.optional(t.string), skip: true },
      ],
    },
  ],
  enums: [
    { name: 'Category', values: [{ name: 'ONE' }, { name: 'TWO' }, { name: 'THREE' }] },
    {
      name: 'Code',
      values: [
        { name: 'ALPHA', alias: 'k1', description: 'The first code of all' },
        { name: 'BETA', alias: 'k-2-3.1_1' },
      ],
    },
  ],
});

const final = (
  type: Parameters<Coercer['coerceRoot']>[0],
  raw: Parameters<Coercer['coerceRoot']>[1],
  text = '',
) => new Coercer(program, 'final').coerceRoot(type, raw, text);
const partial = (
  type: Parameters<Coercer['coerceRoot']>[0],
  raw: Parameters<Coercer['coerceRoot']>[1],
  text = '',
) => new Coercer(program, 'partial').coerceRoot(type, raw, text);
const value = (r: ReturnType<typeof final>) => (r.ok ? r.value : { error: r.issue.code });

describe('numbers in strings', () => {
  it.each([
    ['1,000', 1000],
    ['$1,234.56', 1234.56],
    ['50%', 50],
    ['3,14', 314],
    ['1e3', 1000],
    ['1/5', 0.2],
    ['12.11.', 12.11],
    ['The answer is 42.', 42],
    ['1 cup unsalted butter, room temperature', 1],
    ['-0.25', -0.25],
  ])('%s → %s', (input, expected) => {
    expect(findNumber(input)?.value).toBe(expected);
  });
  it.each(['42 or 43', 'abc', ''])('%s → none', (input) => {
    expect(findNumber(input)).toBeNull();
  });
  it('rounds half away from zero', () => {
    expect([12.5, -2.5, 2.4, -2.6].map(roundHalfAwayFromZero)).toEqual([13, -3, 2, -3]);
  });
});

describe('string matcher', () => {
  const cats = ['ONE', 'TWO', 'THREE'].map((v) => ({ value: v, accepted: [v] }));
  it.each([
    ['two', 'TWO'],
    ['"TWO"', 'TWO'],
    ['ONE: something', 'ONE'],
    ['The answer is One', 'ONE'],
    ['**one** is the answer', 'ONE'],
    ['TWO" is one of the correct answers.', 'TWO'],
  ])('%s → %s', (input, expected) => {
    const m = matchString(input, cats, true);
    expect(m.ok && m.value).toBe(expected);
  });
  it.each(['one or two', 'Two" is one of the correct answers.', 'FOUR'])(
    '%s → no single match',
    (input) => {
      expect(matchString(input, cats, true).ok).toBe(false);
    },
  );
  it('counts hits and strips punctuation', () => {
    const codes = [
      { value: 'ALPHA', accepted: ['k1'] },
      { value: 'BETA', accepted: ['k-2-3.1_1'] },
    ];
    const m = matchString('k1 is ok! k-2-3.1_1 is better. I would advise k-2-3.1_1!', codes, true);
    expect(m.ok && m.value).toBe('BETA');
    const p = matchString('k-2-3 1_1', codes, true);
    expect(p.ok && p.value).toBe('BETA');
  });
  it('ignores accents', () => {
    const m = matchString('cafe', [{ value: 'CAFE', accepted: ['café'] }], false);
    expect(m.ok && m.value).toBe('CAFE');
  });
});

describe('constraint expressions', () => {
  it.each([
    ['this >= 18', 20, true],
    ['this >= 18', 11, false],
    ['this >= 18', null, false],
    ['this|length < 5', 'abc', true],
    ['this == this|upper', 'ABC', true],
    ['this|length == 3', 'abcd', false],
    ['this.lo <= this.hi', { lo: 5, hi: 2 }, false],
    ['this.lo <= this.hi', { lo: null, hi: null }, true],
    ['this.lo <= this.hi', { lo: 5, hi: null }, false],
    ['this|regex_match("^[^@]+@[^@]+$")', 'a@b', true],
    ['this > 0 and not (this > 10)', 5, true],
  ])('%s with %j → %s', (expr, v, expected) => {
    expect(evaluateConstraint(expr, v)).toBe(expected);
  });
});

describe('primitive coercion (final)', () => {
  it.each([
    [t.int, fromJson(12.5), 13],
    [t.int, fromJson(-2.5), -3],
    [t.int, fromJson('1,000'), 1000],
    [t.int, fromJson([7, 8]), 7],
    [t.float, fromJson('$1,234.56'), 1234.56],
    [t.bool, fromJson('True'), true],
    [t.bool, fromJson('The answer is true'), true],
    [t.list(t.string), fromJson([12]), ['12']],
    [t.list(t.string), fromJson([{ a: 1, b: [1, 2] }]), ['{a: 1, b: [1, 2]}']],
    [t.optional(t.int), fromJson('nothing here'), null],
    [t.optional(t.string), fromJson('None'), 'None'],
  ])('%j from %j', (type, raw, expected) => {
    expect(value(final(type, raw))).toEqual(expected);
  });
  it.each([
    [t.int, fromJson('42 or 43')],
    [t.bool, fromJson('true or false')],
    [t.bool, fromJson('yes')],
    [t.bool, fromJson(1)],
    [t.int, fromJson({ a: 1 })],
  ])('%j from %j fails', (type, raw) => {
    expect(final(type, raw).ok).toBe(false);
  });
});

describe('enums and literals', () => {
  it('reads the whole text for an enum at the root', () => {
    expect(
      value(
        final(
          t.enm('Category'),
          anyOf('The answer is Two', fromJson('The answer is Two')),
          'The answer is Two',
        ),
      ),
    ).toBe('TWO');
  });
  it('rejects ties', () => {
    expect(value(final(t.enm('Category'), fromJson('one or two')))).toEqual({ error: 'ambiguous' });
  });
  it('accepts descriptions and aliases, not original names once aliased', () => {
    expect(value(final(t.enm('Code'), fromJson('k1: The first code of all')))).toBe('ALPHA');
    expect(final(t.enm('Code'), fromJson('ALPHA')).ok).toBe(false);
  });
  it('unwraps a single-key object for a literal', () => {
    expect(
      value(final(t.union(t.lit(1), t.lit(true), t.lit('THREE')), fromJson({ status: 1 }))),
    ).toBe(1);
    expect(final(t.union(t.lit(1), t.lit(true)), fromJson({ status: 1, other: 2 })).ok).toBe(false);
  });
  it('matches string literals case-insensitively', () => {
    expect(value(final(t.lit('TWO'), fromJson('Two')))).toBe('TWO');
    expect(value(final(t.union(t.lit('a'), t.lit('b')), fromJson('B')))).toBe('b');
  });
});

describe('lists and maps', () => {
  it('drops bad items and wraps single values', () => {
    expect(value(final(t.list(t.int), fromJson([1, '2', 'x', 3])))).toEqual([1, 2, 3]);
    expect(value(final(t.list(t.int), fromJson(5)))).toEqual([5]);
    expect(value(final(t.list(t.cls('Person')), fromJson([{ name: 'A' }])))).toEqual([]);
  });
  it('drops bad map values and keeps keys as written', () => {
    expect(value(final(t.map(t.string, t.int), fromJson({ a: 1, b: 'x', c: '3' })))).toEqual({
      a: 1,
      c: 3,
    });
    expect(final(t.map(t.string, t.int), fromJson([1, 2])).ok).toBe(false);
  });
});

describe('classes', () => {
  it('matches keys by alias, case and whitespace, ignores extra keys', () => {
    expect(value(final(t.cls('Contact'), fromJson({ ' FULL_NAME ': 'Ann', extra: 1 })))).toEqual({
      name: 'Ann',
      email: null,
    });
  });
  it('reports missing required fields', () => {
    expect(value(final(t.cls('Person'), fromJson({ name: 'A' })))).toEqual({
      error: 'missing_field',
    });
  });
  it('fills a single-field class from a scalar, but never from prose at the root', () => {
    expect(value(final(t.cls('Wrapper'), fromJson(42)))).toEqual({ value: 42 });
    expect(value(final(t.cls('Foo'), fromJson('My inner string')))).toEqual({
      error: 'infered_from_string',
    });
  });
  it('leaves @skip fields out', () => {
    expect(value(final(t.cls('Skippy'), fromJson({ keep: 'ok', drop: 'x' })))).toEqual({
      keep: 'ok',
    });
  });
});

describe('unions', () => {
  it('prefers exact matches, then scores', () => {
    expect(value(final(t.union(t.int, t.string), fromJson(42)))).toBe(42);
    expect(value(final(t.union(t.int, t.string), fromJson('42')))).toBe('42');
    expect(value(final(t.union(t.float, t.string), fromJson('1 cup butter')))).toBe('1 cup butter');
    expect(value(final(t.list(t.union(t.int, t.string)), fromJson([3.5])))).toEqual([4]);
  });
});

describe('partials', () => {
  it('withholds numbers until terminated and shows growing strings', () => {
    const raw = {
      kind: 'object',
      entries: [
        { key: 'name', value: openString('Al') },
        { key: 'age', value: openNumber(3) },
      ],
      completion: 'incomplete',
      rev: 1,
    } as RawValue;
    expect(value(partial(t.cls('Person'), raw))).toEqual({ name: 'Al', age: null });
  });
  it('gives no partial for a bare top-level number', () => {
    expect(partial(t.int, openNumber(12)).ok).toBe(false);
  });
  it('drops an unterminated last list number', () => {
    const raw = {
      kind: 'array',
      items: [fromJson(1), fromJson(2), openNumber(3)],
      completion: 'incomplete',
      rev: 1,
    } as RawValue;
    expect(value(partial(t.list(t.int), raw))).toEqual([1, 2]);
  });
});

describe('failures are data', () => {
  it('reports code, path, expected and found for each failing value', () => {
    const r = final(t.cls('Person'), fromJson({ name: 'A', age: 'old' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.code).toBe('invalid_type');
    expect(r.issue.causes?.[0]).toMatchObject({
      code: 'invalid_type',
      path: ['age'],
      expected: 'int',
    });
    const missing = final(t.list(t.cls('Contact')), fromJson([{ email: 'x' }]));
    expect(missing.ok && missing.value).toEqual([]);
  });
});
