// An enum read from an answer that names several of its values. BAML's rule (jsonish
// `coercer/match_string.rs`, used by `ir_ref/coerce_enum.rs`): the text (an array or object is
// matched by its text rendering) is trimmed and tried in rounds (as is, punctuation stripped,
// again, lower-cased); in a round, an exact match wins, else every occurrence of every accepted
// name is found, overlaps dropped (earlier first, longer first), and the value with the most
// hits wins; a tie for the top count is an error at once ("Too many matches"), later rounds are
// not tried. So "POSITIVE, NEGATIVE", a prose list and `["POSITIVE", "NEGATIVE"]` fail for a
// single enum, while a value mentioned more often wins. A list of the enum keeps the items that
// match one value each (a prose list is one item that fails: `[]`).
import { describe, expect, it } from 'vitest';
import {
  createStreamParser,
  parseFinal,
  parsePartial,
  UNCHANGED,
} from '../../src/runtime/parse/index.js';
import { compileProgram, returnTypeOf } from '../support/compile-program.js';
import { sameJson } from './support/forward.js';

const SOURCE = `
enum Sentiment {
  POSITIVE
  NEGATIVE
  NEUTRAL
}
class Review {
  sentiment Sentiment
  note string
}
function One(input: string) -> Sentiment {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Many(input: string) -> Sentiment[] {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Rev(input: string) -> Review {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const program = compileProgram(SOURCE, 'enum-several.baml');
const typeOf = (fn: string) => returnTypeOf(program, fn);

const run = (fn: typeof parsePartial, name: string, text: string): unknown => {
  try {
    return fn(program, typeOf(name), text);
  } catch (e) {
    const m = (e as Error).message;
    return { $error: m.includes('Too many matches') ? 'too many matches' : 'failed' };
  }
};
const TOO_MANY = { $error: 'too many matches' };

describe('a single enum from an answer naming several values', () => {
  it.each([
    ['POSITIVE, NEGATIVE', TOO_MANY],
    ['The answer is POSITIVE or maybe NEGATIVE', TOO_MANY],
    ['- POSITIVE\n- NEGATIVE', TOO_MANY],
    ['["POSITIVE", "NEGATIVE"]', TOO_MANY],
    ['NEUTRAL: not POSITIVE, not NEGATIVE', TOO_MANY],
    // The most mentioned value wins.
    ['It is NEGATIVE. Not POSITIVE. Definitely NEGATIVE.', 'NEGATIVE'],
    ['["NEGATIVE", "POSITIVE", "POSITIVE"]', 'POSITIVE'],
    ['["NEGATIVE"]', 'NEGATIVE'],
    // The case-sensitive round decides: "positive" is not counted there.
    ['POSITIVE (not negative)', 'POSITIVE'],
    // A tie in the lower-case round is an error too.
    ['positive or negative', TOO_MANY],
  ])('final %j', (text, expected) => {
    expect(run(parseFinal, 'One', text)).toEqual(expected);
  });

  it('b.parseStream gives the same error for a complete tied answer', () => {
    expect(run(parsePartial, 'One', '"POSITIVE, NEGATIVE"')).toEqual(TOO_MANY);
    expect(run(parsePartial, 'One', '["POSITIVE", "NEGATIVE"]')).toEqual(TOO_MANY);
  });

  it('as a class field: the final parse fails, a partial shows the field as null', () => {
    const text = '{"sentiment": "POSITIVE, NEGATIVE", "note": "mixed"}';
    expect(run(parseFinal, 'Rev', text)).toEqual(TOO_MANY);
    expect(run(parsePartial, 'Rev', text)).toEqual({ sentiment: null, note: 'mixed' });
    expect(run(parseFinal, 'Rev', '{"sentiment": ["NEGATIVE"], "note": "x"}')).toEqual({
      sentiment: 'NEGATIVE',
      note: 'x',
    });
  });
});

describe('a list of the enum', () => {
  it.each([
    ['["POSITIVE", "NEGATIVE"]', ['POSITIVE', 'NEGATIVE']],
    ['[POSITIVE, NEGATIVE]', ['POSITIVE', 'NEGATIVE']],
    ['POSITIVE, NEGATIVE', []],
    ['- POSITIVE\n- NEGATIVE', []],
    ['POSITIVE', ['POSITIVE']],
  ])('final %j', (text, expected) => {
    expect(run(parseFinal, 'Many', text)).toEqual(expected);
  });

  it('the stream parser split at every point agrees with b.parseStream', () => {
    const text = 'Sure: ["POSITIVE", "NEGATIVE, or NEUTRAL", "NEGATIVE"]';
    const target = typeOf('Many');
    for (let k = 1; k < text.length; k++) {
      const p = createStreamParser(program, target);
      let shown: unknown = run(parsePartial, 'Many', '');
      for (const [from, to] of [
        [0, k],
        [k, text.length],
      ] as const) {
        const v = p.push(text.slice(from, to));
        if (v !== UNCHANGED) shown = v;
        const expected = run(parsePartial, 'Many', text.slice(0, to));
        expect(sameJson(shown, expected), `split at ${k}, up to ${to}`).toBe(true);
      }
      expect(p.finish().value).toEqual(['POSITIVE', 'NEGATIVE']);
    }
  });
});
