// Differential tests (style habit 8): the incremental RawParser against the one-shot stage
// functions (candidate-stages.ts, which re-run every stage over the whole text like the
// reference does). After every chunk of every chunking, the partial tree must equal the
// one-shot tree of the same prefix, so a prefix gives the same tree whether it came in one
// chunk or many; the fixing scanner is checked the same way on its own.
import { describe, expect, it } from 'vitest';
import { parseTopLevel } from '../../src/runtime/parse/raw/candidate-stages.js';
import { FixingScanner } from '../../src/runtime/parse/raw/fixing-scanner.js';
import { RawParser } from '../../src/runtime/parse/raw/index.js';
import type { RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { FIXTURES } from './corpus.js';
import { chunkings, plainTree } from './tree-helpers.js';

const EXTRA = [
  '```json\n{"a": 1}\n```\n\n```json\n{"b": [2, 3]}\n```\ntrailing words',
  'Here:\n```json\n{"name": "Bo", "tags": ["x"\n',
  '```python\nprint(1)\n```\n{"a": 1}',
  '  ```json  \n  {"a": "b"}\n  ```  \n',
  '{"a": 1} {"b": 2} [3',
  '{"x": "}", "y": "{"}',
  '}]{"a":1}]',
  '[[[[1]]], [[2',
  '{"a": "\\"q\\" and \\\\", "b": "\\u00e9"}',
  '{"a" :"b" ,"c" : [1 ,2 ] }',
  "{a: 'it''s', b: `x`y`, c: \"\"}",
  '{"t": """a""", "u": ```js\nx\n```, "v": 1}',
  '/* lead */ {"a": 1 /* in */, "b": // line\n 2}',
  '{"k": value, "n": 1.5e3, "m": -0.25, "z": nul}',
  'true false null',
  '{"a": tru',
  '{"e": "\\u12',
  // a block line of one or two backticks then a blank: no closing fence, so content
  '```json\n` ',
  '```json\n{"a": 1}\n`` \nmore',
];

function sameTree(actual: RawValue, expected: RawValue, context: string): void {
  expect(plainTree(actual), context).toEqual(plainTree(expected));
}

describe('RawParser partials equal one-shot parses of each prefix', () => {
  const inputs = [...FIXTURES.map(([input]) => input), ...EXTRA];
  it.each(inputs)('%j', (input) => {
    const oneShot = new Map<number, RawValue>();
    const expectedAt = (n: number): RawValue => {
      let v = oneShot.get(n);
      if (v === undefined) {
        v = parseTopLevel(input.slice(0, n), false);
        oneShot.set(n, v);
      }
      return v;
    };
    for (const pieces of chunkings(input)) {
      const parser = new RawParser();
      let length = 0;
      for (const piece of pieces) {
        parser.push(piece);
        length += piece.length;
        sameTree(parser.root(), expectedAt(length), `${JSON.stringify(pieces)} after ${length}`);
      }
      parser.finish();
      sameTree(parser.root(), parseTopLevel(input, true), `${JSON.stringify(pieces)} final`);
      expect(parser.text).toBe(input);
    }
  });
});

describe('FixingScanner views do not depend on how the text was split', () => {
  const inputs = [...FIXTURES.map(([input]) => input), ...EXTRA];
  it.each(inputs)('%j', (input) => {
    const viewOf = (text: string): unknown => {
      const s = new FixingScanner();
      s.push(text);
      return s.values().map(plainTree);
    };
    for (const pieces of chunkings(input)) {
      const scanner = new FixingScanner();
      let length = 0;
      for (const piece of pieces) {
        scanner.push(piece);
        length += piece.length;
        expect(
          scanner.values().map(plainTree),
          `${JSON.stringify(pieces)} after ${length}`,
        ).toEqual(viewOf(input.slice(0, length)));
      }
    }
  });
});
