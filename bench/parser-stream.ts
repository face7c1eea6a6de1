// Parser bench (each figure is the best of a few runs: CPU time on a shared machine is noisy),
// every figure also as a ratio to JSON.parse of the same text:
// - final parse of 1 MB against a schema (target ≤ 5× JSON.parse): `parseFinal`, which takes
//   the strict-JSON fast path for this valid, exactly matching text, beside the full path
//   (raw stage + coercion, what any other text gets) for the same text;
// - a partial after every 8-character chunk at 100 KB and 1 MB (issue #4 targets: ≤ 40 ms and
//   ≤ 250 ms CPU, growth ≤ 12×), split into the raw stage (push + root per chunk) and the rest
//   (coercion, structural sharing), with long lists as views and as plain arrays, and the same
//   answer inside a ```json fence after a line of prose (how most models reply);
// - write() of every 8-character chunk then finish(), against the same stream parser fed the
//   whole text in one write (issue #3 target: < 2×), and against parseFinal.
import type { Program, Type } from '../src/ir/types.js';
import { Coercer } from '../src/runtime/parse/coerce/coercer.js';
import { createStreamParser, parseFinal } from '../src/runtime/parse/index.js';
import { parseRaw, RawParser } from '../src/runtime/parse/raw/index.js';
import { bestCpuMs, itemsSchema, makeItemsText as makeText } from './lib/items.js';

function streamAll(
  program: Program,
  target: Type,
  text: string,
  size: number,
  listViews = true,
): number {
  const parser = createStreamParser(program, target, { listViews });
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.finish();
  return parser.text.length;
}

/** Feeds every chunk without asking for partials, then finishes. */
function writeAll(program: Program, target: Type, text: string, size: number): number {
  const parser = createStreamParser(program, target);
  for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size));
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

  // Warm up the JIT: the streaming path takes a few 100 KB streams to settle (measured: the first
  // streams of a process cost 2-5× the later ones), so it gets those; the rest a small input.
  for (let i = 0; i < 4; i++) streamAll(program, target, small, 8);
  const warm = makeText(20_000);
  for (let i = 0; i < 3; i++) {
    parseFinal(program, target, warm);
    fullFinal(program, target, warm);
    streamAll(program, target, warm, 8);
    streamAll(program, target, warm, 8, false);
    writeAll(program, target, warm, 8);
    writeAll(program, target, warm, warm.length);
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

  const tSmall = bestCpuMs(3, () => streamAll(program, target, small, 8));
  const tLarge = bestCpuMs(3, () => streamAll(program, target, large, 8));
  const rawSmall = bestCpuMs(3, () => rawAll(small, 8));
  const rawLarge = bestCpuMs(3, () => rawAll(large, 8));
  const k = Math.log(tLarge / tSmall) / Math.log(large.length / small.length);
  const growth = tLarge / tSmall;
  const kOwn =
    Math.log((tLarge - rawLarge) / (tSmall - rawSmall)) / Math.log(large.length / small.length);
  console.log(
    `partial after every 8-char chunk, 100 KB: ${ms(tSmall)} = ${x(tSmall, jsonSmall)} JSON.parse (target ≤ 40 ms); raw stage ${ms(rawSmall)}, coercion + sharing ${ms(tSmall - rawSmall)}`,
  );
  console.log(
    `partial after every 8-char chunk, 1 MB:   ${ms(tLarge)} = ${x(tLarge, jsonLarge)} JSON.parse (target ≤ 250 ms); raw stage ${ms(rawLarge)}, coercion + sharing ${ms(tLarge - rawLarge)}; growth ${growth.toFixed(1)}× (target ≤ 12×), k = ${k.toFixed(2)} (coercion + sharing alone k = ${kOwn.toFixed(2)})`,
  );

  const fence = (json: string): string => `Here is the list:\n\`\`\`json\n${json}\n\`\`\`\n`;
  const fSmall = bestCpuMs(3, () => streamAll(program, target, fence(small), 8));
  const fLarge = bestCpuMs(3, () => streamAll(program, target, fence(large), 8));
  console.log(
    `  the same answer in a \`\`\`json fence after prose: 100 KB ${ms(fSmall)}, 1 MB ${ms(fLarge)}; growth ${(fLarge / fSmall).toFixed(1)}×`,
  );

  const pSmall = bestCpuMs(3, () => streamAll(program, target, small, 8, false));
  // Quadratic (a full copy of the list per changed partial): one run is enough.
  const pLarge = bestCpuMs(1, () => streamAll(program, target, large, 8, false));
  const kPlain = Math.log(pLarge / pSmall) / Math.log(large.length / small.length);
  console.log(
    `  same with plain arrays (no list views): 100 KB ${ms(pSmall)}, 1 MB ${ms(pLarge)} = ${x(pLarge, jsonLarge)} JSON.parse, coercion + sharing ${ms(pLarge - rawLarge)}; k = ${kPlain.toFixed(2)}`,
  );

  // (Short runs, so more of them: a stray collection is a large share of 10 ms.)
  const tWrite = bestCpuMs(15, () => writeAll(program, target, large, 8));
  const tWhole = bestCpuMs(15, () => writeAll(program, target, large, large.length));
  console.log(
    `write() every 8-char chunk + finish(), 1 MB: ${ms(tWrite)} = ${x(tWrite, tWhole)} the same parser fed the whole text in one write (${ms(tWhole)}; target < 2×), ${x(tWrite, tFinal)} parseFinal, ${x(tWrite, jsonLarge)} JSON.parse`,
  );
  console.log(
    `push() every 8-char chunk + finish() vs whole final parse (1 MB): ${x(tLarge, tFull)} the full path, ${x(tLarge, tFinal)} parseFinal`,
  );
}
