// Parser bench (each figure is the best of a few runs: CPU time on a shared machine is noisy),
// every figure also as a ratio to JSON.parse of the same text:
// - final parse of 1 MB against a schema (target ≤ 5× JSON.parse): `parseFinal`, which takes
//   the strict-JSON fast path for this valid, exactly matching text, beside the full path
//   (raw stage + coercion, what any other text gets) for the same text;
// - a partial after every 8-character chunk at 100 KB and 1 MB (issue #4 targets: ≤ 40 ms and
//   ≤ 250 ms CPU, growth ≤ 12×) on the strict-JSON streaming path, which reads this answer bare
//   and inside a ```json fence after a line of prose (how most models reply); then on the
//   general path (`strictStream: false`: what an answer that needs fixing gets), with its raw
//   stage (push + root per chunk) apart, and in a ```json fence without prose; and with plain
//   arrays instead of list views;
// - write() of every 8-character chunk then finish(), against the same stream parser fed the
//   whole text in one write (issue #3 target: < 2×), and against parseFinal.
// Chunks are cut before the clock starts (a stream hands the parser its chunk strings). 100 KB
// streams run several back to back per timing, so that they carry their share of garbage
// collection as a 1 MB stream does (bench/lib/items.ts, batchedCpuMs).
import type { Program, Type } from '../src/ir/types.js';
import { Coercer } from '../src/runtime/parse/coerce/coercer.js';
import {
  createStreamParser,
  parseFinal,
  type StreamParserOptions,
} from '../src/runtime/parse/index.js';
import { parseRaw, RawParser } from '../src/runtime/parse/raw/index.js';
import {
  batchedCpuMs,
  bestCpuMs,
  chunksOf,
  itemsSchema,
  makeItemsText as makeText,
} from './lib/items.js';

/** A partial after every chunk, then finish (`strictStream: false`: the general path only). */
function streamAll(
  program: Program,
  target: Type,
  chunks: string[],
  options: StreamParserOptions = {},
): number {
  const parser = createStreamParser(program, target, options);
  for (const chunk of chunks) parser.push(chunk);
  parser.finish();
  return parser.text.length;
}

/** Feeds every chunk without asking for partials, then finishes. */
function writeAll(program: Program, target: Type, chunks: string[]): number {
  const parser = createStreamParser(program, target);
  for (const chunk of chunks) parser.write(chunk);
  parser.finish();
  return parser.text.length;
}

/** The full final path (raw stage, then final-mode coercion), without the strict-JSON fast path. */
function fullFinal(program: Program, target: Type, text: string): unknown {
  const r = new Coercer(program, 'final').coerceRoot(target, parseRaw(text, true), text);
  if (!r.ok) throw new Error('bench text does not parse');
  return r.value;
}

/** The raw stage alone: push and root() after every chunk, then finish. */
function rawAll(text: string, size: number): void {
  const raw = new RawParser();
  for (let i = 0; i < text.length; i += size) {
    raw.push(text.slice(i, i + size));
    raw.root();
  }
  raw.finish();
  raw.root();
}

const ms = (t: number): string => `${t.toFixed(1)} ms`;
const x = (t: number, base: number): string => `${(t / base).toFixed(1)}×`;

