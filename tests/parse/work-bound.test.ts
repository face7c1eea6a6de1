// Linear cost, counted rather than timed: the number of coercion steps a push costs must not
// grow with the length of the answer. Each reply shape (bare JSON, a fenced block after prose,
// JSON inside prose, two fenced blocks) is streamed at two sizes with a partial after every
// chunk; the coercion steps per push at 4× the size must stay about the same. A coercer that
// re-walks finished items on every push (quadratic in total) makes the ratio about 4.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { createStreamParser } from '../../src/runtime/parse/index.js';

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

function itemsJson(n: number): string {
  const items = Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `item ${i}`,
    tags: ['a', `t${i % 7}`],
    meta: { source: 'gen', score: i / 4 },
  }));
  return JSON.stringify(items, null, 2);
}

const SHAPES: Record<string, (json: string) => string> = {
  'bare JSON': (json) => json,
  'fenced block after prose': (json) => `Here you go:\n\`\`\`json\n${json}\n\`\`\`\nDone.`,
  'JSON inside prose': (json) => `The answer is ${json} as requested.`,
  'second of two fenced blocks': (json) =>
    `\`\`\`json\n[]\n\`\`\`\nand\n\`\`\`json\n${json}\n\`\`\``,
};

/** Coercion steps (calls of Coercer#coerce) per chunk over the whole stream. */
function stepsPerPush(text: string): number {
  const { program } = compile([{ path: 'x.baml', text: SOURCE }]);
  const fn = program?.functions.Items;
  if (!program || !fn) throw new Error('schema does not compile');
  const spy = vi.spyOn(Coercer.prototype, 'coerce');
  const parser = createStreamParser(program, fn.returnType);
  let pushes = 0;
  for (let i = 0; i < text.length; i += 8) {
    parser.push(text.slice(i, i + 8));
    pushes++;
  }
  const steps = spy.mock.calls.length;
  spy.mockRestore();
  parser.finish();
  return steps / pushes;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('coercion work per push does not grow with the answer', () => {
  it.each(Object.entries(SHAPES))('%s', (_name, shape) => {
    const small = stepsPerPush(shape(itemsJson(60)));
    const large = stepsPerPush(shape(itemsJson(240)));
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeLessThan(1.5);
  });
});
