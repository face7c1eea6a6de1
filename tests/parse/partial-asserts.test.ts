// Field asserts in partials (b.parseStream), BAML's rule read from its streaming types: a field
// whose streamed type is a new `T | null` (a required scalar, class or union field) has its
// asserts moved inside that union and checked only by the final parse, so a partial shows the
// value; an optional field (already a union with null) and a needed one (list, map,
// `@stream.not_null`) keep their asserts in partials, and a value failing them shows as null
// (`[]` for a list). Each answer is checked at every prefix and through the stream parser split
// at every point.
import { describe, expect, it } from 'vitest';
import { createStreamParser, parsePartial, UNCHANGED } from '../../src/runtime/parse/index.js';
import { compileProgram, outcome, returnTypeOf } from '../support/compile-program.js';
import { sameJson } from './support/forward.js';

const SOURCE = `
class Profile {
  name string @assert(short_name, {{ this|length < 4 }})
  nick string? @assert(short_nick, {{ this|length < 4 }})
  tags string[] @assert(few, {{ this|length < 2 }})
}
function GetProfile(input: string) -> Profile {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const program = compileProgram(SOURCE, 'asserts.baml');
const target = returnTypeOf(program, 'GetProfile');

const partial = (text: string): unknown => outcome(() => parsePartial(program, target, text));

describe('field asserts in partials', () => {
  const answer = '{"name": "Alexander", "nick": "Al", "tags": ["a"], "nick": "x"}';
  const cut = (s: string) => answer.slice(0, answer.indexOf(s) + s.length);
  it.each([
    // A required field's assert waits for the final parse: the partial shows the value.
    [cut('"Alexander"'), { name: 'Alexander', nick: null, tags: [] }],
    // An optional field's assert applies at once: "Al" passes...
    [cut('"Al"'), { name: 'Alexander', nick: 'Al', tags: [] }],
    // ...and a list's too: one tag passes.
    [cut('["a"]'), { name: 'Alexander', nick: 'Al', tags: ['a'] }],
  ])('%j', (text, expected) => {
    expect(partial(text)).toEqual(expected);
  });

  it('an optional value that fails its assert shows as null, a list that fails as []', () => {
    const text = '{"name": "Al", "nick": "Alexander", "tags": ["a", "b"]}';
    expect(partial(text)).toEqual({ name: 'Al', nick: null, tags: [] });
    // While it grows, the nick is shown until it breaks the assert.
    expect(partial(text.slice(0, text.indexOf('Alex') + 3))).toEqual({
      name: 'Al',
      nick: 'Ale',
      tags: [],
    });
    expect(partial(text.slice(0, text.indexOf('Alex') + 4))).toEqual({
      name: 'Al',
      nick: null,
      tags: [],
    });
  });

  it('the stream parser split at every point agrees with b.parseStream of the text so far', () => {
    const text = '{"name": "Alexander", "nick": "Alexander", "tags": ["a", "b"]}';
    for (let k = 1; k < text.length; k++) {
      const p = createStreamParser(program, target);
      let shown: unknown = partial('');
      for (const [from, to] of [
        [0, k],
        [k, text.length],
      ] as const) {
        const v = p.push(text.slice(from, to));
        if (v !== UNCHANGED) shown = v;
        expect(sameJson(shown, partial(text.slice(0, to))), `split at ${k}, up to ${to}`).toBe(
          true,
        );
      }
    }
  });
});
