// tsbaml against its peers, measured in this run on this machine (not quoted from a survey):
// every library streams the same pretty-printed JSON array (bench/lib/items.ts, the generator
// parser-stream uses, at the peer survey's sizes) in 8-character chunks and produces its best
// "partial value so far" after EVERY chunk. Figures are process CPU (user + system) for the
// whole stream, best of a few runs after a warm-up (the linear libraries run the smaller sizes
// back to back, as many streams as make 1 MB, per timing); the ratio column divides by tsbaml's figure
// at 106 KB, and k is the growth exponent (t ∝ n^k) between the two largest sizes each ran.
//
// Peers (npm devDependencies, pinned):
// - ai (Vercel AI SDK) `await parsePartialJson(text)` on the accumulated text per chunk, which is
//   what its streamText / streamObject run per text delta;
// - partial-json       `parse(text, Allow.ALL)` on the accumulated text per chunk;
// - jsonrepair         `JSON.parse(jsonrepair(text))` on the accumulated text per chunk;
// - best-effort-json-parser `parse(text)` on the accumulated text per chunk;
// - @streamparser/json Tokenizer + TokenParser fed each chunk, the partial being its live,
//   mutable root (no snapshot, strings only once closed): the strict incremental floor, for
//   reference, not a usable snapshot stream.
//
// The four reparse peers are quadratic: run in full at 106 KB they take ~160 s of CPU between
// them here, so by default their 106 KB figure is SAMPLED: the partial is built after every
// SAMPLE-th chunk (and the last), and the CPU time is scaled by chunks / partials built. That is
// an estimate of the full figure because these peers are stateless (each partial is a pure
// function of the text so far, so the total is the sum of independent per-prefix costs); the
// same estimate is taken at 11 KB and printed against the full 11 KB figure as a check. They are
// skipped at 1 MB (~25-100 min each). `BENCH_PEERS_SAMPLE=1` runs every chunk at 106 KB too
// (about 3 minutes); `BENCH_PEERS_SAMPLE=n` samples 1 in n.
import { isDeepStrictEqual } from 'node:util';
import { Tokenizer, TokenParser } from '@streamparser/json';
import { parsePartialJson } from 'ai';
import { parse as bestEffortParse, disableErrorLogging } from 'best-effort-json-parser';
import { jsonrepair } from 'jsonrepair';
import { Allow, parse as partialJsonParse } from 'partial-json';
import { createStreamParser } from '../src/runtime/parse/index.js';
import { batchedCpuMsAsync, chunksOf, itemsSchema, makeItemsText } from './lib/items.js';

const CHUNK = 8;

/**
 * Streams `chunks` and returns the final value (the partial after the last chunk) and how many
 * partials were built. `every` > 1 builds one after every `every`-th chunk and the last only
 * (stateless peers); the others ignore it and build one per chunk.
 */
type Outcome = { final: unknown; partials: number };
type Run = (chunks: readonly string[], every?: number) => Outcome | Promise<Outcome>;

interface Peer {
  name: string;
  /** Linear peers also run at 1 MB; quadratic ones are skipped there. */
  linear: boolean;
  /** Runs (best of) at 106 KB and 1 MB, fewer for the slow peers; 3 at 11 KB for all. */
  repeats: number;
  run: Run;
}

/**
 * Partials from reparsing the accumulated text per chunk. A prefix that throws (or, for the AI
 * SDK's async parse, gives undefined) keeps the last partial. Sync parses are awaited too: one
 * microtask per partial, nothing beside these peers' per-partial cost.
 */
function reparseEveryChunk(parse: (text: string) => unknown): Run {
  return async (chunks, every = 1) => {
    let text = '';
    let partial: unknown;
    let partials = 0;
    const last = chunks.length - 1;
    for (let i = 0; i <= last; i++) {
      text += chunks[i];
      if ((i + 1) % every !== 0 && i !== last) continue;
      partials++;
      try {
        const value = await parse(text);
        if (value !== undefined) partial = value;
      } catch {
        // No partial for this prefix: the consumer keeps the previous one.
      }
    }
    return { final: partial, partials };
  };
}

