// The strict-JSON streaming path against the general path on the bench answer
// (bench/lib/items.ts: an `Item[]` of about 20 KB, pretty-printed, with escapes, nested objects
// and lists, negative and fractional numbers), in 8-character and 1-character chunks, and cut
// short. Both parsers must agree at every push and at finish(), and the strict path must read
// the answer to the end.
import { describe, expect, it } from 'vitest';
import { itemsSchema, makeItemsText } from '../../bench/lib/items.js';
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
});
