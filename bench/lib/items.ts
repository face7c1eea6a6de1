// Shared by the bench modules: the `Item[]` schema and the pretty-printed JSON array that
// bench/parser-stream.ts and bench/peers.ts stream, plus CPU timing.
import { compile } from '../../src/compiler/index.js';
import type { Program, Type } from '../../src/ir/types.js';

export const ITEMS_SOURCE = `
class Meta {
  source string
  score float
}

class Item {
  id int
  name string
  tags string[]
  meta Meta
  delta float
}

function Items(input: string) -> Item[] {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;

/** The compiled bench schema and the `Item[]` return type of `Items`. */
export function itemsSchema(): { program: Program; target: Type } {
  const { program } = compile([{ path: 'bench.baml', text: ITEMS_SOURCE }]);
  const fn = program?.functions.Items;
  if (!program || !fn) throw new Error('bench schema does not compile');
  return { program, target: fn.returnType };
}

/**
 * A pretty-printed (2-space) JSON array of items of about `bytes` characters, with escapes,
 * nested objects and lists, negative and fractional numbers. Shared by every parser bench.
 */
export function makeItemsText(bytes: number): string {
  const items: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = {
      id: i,
      name: `item "${i}"\n\tline`,
      tags: ['alpha', `t${i % 7}`],
      meta: { source: 'gen', score: (i % 13) / 3 },
      delta: -((i % 97) + 0.25),
    };
    items.push(item);
    size += JSON.stringify(item, null, 2).length + 4;
  }
  return JSON.stringify(items, null, 2);
}

/** Process CPU time (user + system) of one call, in ms. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Best of `n` runs: the machine is shared, the minimum is the least disturbed figure. */
export function bestCpuMs(n: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) best = Math.min(best, cpuMs(fn));
  return best;
}

/** Process CPU time of one awaited call, in ms (includes the microtask turns it awaits). */
export async function cpuMsAsync(fn: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Best of `n` runs of an async call. */
export async function bestCpuMsAsync(n: number, fn: () => Promise<void>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) best = Math.min(best, await cpuMsAsync(fn));
  return best;
}

/** `text` cut into chunks of `size` characters (the last may be shorter). */
export function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * CPU ms per call of `fn`, called `batch` times back to back: the best of `n` such batches.
 * Short runs are batched so that each carries its share of garbage collection, as a long run
 * does: one short run can fall between two collections, and the best of a few single runs is
 * then the one that did (measured: ten 100 KB streams back to back cost about as much as one
 * 1 MB stream, while the best single 100 KB stream costs a third less than its share).
 */
export function batchedCpuMs(n: number, batch: number, fn: () => void): number {
  return (
    bestCpuMs(n, () => {
      for (let i = 0; i < batch; i++) fn();
    }) / batch
  );
}

/** `batchedCpuMs` of an async call. */
export async function batchedCpuMsAsync(
  n: number,
  batch: number,
  fn: () => Promise<void>,
): Promise<number> {
  const t = await bestCpuMsAsync(n, async () => {
    for (let i = 0; i < batch; i++) await fn();
  });
  return t / batch;
}
