// Stage A (raw parser) throughput: the final parse of ~1 MB of pretty-printed JSON against
// JSON.parse on the same text in the same run, and the same text fed in 8-character chunks
// (with a partial tree requested after every chunk, as a stream consumer does) against whole.
import { performance } from 'node:perf_hooks';
import { parseRaw, RawParser } from '../src/runtime/parse/raw/index.js';

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

/** Splits the text beforehand: a stream delivers chunk strings, slicing is not parser work. */
function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function chunked(chunks: string[], withRoots: boolean): void {
  const parser = new RawParser();
  for (const chunk of chunks) {
    parser.push(chunk);
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
  const chunks = chunksOf(text, 8);
  const chunkMs = best(5, () => chunked(chunks, false));
  const chunkRootMs = best(3, () => chunked(chunks, true));
  const f = (n: number): string => `${n.toFixed(0)} ms`;
  const vsJson = (n: number): string => `${(n / jsonMs).toFixed(1)}× JSON.parse`;
  const perMb = (n: number): string => `${(n / (text.length / 1e6)).toFixed(0)} ms/MB`;
  console.log(`JSON.parse ${mb} MB: ${f(jsonMs)} (1.0×)`);
  console.log(`raw ${mb} MB whole: ${f(wholeMs)} (${vsJson(wholeMs)})`);
  console.log(
    `raw ${mb} MB in 8-char chunks + finish: ${f(chunkMs)} (${vsJson(chunkMs)}, ${(chunkMs / wholeMs).toFixed(1)}× whole)`,
  );
  console.log(
    `raw ${mb} MB in 8-char chunks, root() after each: ${f(chunkRootMs)} (${vsJson(chunkRootMs)}, ${(chunkRootMs / wholeMs).toFixed(1)}× whole, ${perMb(chunkRootMs)})`,
  );
}
