// The strict-JSON streaming path against the general path on every recorded case with a
// parse_stream expectation: the recorded chunks, one character at a time, every two-way split,
// random chunk sizes (fixed seeds), and write()/current() instead of push(). Both parsers must
// give the same result at every call and at finish() (tests/parse/support/strict-stream.ts).
// Random schemas: strict-stream-differential-property.test.ts; the bench answer:
// strict-stream-differential-items.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { loadCases } from './support/cases.js';
import {
  charChunks,
  compareStrictStream,
  compareStrictStreamOps,
  cutAt,
  randomChunks,
  type StrictStreamResult,
  splitsPair,
  writesThenCurrent,
} from './support/strict-stream.js';

const cases = loadCases().filter((c) => c.expected.parse_stream);

/** How many runs ended still on the strict path (printed with STRICT_STREAM_STATS=1). */
const tally = { runs: 0, fastTaken: 0 };
afterAll(() => {
  // the strict path really reads a good share of the recorded answers to the end (1498/8904)
  expect(tally.fastTaken).toBeGreaterThan(tally.runs / 10);
  if (process.env.STRICT_STREAM_STATS)
    console.log(
      `conformance cases: strict path kept to the end in ${tally.fastTaken}/${tally.runs} runs`,
    );
});

function agree(label: string, r: StrictStreamResult): void {
  tally.runs++;
  if (r.fastTaken) tally.fastTaken++;
  expect(r.diff, label).toBeNull();
}

/** Split points: all of them for a short text, else about 50 spread over it. */
function splitPoints(text: string): number[] {
  const all: number[] = [];
  const step = text.length < 400 ? 1 : Math.ceil(text.length / 50);
  for (let k = 1; k < text.length; k += step) if (!splitsPair(text, k)) all.push(k);
  return all;
}

describe.each(cases.map((c) => [c.id, c] as const))('strict stream vs general: %s', (_id, c) => {
  const text = c.chunks.join('');

  it('recorded chunks, pushed and written', () => {
    agree('recorded chunks', compareStrictStream(c.program, c.target, c.chunks));
    for (const every of [1, 3])
      agree(
        `write × ${every} then current()`,
        compareStrictStreamOps(c.program, c.target, writesThenCurrent(c.chunks, every)),
      );
  });

  it('one character at a time', () => {
    const chunks = charChunks(text);
    agree('1-char chunks', compareStrictStream(c.program, c.target, chunks));
    agree(
      '1-char writes, current() every 5',
      compareStrictStreamOps(c.program, c.target, writesThenCurrent(chunks, 5)),
    );
  });

  it('every two-way split', () => {
    for (const k of splitPoints(text))
      agree(`split at ${k}`, compareStrictStream(c.program, c.target, cutAt(text, [k])));
  });

  it('random chunk sizes', () => {
    for (const seed of [1, 2, 3])
      agree(`seed ${seed}`, compareStrictStream(c.program, c.target, randomChunks(text, seed)));
  });
});
