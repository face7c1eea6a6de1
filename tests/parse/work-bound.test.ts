// Linear cost, counted rather than timed: the number of coercion steps a push costs must not
// grow with the length of the answer. Each reply shape (bare JSON, a fenced block after prose,
// JSON inside prose, two fenced blocks) of the bench's Item[] answer is streamed at two sizes
// with a partial after every chunk; the coercion steps per push at 4× the size must stay about
// the same. A coercer that
// re-walks finished items on every push (quadratic in total) makes the ratio about 4.
// These run on the general path (`strictStream: false`); bare JSON normally takes the strict-JSON
// streaming path, whose work per partial (objects and lists rebuilt) is bounded below.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemsSchema, makeItemsText } from '../../bench/lib/items.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { createStreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';
import { onStrictPath } from '../../src/runtime/parse/stream/index.js';

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

/**
 * Objects and lists of `next` that are not the ones at the same place in `prev` (rebuilt). Lists
 * are walked from the end down to the first shared item: earlier ones are shared too
 * (tests/parse/identity.test.ts checks that).
 */
function rebuilt(prev: unknown, next: unknown): number {
  if (prev === next || next === null || typeof next !== 'object') return 0;
  let count = 1;
  if (Array.isArray(next)) {
    const before = Array.isArray(prev) ? prev : [];
    for (let i = next.length - 1; i >= 0; i--) {
      if (i < before.length && before[i] === next[i]) break;
      count += rebuilt(i < before.length ? before[i] : undefined, next[i]);
    }
    return count;
  }
  const was = (prev ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(next)) count += rebuilt(was[k], v);
  return count;
}

describe('strict-JSON streaming path: values rebuilt per partial', () => {
  /** Objects and lists rebuilt per partial, and whether the strict path read the answer. */
  function rebuiltPerPartial(text: string): { perPartial: number; strict: boolean } {
    const { program, target } = itemsSchema();
    const parser = createStreamParser(program, target);
    let prev: unknown;
    let partials = 0;
    let total = 0;
    for (let i = 0; i < text.length; i += 8) {
      const v = parser.push(text.slice(i, i + 8));
      if (v === UNCHANGED) continue;
      total += rebuilt(prev, v);
      prev = v;
      partials++;
    }
    const strict = onStrictPath(parser);
    parser.finish();
    return { perPartial: total / partials, strict };
  }

  it('stays on the strict path for bare JSON and rebuilds only the open spine', () => {
    const small = rebuiltPerPartial(makeItemsText(12_000));
    const large = rebuiltPerPartial(makeItemsText(48_000));
    expect(small.strict).toBe(true);
    expect(large.strict).toBe(true);
    // Item[] nests at most 3 deep (list, item, meta or tags): at most 3 values per partial.
    expect(small.perPartial).toBeGreaterThan(1);
    expect(large.perPartial).toBeLessThanOrEqual(3);
    expect(large.perPartial / small.perPartial).toBeLessThan(1.1);
  });
});
