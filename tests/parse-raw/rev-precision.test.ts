// The other half of the `rev` contract, which makes skipping work: a push that changes nothing
// in the tree (blanks, a half-typed key, blanks after a quote that may close its string) leaves
// the tree read from the text with the same identity and `rev`, so a consumer can tell at once.
// And the stream parser then answers UNCHANGED without coercing anything.
import { describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { createStreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';
import { RawParser } from '../../src/runtime/parse/raw/index.js';
import type { RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { showRaw } from './tree-helpers.js';

/** The node below the one-child wrappers (FixedJson, one-candidate AnyOf) around the root. */
function below(node: RawValue): RawValue {
  for (;;) {
    if (node.kind === 'fixed') node = node.inner;
    else if (node.kind === 'anyOf' && node.candidates.length === 1)
      node = node.candidates[0] as RawValue;
    else return node;
  }
}

describe('rev precision', () => {
  it.each([
    ['[{"a": "x", "b": [1, 2]', '\n    '],
    ['[{"a": "x", "b": [1, 2], ', '"ke'],
    ['{"a": {"b": "x"', '  \n  '],
    ['{"a": ["x", "y"', ' '],
    ['{"a": [12', '  '],
    ['{"a": "x",', ' "b'],
  ])('after %j, pushing %j keeps the tree and its rev', (head, tail) => {
    const parser = new RawParser();
    parser.push(head);
    const before = below(parser.root());
    const rev = before.rev;
    const shown = showRaw(before);
    parser.push(tail);
    const after = below(parser.root());
    expect(after).toBe(before);
    expect(showRaw(after)).toBe(shown);
    expect(after.rev).toBe(rev);
  });

  it('still bumps the rev when a push decides something', () => {
    const parser = new RawParser();
    parser.push('{"a": [1 ');
    const node = below(parser.root());
    const rev = node.rev;
    parser.push(',');
    expect(below(parser.root()).rev).toBeGreaterThan(rev);
  });

  it('the stream parser answers UNCHANGED without coercing when the tree is the same', () => {
    const { program } = compile([
      {
        path: 'x.baml',
        text: 'class A {\n  a string\n  b int[]\n}\nfunction F(x: string) -> A[] {\n  client "openai/gpt-4o"\n  prompt #"{{ x }}"#\n}\n',
      },
    ]);
    const fn = program?.functions.F;
    if (!program || !fn) throw new Error('schema does not compile');
    const parser = createStreamParser(program, fn.returnType);
    expect(parser.push('[{"a": "x", "b": [1, 2]')).toEqual([{ a: 'x', b: [1, 2] }]);
    const spy = vi.spyOn(Coercer.prototype, 'coerceRoot');
    try {
      for (const chunk of ['\n', '   ', ', "', 'c']) expect(parser.push(chunk)).toBe(UNCHANGED);
      expect(spy).not.toHaveBeenCalled();
      expect(parser.push('"}, {"a": "y"}')).toEqual([
        { a: 'x', b: [1, 2] },
        { a: 'y', b: [] },
      ]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
