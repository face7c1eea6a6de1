// Linear cost, counted rather than timed: the number of coercion steps a push costs must not
// grow with the length of the answer. Each reply shape (bare JSON, a fenced block after prose,
// JSON inside prose, two fenced blocks) of the bench's Item[] answer is streamed at two sizes
// with a partial after every chunk; the coercion steps per push at 4× the size must stay about
// the same. A coercer that
// re-walks finished items on every push (quadratic in total) makes the ratio about 4.
// These run on the general path (`strictStream: false`); bare JSON normally takes the strict-JSON
// streaming path, whose work per push (values built) is bounded below.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemsSchema, makeItemsText } from '../../bench/lib/items.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { createStreamParser } from '../../src/runtime/parse/index.js';
import { onStrictPath } from '../../src/runtime/parse/stream/index.js';
import { StrictStream } from '../../src/runtime/parse/stream/strict-stream.js';

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
  const parser = createStreamParser(program, target, { strictStream: false });
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

describe('strict-JSON streaming path: values built per push', () => {
  /** Objects and lists built per push (an unchanged frame is reused, not built). */
  function builtPerPush(text: string): { perPush: number; strict: boolean } {
    const { program, target } = itemsSchema();
    const proto = StrictStream.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const spy = vi.spyOn(proto, 'build' as never);
    const parser = createStreamParser(program, target);
    let pushes = 0;
    for (let i = 0; i < text.length; i += 8) {
      parser.push(text.slice(i, i + 8));
      pushes++;
    }
    const strict = onStrictPath(parser);
    const built = spy.mock.calls.length;
    spy.mockRestore();
    parser.finish();
    return { perPush: built / pushes, strict };
  }

  it('stays on the strict path for bare JSON and builds about the open spine per push', () => {
    const small = builtPerPush(makeItemsText(12_000));
    const large = builtPerPush(makeItemsText(48_000));
    expect(small.strict).toBe(true);
    expect(large.strict).toBe(true);
    // Item[] nests at most 3 deep (list, item, meta or tags): at most 3 values per push.
    expect(small.perPush).toBeGreaterThan(0);
    expect(large.perPush).toBeLessThanOrEqual(3);
    expect(large.perPush / small.perPush).toBeLessThan(1.1);
  });
});
