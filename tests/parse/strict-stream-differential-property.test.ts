// The strict-JSON streaming path against the general path on random schemas and answers
// (support/strict-stream-arbitrary.ts): exact, changed and cut documents, pretty or compact,
// with escapes and quirk-hitting strings, around prose, fences and trailing text, in random
// chunks, pushed or written. Both parsers must agree at every call and at finish().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchema } from './support/schema-arbitrary.js';
import { compareStrictStreamOps } from './support/strict-stream.js';
import { streamCaseArb, topSpecArb } from './support/strict-stream-arbitrary.js';

describe('strict stream vs general: random schemas', () => {
  it('gives the same partials and final result however the answer is written and chunked', () => {
    let runs = 0;
    let fastTaken = 0;
    fc.assert(
      fc.property(
        topSpecArb.chain((spec) => fc.tuple(fc.constant(spec), streamCaseArb(spec))),
        ([spec, { text, ops }]) => {
          const { program, type } = buildSchema(spec);
          const r = compareStrictStreamOps(program, type, ops);
          runs++;
          if (r.fastTaken) fastTaken++;
          expect(
            r.diff,
            `answer ${JSON.stringify(text)}, schema ${JSON.stringify(spec)}`,
          ).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
    // the strict path really reads some answers to the end (229/3000 in one run)
    expect(fastTaken).toBeGreaterThan(runs / 30);
    if (process.env.STRICT_STREAM_STATS)
      console.log(`random schemas: strict path kept to the end in ${fastTaken}/${runs} runs`);
    // 3,000 property runs: about 8 s on a quiet 2-core machine, several times that under load
  }, 180_000);
});
