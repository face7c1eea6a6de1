// Replies a broken model can emit (spec §9.8: BAML spends 56 s and 21 GB on 1,000 `[`). Ours
// must stay bounded: these run in well under a second each; the timeout only catches blow-ups.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { createStreamParser, parseFinal } from '../../src/runtime/parse/index.js';

const SOURCE = `
class Item {
  id int
  name string
}
type J = int | string | J[] | map<string, J>
function Items(input: string) -> Item[] {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Js(input: string) -> J {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const { program } = compile([{ path: 'x.baml', text: SOURCE }]);
if (!program) throw new Error('schema does not compile');

const replies: [string, string][] = [
  ['5,000 open brackets', '['.repeat(5000)],
  ['3,000 nested keys', '{"a":'.repeat(3000)],
  ['20,000 quotes', '"'.repeat(20000)],
  ['3,000 fences', '```\n'.repeat(3000)],
];

describe.each(['Items', 'Js'])('pathological replies for %s', (fn) => {
  const target = program.functions[fn]?.returnType;
  if (!target) throw new Error('no function');
  it.each(replies)(
    '%s: final parse and 8-char streaming stay bounded',
    (_name, text) => {
      let final: unknown;
      try {
        final = parseFinal(program, target, text);
      } catch (e) {
        final = e;
      }
      expect(final).toBeDefined();
      const p = createStreamParser(program, target);
      for (let i = 0; i < text.length; i += 8) p.push(text.slice(i, i + 8));
      expect(p.text.length).toBe(text.length);
    },
    20_000,
  );
});