/** Prints the parser figures. */
export default async function run(): Promise<void> {
  const { program, target } = itemsSchema();
  const small = makeText(100_000);
  const large = makeText(1_000_000);
  const fence = (json: string): string => `Here is the list:\n\`\`\`json\n${json}\n\`\`\`\n`;
  const small8 = chunksOf(small, 8);
  const large8 = chunksOf(large, 8);
  const fenceSmall8 = chunksOf(fence(small), 8);
  const fenceLarge8 = chunksOf(fence(large), 8);
  const GENERAL = { strictStream: false };
  const PLAIN = { listViews: false };

  // Warm up the JIT: the streaming paths take a few 100 KB streams to settle (measured: the
  // first streams of a process cost 2-5× the later ones), so they get those; the rest a small
  // input.
  for (let i = 0; i < 4; i++) {
    streamAll(program, target, small8);
    streamAll(program, target, small8, GENERAL);
  }
  const warm = makeText(20_000);
  const warm8 = chunksOf(warm, 8);
  for (let i = 0; i < 3; i++) {
    parseFinal(program, target, warm);
    fullFinal(program, target, warm);
    streamAll(program, target, warm8, PLAIN);
    streamAll(program, target, chunksOf(fence(warm), 8));
    streamAll(program, target, chunksOf(`\`\`\`json\n${warm}\n\`\`\`\n`, 8), GENERAL);
    writeAll(program, target, warm8);
    writeAll(program, target, [warm]);
    rawAll(warm, 8);
  }

  const jsonSmall = bestCpuMs(7, () => JSON.parse(small));
  const jsonLarge = bestCpuMs(5, () => JSON.parse(large));
  const tRawFinal = bestCpuMs(5, () => parseRaw(large, true));
  const tFinal = bestCpuMs(7, () => parseFinal(program, target, large));
  const tFull = bestCpuMs(5, () => fullFinal(program, target, large));
  console.log(`JSON.parse: 100 KB ${ms(jsonSmall)}, 1 MB ${ms(jsonLarge)}`);
  console.log(
    `final parse 1 MB: ${ms(tFinal)} = ${x(tFinal, jsonLarge)} JSON.parse (target ≤ 5×; strict-JSON fast path)`,
  );
  console.log(
    `  full path, same text: ${ms(tFull)} = ${x(tFull, jsonLarge)} JSON.parse; raw stage ${ms(tRawFinal)}, coercion ${ms(tFull - tRawFinal)}`,
  );

  const logK = (a: number, b: number): string =>
    (Math.log(b / a) / Math.log(large.length / small.length)).toFixed(2);
  // (100 KB streams run 10 back to back, so each carries its share of garbage collection as
  // the 1 MB stream does: see batchedCpuMs)
  const tSmall = batchedCpuMs(3, 10, () => streamAll(program, target, small8));
  const tLarge = bestCpuMs(3, () => streamAll(program, target, large8));
  console.log(
    `partial after every 8-char chunk, 100 KB: ${ms(tSmall)} = ${x(tSmall, jsonSmall)} JSON.parse (target ≤ 40 ms)`,
  );
  console.log(
    `partial after every 8-char chunk, 1 MB:   ${ms(tLarge)} = ${x(tLarge, jsonLarge)} JSON.parse (target ≤ 250 ms); growth ${(tLarge / tSmall).toFixed(1)}× (target ≤ 12×), k = ${logK(tSmall, tLarge)}`,
  );

  const fSmall = batchedCpuMs(3, 10, () => streamAll(program, target, fenceSmall8));
  const fLarge = bestCpuMs(3, () => streamAll(program, target, fenceLarge8));
  console.log(
    `  the same answer in a \`\`\`json fence after prose: 100 KB ${ms(fSmall)}, 1 MB ${ms(fLarge)}; growth ${(fLarge / fSmall).toFixed(1)}×`,
  );
  console.log('  (the strict-JSON streaming path; below, the general path)');

  const gSmall = batchedCpuMs(3, 3, () => streamAll(program, target, small8, GENERAL));
  const gLarge = bestCpuMs(3, () => streamAll(program, target, large8, GENERAL));
  const rawSmall = bestCpuMs(3, () => rawAll(small, 8));
  const rawLarge = bestCpuMs(3, () => rawAll(large, 8));
  console.log(
    `  general path (strictStream: false), same answer: 100 KB ${ms(gSmall)}, 1 MB ${ms(gLarge)}; growth ${(gLarge / gSmall).toFixed(1)}×, k = ${logK(gSmall, gLarge)}; raw stage 100 KB ${ms(rawSmall)}, 1 MB ${ms(rawLarge)}, the rest is coercion + sharing`,
  );

  // A fence with no prose before it (the general path also reads the whole answer as one open
  // backtick string there, whose dedented value it keeps up to date)
  const bareFence = (json: string): string => `\`\`\`json\n${json}\n\`\`\`\n`;
  const bSmall8 = chunksOf(bareFence(small), 8);
  const bLarge8 = chunksOf(bareFence(large), 8);
  const bSmall = batchedCpuMs(3, 3, () => streamAll(program, target, bSmall8, GENERAL));
  const bLarge = bestCpuMs(2, () => streamAll(program, target, bLarge8, GENERAL));
  console.log(
    `  general path, the answer in a \`\`\`json fence (no prose): 100 KB ${ms(bSmall)}, 1 MB ${ms(bLarge)}; growth ${(bLarge / bSmall).toFixed(1)}×, k = ${logK(bSmall, bLarge)}`,
  );

  const pSmall = bestCpuMs(3, () => streamAll(program, target, small8, PLAIN));
  // Quadratic (a full copy of the list per changed partial): one run is enough.
  const pLarge = bestCpuMs(1, () => streamAll(program, target, large8, PLAIN));
  console.log(
    `  plain arrays (listViews: false) instead of list views: 100 KB ${ms(pSmall)}, 1 MB ${ms(pLarge)}; k = ${logK(pSmall, pLarge)}`,
  );

  // (Short runs, so more of them: a stray collection is a large share of 10 ms.)
  const tWrite = bestCpuMs(15, () => writeAll(program, target, large8));
  const tWhole = bestCpuMs(15, () => writeAll(program, target, [large]));
  console.log(
    `write() every 8-char chunk + finish(), 1 MB: ${ms(tWrite)} = ${x(tWrite, tWhole)} the same parser fed the whole text in one write (${ms(tWhole)}; target < 2×), ${x(tWrite, tFinal)} parseFinal, ${x(tWrite, jsonLarge)} JSON.parse`,
  );
  console.log(
    `push() every 8-char chunk + finish() vs whole final parse (1 MB): ${x(tLarge, tFull)} the full path, ${x(tLarge, tFinal)} parseFinal`,
  );
}
