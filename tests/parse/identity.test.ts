// Structural sharing: a finished list element is the same object (===) in every later partial,
// and a push that changes nothing visible returns UNCHANGED.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { createStreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';

const SOURCE = `
class Meta {
  source string
  score float
}
class Item {
  id int
  name string
  tags string[]
  meta Meta
}
function Items(input: string) -> Item[] {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;

describe.each([
  ['strict-JSON streaming path', {}],
  ['general path', { strictStream: false }],
] as const)('identity of finished values across partials (%s)', (_path, options) => {
  it('keeps every completed element of a 500-element list identical', () => {
    const { program } = compile([{ path: 'x.baml', text: SOURCE }]);
    const fn = program?.functions.Items;
    if (!program || !fn) throw new Error('schema does not compile');
    const items = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      name: `n${i}`,
      tags: ['a', `b${i}`],
      meta: { source: 's', score: i / 4 },
    }));
    const text = JSON.stringify(items, null, 1);
    const parser = createStreamParser(program, fn.returnType, options);
    const seen = new Map<number, unknown>();
    let partials = 0;
    let changed = 0;
    for (let i = 0; i < text.length; i += 7) {
      const v = parser.push(text.slice(i, i + 7));
      if (v === UNCHANGED) continue;
      partials++;
      const list = v as unknown[];
      // Every element but the last is complete: once seen, it must be the very same object.
      for (let j = 0; j < list.length - 1; j++) {
        const before = seen.get(j);
        if (before === undefined) seen.set(j, list[j]);
        else if (list[j] !== before) changed++;
      }
    }
    expect(changed, 'completed elements that lost their identity').toBe(0);
    expect(partials).toBeGreaterThan(500);
    expect(seen.size).toBe(499);
    const { value } = parser.finish();
    expect(value).toEqual(items);
  });

  it('gives plain arrays (structuredClone-able) with listViews: false, same values', () => {
    const { program } = compile([{ path: 'x.baml', text: SOURCE }]);
    const fn = program?.functions.Items;
    if (!program || !fn) throw new Error('schema does not compile');
    const items = Array.from({ length: 150 }, (_, i) => ({
      id: i,
      name: `n${i}`,
      tags: ['a'],
      meta: { source: 's', score: i },
    }));
    const text = JSON.stringify(items, null, 2);
    const views = createStreamParser(program, fn.returnType, options);
    const plain = createStreamParser(program, fn.returnType, { ...options, listViews: false });
    let a: unknown;
    let b: unknown;
    for (let i = 0; i < text.length; i += 11) {
      const chunk = text.slice(i, i + 11);
      const va = views.push(chunk);
      const vb = plain.push(chunk);
      if (va !== UNCHANGED) a = va;
      if (vb !== UNCHANGED) b = vb;
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
    expect(() => structuredClone(a)).toThrow();
    expect(structuredClone(b)).toEqual(JSON.parse(JSON.stringify(a)));
  });
});
