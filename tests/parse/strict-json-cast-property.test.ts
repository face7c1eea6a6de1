// Property test of the strict-JSON fast path on random schemas: for a document that matches the
// schema exactly it applies (unless the schema has what it conservatively leaves alone: see
// `appliesToExactDocs`) and gives the full path's value; after a random change (duplicate, extra, missing or renamed
// key, another value, an unsafe or fractional number, a lone surrogate) it gives the full
// path's value whenever it still applies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullFinal, NOT_APPLICABLE, strictJsonCast, valueDiff } from './support/fast-path.js';
import {
  appliesToExactDocs,
  buildSchema,
  docArb,
  mutatedArb,
  readsWholeText,
  specArb,
  writeDoc,
} from './support/schema-arbitrary.js';

const layout = fc.record({
  indent: fc.constantFrom('', ' ', '  ', '\t'),
  escapeAll: fc.boolean(),
});

describe('strict-JSON fast path: random schemas', () => {
  it('applies to documents that match exactly, with the full path’s value', () => {
    fc.assert(
      fc.property(
        specArb.chain((spec) => fc.tuple(fc.constant(spec), docArb(spec), layout)),
        ([spec, doc, { indent, escapeAll }]) => {
          const { program, type } = buildSchema(spec);
          const text = writeDoc(doc, indent, escapeAll);
          const fast = strictJsonCast(program, type, text);
          if (readsWholeText(spec)) expect(fast).toBe(NOT_APPLICABLE);
          if (!appliesToExactDocs(spec)) {
            if (fast !== NOT_APPLICABLE)
              expect(valueDiff(fast, fullFinal(program, type, text)), text).toBeNull();
            return;
          }
          expect(fast, text).not.toBe(NOT_APPLICABLE);
          expect(valueDiff(fast, fullFinal(program, type, text)), text).toBeNull();
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives the full path’s value whenever it applies to a changed document', () => {
    let applied = 0;
    let bailed = 0;
    fc.assert(
      fc.property(
        specArb.chain((spec) =>
          fc.tuple(fc.constant(spec), docArb(spec).chain(mutatedArb), layout),
        ),
        ([spec, doc, { indent, escapeAll }]) => {
          const { program, type } = buildSchema(spec);
          const text = writeDoc(doc, indent, escapeAll);
          const fast = strictJsonCast(program, type, text);
          if (fast === NOT_APPLICABLE) {
            bailed++;
            return;
          }
          applied++;
          expect(valueDiff(fast, fullFinal(program, type, text)), text).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
    // both outcomes are exercised
    expect(applied).toBeGreaterThan(100);
    expect(bailed).toBeGreaterThan(100);
  });
});
