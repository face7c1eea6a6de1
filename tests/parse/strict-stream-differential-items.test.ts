// The strict-JSON streaming path against the general path on the bench answer
// (bench/lib/items.ts: an `Item[]` of about 20 KB, pretty-printed, with escapes, nested objects
// and lists, negative and fractional numbers), in 8-character and 1-character chunks, and cut
// short. Both parsers must agree at every push and at finish(), and the strict path must read
// the answer to the end. `b.parseStream` (one-shot `parsePartial`) takes the same path: it must give
// the general path's partial too.
import { describe, expect, it } from 'vitest';
import { itemsSchema, makeItemsText } from '../../bench/lib/items.js';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import { parsePartial } from '../../src/runtime/parse/index.js';
import { parseRaw } from '../../src/runtime/parse/raw/index.js';
import { valueDiff } from './support/fast-path.js';
import { charChunks, compareStrictStream, sizedChunks } from './support/strict-stream.js';

const { program, target } = itemsSchema();
const text = makeItemsText(20_000);

describe('strict stream vs general: the bench answer', () => {
  it('agrees in 8-character chunks, whole and cut short', () => {
    expect(text.length).toBeGreaterThan(19_000);
    const whole = compareStrictStream(program, target, sizedChunks(text, [8]));
    expect(whole.diff).toBeNull();
    expect(whole.fastTaken).toBe(true);
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const short = compareStrictStream(program, target, sizedChunks(cut, [8]));
    expect(short.diff).toBeNull();
    expect(short.fastTaken).toBe(true);
  });

  it('agrees one character at a time', () => {
    const r = compareStrictStream(program, target, charChunks(text));
    expect(r.diff).toBeNull();
    expect(r.fastTaken).toBe(true);
  });

  it('gives the general path’s one-shot partial (b.parseStream) at every 97th prefix', () => {
    for (let end = 1; end <= text.length; end += 97) {
      const prefix = text.slice(0, end);
      const general = new Coercer(program, 'partial').coerceRoot(
        target,
        parseRaw(prefix, false),
        prefix,
      );
      expect(general.ok).toBe(true);
      if (!general.ok) return;
      expect(
        valueDiff(parsePartial(program, target, prefix), general.value),
        prefix.slice(-40),
      ).toBeNull();
    }
  });
});
