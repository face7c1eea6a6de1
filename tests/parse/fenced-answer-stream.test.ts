// A JSON answer in a Markdown fence with prose before and after it, while it streams. BAML's
// rule (jsonish `parser/entry.rs` → `markdown_parser.rs`): the text is not JSON, so each fenced
// block is read (an unclosed last block runs to the end of the text, read by the fixing parser)
// and its value is taken, ahead of the JSON spans in the prose (`multi_json_parser.rs`) and the
// whole text as a string. So the prose before the fence gives the empty partial, the block's
// partials grow as it is written (a number once it is followed by a delimiter), and the prose
// after the closing fence changes nothing. Checked at every prefix against pinned values, and
// through the stream parser (b.stream) split at every point against b.parseStream.
import { describe, expect, it } from 'vitest';
import {
  createStreamParser,
  parseFinal,
  parsePartial,
  UNCHANGED,
} from '../../src/runtime/parse/index.js';
import { compileProgram, outcome, returnTypeOf } from '../support/compile-program.js';
import { sameJson } from './support/forward.js';

const SOURCE = `
class Answer {
  name string
  n int
  tags string[]
}
function Get(input: string) -> Answer {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const program = compileProgram(SOURCE, 'fenced.baml');
const target = returnTypeOf(program, 'Get');

const run = (fn: typeof parsePartial, text: string): unknown =>
  outcome(() => fn(program, target, text));

const ANSWER =
  'Here is the answer:\n```json\n{"name": "Bob", "n": 3, "tags": ["a", "b"]}\n```\nHope it helps {really}.';
const upTo = (s: string) => ANSWER.slice(0, ANSWER.indexOf(s) + s.length);
const EMPTY = { name: null, n: null, tags: [] };
const DONE = { name: 'Bob', n: 3, tags: ['a', 'b'] };

describe('fenced JSON with prose around it, streaming', () => {
  it.each([
    ['', EMPTY],
    [upTo('answer:'), EMPTY],
    [upTo('```'), EMPTY],
    [upTo('```json\n'), EMPTY],
    [upTo('{'), EMPTY],
    [upTo('"Bo'), { name: 'Bo', n: null, tags: [] }],
    [upTo('"n": 3'), { name: 'Bob', n: null, tags: [] }],
    [upTo('"n": 3,'), { name: 'Bob', n: 3, tags: [] }],
    [upTo('["a'), { name: 'Bob', n: 3, tags: ['a'] }],
    [upTo(']}'), DONE],
    [upTo(']}\n`'), DONE],
    [upTo(']}\n```'), DONE],
    [upTo('Hope'), DONE],
    [upTo('{really'), DONE],
    [ANSWER, DONE],
  ])('partial of %j', (text, expected) => {
    expect(run(parsePartial, text)).toEqual(expected);
  });

  it('the final parse takes the block', () => {
    expect(run(parseFinal, ANSWER)).toEqual(DONE);
  });

  it('the stream parser split at every point agrees with b.parseStream of the text so far', () => {
    for (let k = 1; k < ANSWER.length; k++) {
      const p = createStreamParser(program, target);
      let shown: unknown = run(parsePartial, '');
      for (const [from, to] of [
        [0, k],
        [k, ANSWER.length],
      ] as const) {
        const v = p.push(ANSWER.slice(from, to));
        if (v !== UNCHANGED) shown = v;
        const expected = run(parsePartial, ANSWER.slice(0, to));
        expect(sameJson(shown, expected), `split at ${k}, up to ${to}`).toBe(true);
      }
      expect(p.finish().value).toEqual(DONE);
    }
  });

  it('chunk by chunk (every 1 to 9 characters) the partials agree with b.parseStream', () => {
    for (let step = 1; step <= 9; step++) {
      const p = createStreamParser(program, target);
      let shown: unknown = run(parsePartial, '');
      for (let i = 0; i < ANSWER.length; i += step) {
        const v = p.push(ANSWER.slice(i, i + step));
        if (v !== UNCHANGED) shown = v;
        const to = Math.min(i + step, ANSWER.length);
        expect(sameJson(shown, run(parsePartial, ANSWER.slice(0, to))), `step ${step}, ${to}`).toBe(
          true,
        );
      }
      expect(p.finish().value).toEqual(DONE);
    }
  });
});
