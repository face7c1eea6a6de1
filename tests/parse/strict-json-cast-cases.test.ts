// The strict-JSON fast path case by case: where it applies (and gives the full path's value) and
// each condition under which it must leave the answer to the full path. Every case also checks
// that parseFinal still gives the full path's value (or fails like it).
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import type { Program, Type } from '../../src/ir/types.js';
import { createStreamParser, parseFinal, UNCHANGED } from '../../src/runtime/parse/index.js';
import { fullFinal, NOT_APPLICABLE, strictJsonCast, valueDiff } from './support/fast-path.js';
import { t } from './support/program.js';

const SOURCE = `
enum Color {
  RED @alias("rouge")
  GREEN
  BLUE @skip
}
class Person {
  name string
  age int
  nick string?
  tags string[]
  scores map<string, int>
}
class Renamed {
  name string @alias("full_name")
  note string?
}
class Spaced {
  name string @alias(" padded ")
  n int?
}
class Checked {
  n int @check(positive, {{ this > 0 }})
}
class Asserted {
  n int @assert(positive, {{ this > 0 }})
}
class Ordered {
  lo int
  hi int
  @@assert(ordered, {{ this.lo <= this.hi }})
}
class Pic {
  img image
}
class Holder {
  p Person?
}
class Other {
  a string?
}
class Stateful {
  s string @stream.with_state
  n int
}
type Nest = Nest[]
type Num = int | float
function F(input: string) -> string {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;

function program(): Program {
  const { program: p, diagnostics } = compile([{ path: 'x.baml', text: SOURCE }]);
  if (!p) throw new Error(JSON.stringify(diagnostics));
  return p;
}
const P = program();
const person = t.cls('Person');
const alias = (name: string): Type => ({ kind: 'alias', name });
const nest = (n: number): Type => (n === 0 ? t.int : t.list(nest(n - 1)));

/** parseFinal's value, or `{ error }` with the issue code when it throws. */
function viaParseFinal(type: Type, text: string): unknown {
  try {
    return parseFinal(P, type, text);
  } catch (e) {
    return { error: (e as { detailed_message?: string }).detailed_message ?? 'thrown' };
  }
}

function expectApplies(type: Type, text: string, value: unknown): unknown {
  const fast = strictJsonCast(P, type, text);
  expect(fast).not.toBe(NOT_APPLICABLE);
  expect(valueDiff(fast, value)).toBeNull();
  expect(valueDiff(fast, fullFinal(P, type, text))).toBeNull();
  expect(valueDiff(parseFinal(P, type, text), value)).toBeNull();
  return fast;
}

function expectBails(type: Type, text: string): void {
  expect(strictJsonCast(P, type, text)).toBe(NOT_APPLICABLE);
  const full = fullFinal(P, type, text);
  const viaApi = viaParseFinal(type, text);
  if (full !== null && typeof full === 'object' && 'error' in full)
    expect(viaApi).toHaveProperty('error');
  else expect(valueDiff(viaApi, full)).toBeNull();
}

describe('strict-JSON fast path: where it applies', () => {
  it('builds classes, lists, maps, enums and literals exactly', () => {
    const text = '{"name":"A","age":3,"nick":null,"tags":["x"],"scores":{"a":1}}';
    const parsed = JSON.parse(text);
    const v = expectApplies(person, text, parsed);
    // keys already in field order and nothing to change: the parsed object itself is kept
    expect(Object.keys(v as object)).toEqual(['name', 'age', 'nick', 'tags', 'scores']);
    expectApplies(t.list(t.enm('Color')), '["rouge", "GREEN"]', ['RED', 'GREEN']);
    expectApplies(t.list(t.lit('a')), '["a"]', ['a']);
    expectApplies(t.lit(3), '3', 3);
    expectApplies(t.list(t.lit(0)), '[-0]', [-0]);
    expectApplies(t.list(t.float), '[1, 2.5, -1e3]', [1, 2.5, -1000]);
    expectApplies(t.list(t.int), '[1.0, 1e2]', [1, 100]);
  });

  it('fills missing fields like the coercer: optional null, lists [] and maps {}', () => {
    expectApplies(person, '{"age": 1, "name": "B"}', {
      name: 'B',
      age: 1,
      nick: null,
      tags: [],
      scores: {},
    });
    expectApplies(t.cls('Other'), '{}', { a: null });
  });

  it('reads @alias keys and outputs the field name', () => {
    expectApplies(t.cls('Renamed'), '{"full_name": "Ada"}', { name: 'Ada', note: null });
  });

  it('takes the strict pass of unions', () => {
    const intOrString = t.union(t.int, t.string);
    expectApplies(intOrString, '42', 42);
    expectApplies(t.list(intOrString), '[42, "x"]', [42, 'x']);
    expectApplies(t.list(t.union(t.int, t.float)), '[1, 2.5]', [1, 2.5]);
    expectApplies(t.list(t.union(t.lit('a'), t.lit('b'))), '["b", "a"]', ['b', 'a']);
    expectApplies(t.list(t.optional(person)), '[null]', [null]);
    expectApplies(t.optional(t.list(t.int)), '[1]', [1]);
    expectApplies(t.list(alias('Num')), '[1, 1.5]', [1, 1.5]);
  });

  it('follows recursive aliases', () => {
    expectApplies(alias('Nest'), '[[], [[]]]', [[], [[]]]);
  });

  it('accepts a well-formed surrogate pair escape and an escaped backslash before "u"', () => {
    expectApplies(t.list(t.string), '["\\ud83d\\ude00", "\\\\ud800"]', ['😀', '\\ud800']);
  });

  it('accepts nesting up to serde’s limit of 128', () => {
    const text = `${'['.repeat(128)}1${']'.repeat(128)}`;
    expectApplies(nest(128), text, JSON.parse(text));
  });

  it('gives the stream parser the same final value, and the last partial as before', () => {
    const text = '{"name":"A","age":3,"tags":["x","y"],"scores":{}}';
    const p = createStreamParser(P, person);
    let last: unknown = UNCHANGED;
    for (let i = 0; i < text.length; i += 5) {
      const v = p.push(text.slice(i, i + 5));
      if (v !== UNCHANGED) last = v;
    }
    const { value, partial } = p.finish();
    expect(valueDiff(value, fullFinal(P, person, text))).toBeNull();
    const shown = partial === UNCHANGED ? last : partial;
    expect(valueDiff(JSON.parse(JSON.stringify(shown)), value)).toBeNull();
  });
});

describe('strict-JSON fast path: where it must bail', () => {
  it('bails on text JSON.parse rejects', () => {
    expectBails(person, '{"name": "A", "age": 1');
    expectBails(t.list(t.int), 'The list: [1, 2]');
    expectBails(t.list(t.int), '```json\n[1]\n```');
  });

  it('bails on a missing required field', () => {
    expectBails(person, '{"name": "A"}');
  });

  it('bails on missing list / map fields inside a union’s strict pass', () => {
    expectBails(t.cls('Holder'), '{"p": {"name": "A", "age": 1}}');
  });

  it('bails on extra, unknown, fuzzy or padded keys', () => {
    expectBails(person, '{"name":"A","age":1,"tags":[],"scores":{},"extra":1}');
    expectBails(person, '{"NAME":"A","age":1,"tags":[],"scores":{}}');
    expectBails(person, '{" name":"A","age":1,"tags":[],"scores":{}}');
    expectBails(t.cls('Renamed'), '{"name": "Ada"}');
    expectBails(t.cls('Spaced'), '{" padded ": "x"}');
  });

  it('bails on a type mismatch, a fraction for an int, unsafe ints, and infinities', () => {
    expectBails(person, '{"name":"A","age":"3","tags":[],"scores":{}}');
    expectBails(person, '{"name":"A","age":3.5,"tags":[],"scores":{}}');
    expectBails(t.list(t.int), '[9007199254740993]');
    expectBails(t.list(t.float), '[1e400]');
    expectBails(t.list(t.string), '[1]');
    expectBails(t.list(t.int), '{"a": 1}');
    expectBails(t.list(t.lit(2)), '[2.5]');
  });

  it('bails on duplicate keys, in classes and maps, however they are written', () => {
    expectBails(person, '{"name":"A","name":"B","age":1,"tags":[],"scores":{}}');
    expectBails(t.map(t.string, t.int), '{"a": 1, "a": 2}');
    expectBails(t.map(t.string, t.int), '{"a:b": 1, "a:b": 2}');
    expectBails(t.map(t.string, t.string), '{"a": "x:y", "a": "\\u0041"}');
    expectBails(t.map(t.string, t.int), '{"\\u0061": 1, "a": 2}');
  });

  it('bails on integer-like keys and Object.prototype names in maps', () => {
    expectBails(t.map(t.string, t.int), '{"b": 1, "1": 2}');
    expectBails(t.map(t.string, t.int), '{"__proto__": 1}');
    expectBails(t.map(t.string, t.int), '{"toString": 1}');
  });

  it('bails on enum or literal values that are not an exact name', () => {
    expectBails(t.list(t.enm('Color')), '["red"]');
    expectBails(t.list(t.enm('Color')), '["RED"]'); // the alias replaces the name
    expectBails(t.list(t.enm('Color')), '["BLUE"]'); // @skip
    expectBails(t.list(t.lit('a')), '["A"]');
  });

  it('bails on unions it cannot settle by the strict pass', () => {
    expectBails(t.union(t.cls('Other'), t.map(t.string, t.string)), '{"a": "b"}');
    expectBails(t.optional(t.string), '5');
    expectBails(t.list(t.union(t.int, t.bool)), '["1"]');
    expectBails(t.union(alias('Num'), t.null), '1');
  });

  it('bails on constraints', () => {
    expectBails(t.cls('Checked'), '{"n": 1}');
    expectBails(t.cls('Asserted'), '{"n": 1}');
    expectBails(t.cls('Asserted'), '{"n": -1}');
    expectBails(t.cls('Ordered'), '{"lo": 1, "hi": 2}');
  });

  it('bails on top-level targets read from the whole text', () => {
    expectBails(t.string, '"hello"');
    expectBails(t.enm('Color'), '"GREEN"');
    expectBails(t.lit('a'), '"a"');
  });

  it('bails on media', () => {
    expectBails(t.cls('Pic'), '{"img": "http://x/y.png"}');
  });

  it('bails on lone surrogate escapes (serde rejects them, JSON.parse does not)', () => {
    expectBails(t.list(t.string), '["\\ud800"]');
    expectBails(t.list(t.string), '["\\udc00"]');
    expectBails(t.list(t.string), '["\\ud800x"]');
    expectBails(t.list(t.string), '["\\ud800\\u0041"]');
    expectBails(t.map(t.string, t.int), '{"\\ud800": 1}');
  });

  it('bails beyond serde’s nesting limit', () => {
    expectBails(nest(129), `${'['.repeat(129)}1${']'.repeat(129)}`);
  });

  it('leaves a stream’s @stream.with_state final partial to the full path', () => {
    const text = '{"s": "x", "n": 1}';
    const p = createStreamParser(P, t.cls('Stateful'));
    p.write(text);
    const { value, partial } = p.finish();
    expect(value).toEqual({ s: 'x', n: 1 });
    expect(partial).toEqual({ s: { value: 'x', state: 'Complete' }, n: 1 });
  });
});
