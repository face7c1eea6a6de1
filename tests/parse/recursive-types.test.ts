// Recursive types never crash the parser (issue 12, item 3): a recursive alias or class that
// comes back to the same part of the answer without reading any of it fails there (BAML's
// "circular reference" for a visited class-value pair) instead of recursing for ever, and an
// answer nested 100,000 levels deep gives a value or a typed error, never a RangeError.
import { describe, expect, it } from 'vitest';
import { BamlValidationError } from '../../src/runtime/errors/index.js';
import { createStreamParser, parseFinal, parsePartial } from '../../src/runtime/parse/index.js';
import { compileProgram, outcome, returnTypeOf } from '../support/compile-program.js';

const SOURCE = `
type Nest = Nest[]
type JsonValue = int | float | bool | string | null | JsonValue[] | map<string, JsonValue>
type Ping = Pong[]
type Pong = Ping | int
class Link {
  next Link?
}
class Tree {
  kids Tree[]
}
class Even {
  odd Odd?
}
class Odd {
  even Even?
  n int?
}
`;
const TYPES = ['Nest', 'JsonValue', 'Ping', 'Link', 'Tree', 'Even'] as const;
const functions = TYPES.map(
  (t) =>
    `function Get${t}(input: string) -> ${t} {\n  client "openai/gpt-4o"\n  prompt #"{{ input }}"#\n}\n`,
).join('');
const program = compileProgram(SOURCE + functions, 'recursive.baml');
const target = (t: (typeof TYPES)[number]) => returnTypeOf(program, `Get${t}`);
// outcome(): the value, or the class name of what was thrown (a RangeError fails every assertion)

describe('a recursive type that meets the same value again stops there', () => {
  it.each([
    // A scalar is one item of a list of itself, and that item the same scalar again: [].
    ['Nest', '', [], []],
    ['Nest', '5', [], []],
    ['Ping', '5', [5], [5]],
    // The only field of a class takes the whole value, which is the class again: null.
    ['Link', '5', { next: null }, { next: null }],
    ['Link', '{"next": 5}', { next: { next: null } }, { next: { next: null } }],
    ['Tree', '[[', { kids: [] }, { kids: [] }],
    ['Even', '5', { odd: { even: null, n: null } }, { odd: { even: null, n: null } }],
  ] as const)('%s from %j', (t, text, final, partial) => {
    expect(outcome(() => parseFinal(program, target(t), text))).toEqual(final);
    expect(outcome(() => parsePartial(program, target(t), text))).toEqual(partial);
  });

  it.each(TYPES)(
    '%s: b.parseStream("") and every prefix of an answer give a value or a typed error',
    (t) => {
      const answer =
        'Sure: ```json\n{"next": {"kids": [[1, "x"], {"odd": {"n": 2}}]}, "odd": [3]}\n``` ok';
      for (let i = 0; i <= answer.length; i++) {
        const r = outcome(() => parsePartial(program, target(t), answer.slice(0, i)));
        if (r && typeof r === 'object' && '$error' in r)
          expect(r, `prefix ${i}`).toEqual({ $error: 'BamlValidationError' });
      }
      const p = createStreamParser(program, target(t));
      for (const ch of answer) p.push(ch);
      const streamed = outcome(() => p.finish().value);
      expect(streamed).toEqual(outcome(() => parseFinal(program, target(t), answer)));
    },
  );
});

describe('answers nested 100,000 levels deep', () => {
  const N = 100_000;
  const deep: [string, string][] = [
    ['open brackets', '['.repeat(N)],
    ['closed brackets', `${'['.repeat(N)}${']'.repeat(N)}`],
    ['nested keys', '{"next":'.repeat(N)],
    ['nested lists of objects', '{"kids":['.repeat(N)],
    ['in a fence with prose', `Here:\n\`\`\`json\n${'{"odd":{"even":'.repeat(N / 2)}`],
  ];
  describe.each(TYPES)('%s', (t) => {
    it.each(deep)(
      '%s: a value or a BamlValidationError',
      (_name, text) => {
        for (const run of [
          () => parseFinal(program, target(t), text),
          () => parsePartial(program, target(t), text),
          () => {
            const p = createStreamParser(program, target(t));
            for (let i = 0; i < text.length; i += 8192) p.push(text.slice(i, i + 8192));
            return p.finish().value;
          },
        ]) {
          try {
            expect(run()).toBeDefined();
          } catch (e) {
            expect(e).toBeInstanceOf(BamlValidationError);
          }
        }
      },
      60_000,
    );
  });
});
