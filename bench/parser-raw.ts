// Stage A (raw parser) throughput: the final parse of ~1 MB of pretty-printed JSON against
// JSON.parse on the same text in the same run, and the same text fed in 8-character chunks
// (with a partial tree requested after every chunk, as a stream consumer does) against whole.
import { performance } from 'node:perf_hooks';
import { RawParser, parseRaw } from '../src/runtime/parse/raw/index.js';

/** ~120-byte records with a nested object, an array, an escaped string and a negative float. */
export function benchJson(targetBytes: number): string {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = {
      id: i,
      name: `item "${i}"\tx`,
      tags: ['a', 'b'],
      pos: { x: -(i % 97) / 7, y: i % 13 },
      ok: i % 2 === 0,
    };
    items.push(item);
    size += JSON.stringify(item, null, 2).length + 4;
  }
  return JSON.stringify(items, null, 2);
}

function best(runs: number, fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function chunked(text: string, size: number, withRoots: boolean): void {
  const parser = new RawParser();
  for (let i = 0; i < text.length; i += size) {
    parser.push(text.slice(i, i + size));
    if (withRoots) parser.root();
  }
  parser.finish();
  parser.root();
}

/** Prints the stage-A figures. */
export default async function run(): Promise<void> {
  const text = benchJson(1_000_000);
  const mb = (text.length / 1e6).toFixed(2);
  // warm up
  for (let i = 0; i < 3; i++) {
    parseRaw(text.slice(0, 50_000), true);
    JSON.parse(text);
  }
  const jsonMs = best(5, () => JSON.parse(text));
  const wholeMs = best(5, () => parseRaw(text, true));
  const chunkMs = best(3, () => chunked(text, 8, false));
  const chunkRootMs = best(3, () => chunked(text, 8, true));
  const f = (n: number): string => `${n.toFixed(0)} ms`;
  console.log(`raw ${mb} MB whole: ${f(wholeMs)} (JSON.parse ${f(jsonMs)}, ${(wholeMs / jsonMs).toFixed(1)}×)`);
  console.log(`raw ${mb} MB in 8-char chunks + finish: ${f(chunkMs)} (${(chunkMs / wholeMs).toFixed(1)}× whole)`);
  console.log(
    `raw ${mb} MB in 8-char chunks, root() after each: ${f(chunkRootMs)} (${(chunkRootMs / wholeMs).toFixed(1)}× whole)`,
  );
}