/** The token parser's internals: its live root is the bottom of the container stack. */
interface TokenParserInternals {
  stack: { value: unknown }[];
  value: unknown;
}

function streamparserRun(chunks: readonly string[]): { final: unknown; partials: number } {
  const tokenizer = new Tokenizer();
  const tokens = new TokenParser({ paths: ['$'] });
  let done: unknown;
  tokenizer.onToken = tokens.write.bind(tokens);
  tokenizer.onEnd = () => {
    if (!tokens.isEnded) tokens.end();
  };
  tokens.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  tokens.onValue = ({ value }) => {
    done = value;
  };
  const internals = tokens as unknown as TokenParserInternals;
  let partial: unknown;
  for (const chunk of chunks) {
    tokenizer.write(chunk);
    // stack[0] holds the (undefined) parent of the root; inside the root, it is `value`.
    const { stack } = internals;
    partial = stack.length > 1 ? stack[1]!.value : stack.length === 1 ? internals.value : done;
  }
  if (!tokenizer.isEnded) tokenizer.end();
  return { final: done ?? partial, partials: chunks.length };
}

const fmtMs = (t: number): string =>
  t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(t < 100 ? 1 : 0)} ms`;
const fmtRatio = (r: number): string => (r >= 10 ? `${Math.round(r)}×` : `${r.toFixed(2)}×`);
const kb = (text: string): string =>
  text.length >= 1_000_000
    ? `${(text.length / 1_000_000).toFixed(2)} MB`
    : `${Math.round(text.length / 1000)} KB`;

/** Prints the side-by-side table. */
export default async function run(): Promise<void> {
  disableErrorLogging(); // best-effort-json-parser logs every unparsable prefix otherwise
  const { program, target } = itemsSchema();
  const sample = Math.max(1, Number(process.env.BENCH_PEERS_SAMPLE ?? 4) || 1);
  const started = performance.now();

  const tsbamlRun: Run = (chunks) => {
    const parser = createStreamParser(program, target);
    for (const chunk of chunks) parser.push(chunk);
    return { final: parser.finish().value, partials: chunks.length };
  };
  const peers: Peer[] = [
    { name: 'tsbaml createStreamParser push()', linear: true, repeats: 5, run: tsbamlRun },
    {
      name: '@streamparser/json live root (strict floor)',
      linear: true,
      repeats: 5,
      run: streamparserRun,
    },
    {
      name: 'ai (Vercel AI SDK) parsePartialJson(text)',
      linear: false,
      repeats: 1,
      // undefined when even the repair fails: the consumer keeps the previous partial.
      run: reparseEveryChunk(async (t) => (await parsePartialJson(t)).value),
    },
    {
      name: 'partial-json parse(text, Allow.ALL)',
      linear: false,
      repeats: 1,
      run: reparseEveryChunk((t) => partialJsonParse(t, Allow.ALL)),
    },
    {
      name: 'jsonrepair(text) + JSON.parse',
      linear: false,
      repeats: 1,
      run: reparseEveryChunk((t) => JSON.parse(jsonrepair(t))),
    },
    {
      name: 'best-effort-json-parser parse(text)',
      linear: false,
      repeats: 1,
      run: reparseEveryChunk((t) => bestEffortParse(t)),
    },
  ];

  // 10.8 KB, 105.6 KB and 1.05 MB: the sizes of the peer survey (/work/shared/peers.md).
  const texts = [makeItemsText(9_350), makeItemsText(92_800), makeItemsText(927_000)];
  const chunked = texts.map((t) => chunksOf(t, CHUNK));
  const expected = texts.map((t) => JSON.parse(t) as unknown);

  // Warm up every library's JIT (the linear ones on the 106 KB input: they are fast, and a
  // streaming parser's JIT takes a few streams of that size to settle).
  const warmSmall = chunksOf(makeItemsText(3_000), CHUNK);
  for (const peer of peers) {
    for (let i = 0; i < 4; i++) await peer.run(peer.linear ? chunked[1]! : warmSmall);
  }

  /** CPU ms of one size (scaled up when sampled) and whether the final value was right. */
  const measure = async (peer: Peer, s: number, repeats: number, every: number) => {
    let result: Outcome = { final: undefined, partials: 1 };
    // Linear peers run the smaller sizes back to back, as many streams as make 1 MB, so each
    // figure carries its share of garbage collection (see batchedCpuMs).
    const batch = peer.linear ? Math.round(texts[2]!.length / texts[s]!.length) : 1;
    const t = await batchedCpuMsAsync(repeats, batch, async () => {
      result = await peer.run(chunked[s]!, every);
    });
    return {
      ms: (t * chunked[s]!.length) / result.partials,
      ok: isDeepStrictEqual(result.final, expected[s]),
    };
  };

  console.log(
    `each library builds a partial after every ${CHUNK}-char chunk; CPU ms, best of ${peers[0]!.repeats} (3 at 11 KB, 1 for the quadratic peers at 106 KB); sizes ${texts.map((t, i) => `${kb(t)} = ${chunked[i]!.length} chunks`).join(', ')}`,
  );
  const rows: { peer: Peer; times: (number | undefined)[]; sampled: boolean; ok: boolean }[] = [];
  const checks: string[] = [];
  for (const peer of peers) {
    const times: (number | undefined)[] = [];
    let ok = true;
    let sampled = false;
    for (let s = 0; s < texts.length; s++) {
      if (s === 2 && !peer.linear) {
        times.push(undefined);
        continue;
      }
      const every = s === 1 && !peer.linear ? sample : 1;
      const m = await measure(peer, s, s === 0 ? 3 : peer.repeats, every);
      times.push(m.ms);
      ok &&= m.ok;
      if (every > 1) {
        sampled = true;
        const check = await measure(peer, 0, 3, every);
        checks.push(`${peer.name.split(' ')[0]} ${fmtRatio(check.ms / times[0]!)}`);
      }
    }
    rows.push({ peer, times, sampled, ok });
  }

  const base = rows[0]!.times[1]!;
  const header = [
    'library',
    ...texts.map(kb),
    'ratio to tsbaml @ 106 KB',
    'k (two largest sizes run)',
    'final = JSON.parse',
  ];
  const table = rows.map(({ peer, times, sampled, ok }) => {
    const ran = times.flatMap((t, i) => (t === undefined ? [] : [i]));
    const [a, b] = ran.slice(-2);
    const k =
      a === undefined || b === undefined
        ? 'n/a'
        : (Math.log(times[b]! / times[a]!) / Math.log(texts[b]!.length / texts[a]!.length)).toFixed(
            2,
          );
    const approx = (i: number): string => (sampled && i === 1 ? '≈ ' : '');
    const mid = times[1];
    return [
      peer.name,
      ...times.map((t, i) => (t === undefined ? 'skipped (quadratic)' : approx(i) + fmtMs(t))),
      mid === undefined ? 'n/a' : approx(1) + fmtRatio(mid / base),
      approx(1) + k,
      ok ? 'ok' : 'MISMATCH',
    ];
  });
  printTable(header, table);
  const ours = rows[0]!.times;
  const aiSdk = rows.find((r) => r.peer.name.startsWith('ai '))?.times[1];
  const growth = ours[2]! / ours[1]!;
  console.log(
    `issue #4 targets: tsbaml ${fmtMs(ours[1]!)} at ${kb(texts[1]!)} (≤ 40 ms), ${fmtMs(ours[2]!)} at ${kb(texts[2]!)} (≤ 250 ms), growth ${growth.toFixed(1)}× (≤ 12×); AI SDK / tsbaml at ${kb(texts[1]!)}: ${aiSdk === undefined ? 'n/a' : fmtRatio(aiSdk / ours[1]!)} (≥ 100×)`,
  );
  if (checks.length > 0) {
    console.log(
      `≈ sampled: a partial after 1 in ${sample} chunks (and the last), CPU scaled by ${sample} (BENCH_PEERS_SAMPLE=1 for every chunk, ~3 min); the same estimate at 11 KB over the full 11 KB figure: ${checks.join(', ')}`,
    );
  }
  console.log(`(peers section: ${((performance.now() - started) / 1000).toFixed(0)} s wall)`);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`,
  );
  for (const r of rows) console.log(line(r));
}
