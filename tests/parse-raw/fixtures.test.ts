// Fixture table for stage A: each input parsed whole, then fed in every two-piece split and
// several many-piece chunkings; the final tree must be the expected one every time, and the
// partial tree (isDone = false) may differ from it only in the whole-text string's completion.
import { describe, expect, it } from 'vitest';
import { parseRaw, RawParser } from '../../src/runtime/parse/raw/index.js';
import { FIXTURES } from './corpus.js';
import { chunkings, plainTree, showRaw } from './tree-helpers.js';

describe('stage A fixtures', () => {
  it.each(FIXTURES)('%j', (input, expected) => {
    expect(showRaw(parseRaw(input, true))).toBe(expected);
    const whole = plainTree(parseRaw(input, true));
    for (const pieces of chunkings(input)) {
      const parser = new RawParser();
      for (const piece of pieces) parser.push(piece);
      parser.finish();
      expect(plainTree(parser.root()), JSON.stringify(pieces)).toEqual(whole);
    }
  });

  it.each(FIXTURES)(
    'partial of %j differs from final only in the string fallback',
    (input, expected) => {
      const partial = showRaw(parseRaw(input, false));
      if (expected.startsWith('"')) expect(partial).toBe(`${expected}~`);
      else expect(partial).toBe(expected);
    },
  );
});
