// Linear cost, counted rather than timed: the number of coercion steps a push costs must not
// grow with the length of the answer. Each reply shape (bare JSON, a fenced block after prose,
// JSON inside prose, two fenced blocks) of the bench's Item[] answer is streamed at two sizes
// with a partial after every chunk; the coercion steps per push at 4× the size must stay about
// the same. A coercer that
// re-walks finished items on every push (quadratic in total) makes the ratio about 4.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemsSchema, makeItemsText } from '../../bench/lib/items.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { createStreamParser } from '../../src/runtime/parse/index.js';

const SHAPES: Record<string, (json: string) => string> = {
  'bare JSON': (json) => json,
  'fenced block after prose': (json) => `Here you go:\n\`\`\`json\n${json}\n\`\`\`\nDone.`,
  'JSON inside prose': (json) => `The answer is ${json} as requested.`,
  'second of two fenced blocks': (json) =>
    `\`\`\`json\n[]\n\`\`\`\nand\n\`\`\`json\n${json}\n\`\`\``,
};

/** Coercion steps (calls of Coercer#coerce) per chunk over the whole stream. */
function stepsPerPush(text: string): number {
  const { program, target } = itemsSchema();
  const spy = vi.spyOn(Coercer.prototype, 'coerce');
  const parser = createStreamParser(program, target);
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
    const small = stepsPerPush(shape(makeItemsText(12_000)));
    const large = stepsPerPush(shape(makeItemsText(48_000)));
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeLessThan(1.5);
  });
});
