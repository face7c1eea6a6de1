// Differential harness for the strict-JSON streaming path: one answer fed to two stream parsers,
// the default one (strict-JSON streaming path where it applies) and one forced onto the general
// path (`strictStream: false`), compared call by call. They must agree exactly: UNCHANGED at the
// same calls, otherwise values equal by `valueDiff` (key order, -0, prototypes) that keep the
// same subtrees of the previous partial (`===`, support/sharing.ts); the same `finish()` value
// and partial (or UNCHANGED), or the same thrown error class and message.
import type { Program, Type } from '../../../src/ir/types.js';
import {
  createStreamParser,
  onStrictPath,
  type StreamParser,
  UNCHANGED,
} from '../../../src/runtime/parse/stream/index.js';
import { valueDiff } from './fast-path.js';
import { sharingDiff } from './sharing.js';

/** One call on both parsers. */
export type StreamOp =
  | { op: 'push'; chunk: string }
  | { op: 'write'; chunk: string }
  | { op: 'current' };

export interface StrictStreamResult {
  /** The first difference, with where it happened; null when the parsers agree throughout. */
  diff: string | null;
  /** Whether the default parser was still on the strict-JSON path after the last call. */
  fastTaken: boolean;
}

/** `push` of every chunk. */
export function pushes(chunks: readonly string[]): StreamOp[] {
  return chunks.map((chunk) => ({ op: 'push', chunk }));
}

/**
 * `write` of every chunk, with `current()` after every `every`-th write (twice in a row now and
 * then: the second must be UNCHANGED on both) and once at the end.
 */
export function writesThenCurrent(chunks: readonly string[], every: number): StreamOp[] {
  const ops: StreamOp[] = [];
  chunks.forEach((chunk, i) => {
    ops.push({ op: 'write', chunk });
    if (i % every === every - 1) {
      ops.push({ op: 'current' });
      if (i % (2 * every) === every - 1) ops.push({ op: 'current' });
    }
  });
  ops.push({ op: 'current' });
  return ops;
}

/** Pushes `chunks` into both parsers and finishes them (see `compareStrictStreamOps`). */
export function compareStrictStream(
  program: Program,
  target: Type,
  chunks: readonly string[],
): StrictStreamResult {
  return compareStrictStreamOps(program, target, pushes(chunks));
}

/** Makes the parser under test (`strict`) or the reference; tests of the harness swap it. */
export type MakeParser = (program: Program, target: Type, strict: boolean) => StreamParser;

const makeParser: MakeParser = (program, target, strict) =>
  strict
    ? createStreamParser(program, target)
    : createStreamParser(program, target, { strictStream: false });

/** Runs `ops` on both parsers, then `finish()`, and returns the first difference. */
export function compareStrictStreamOps(
  program: Program,
  target: Type,
  ops: readonly StreamOp[],
  make: MakeParser = makeParser,
): StrictStreamResult {
  const fast = make(program, target, true);
  const general = make(program, target, false);
  let text = '';
  // The last partials shown (for the sharing check).
  let lastA: unknown = UNCHANGED;
  let lastB: unknown = UNCHANGED;
  for (const [i, step] of ops.entries()) {
    if (step.op !== 'current') text += step.chunk;
    const a = outcome(() => apply(fast, step));
    const b = outcome(() => apply(general, step));
    let d = outcomeDiff(a, b);
    if (!d && a.ok && b.ok && shown(a.value)) {
      d = sharingDiff(lastA, a.value, lastB, b.value);
      lastA = a.value;
      lastB = b.value;
    }
    if (d) return { diff: where(i, ops.length, step, text, d), fastTaken: onStrictPath(fast) };
  }
  const fastTaken = onStrictPath(fast);
  if (fast.text !== general.text || fast.text !== text)
    return { diff: `text: ${tail(fast.text)} vs ${tail(general.text)}`, fastTaken };
  const a = outcome(() => fast.finish());
  const b = outcome(() => general.finish());
  let d = finishDiff(a, b);
  if (!d && a.ok && b.ok) {
    const pa = (a.value as { partial: unknown }).partial;
    const pb = (b.value as { partial: unknown }).partial;
    if (shown(pa)) d = sharingDiff(lastA, pa, lastB, pb);
  }
  return { diff: d ? `finish() after ${tail(text, 200)}:\n  ${d}` : null, fastTaken };
}

/** Whether a call returned a partial (not UNCHANGED, not a write). */
function shown(v: unknown): boolean {
  return v !== UNCHANGED && v !== undefined;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

function apply(p: StreamParser, step: StreamOp): unknown {
  switch (step.op) {
    case 'push':
      return p.push(step.chunk);
    case 'write':
      p.write(step.chunk);
      return undefined;
    case 'current':
      return p.current();
  }
}

/** Same return (UNCHANGED on both, or equal values) or same error. */
function outcomeDiff(a: Outcome, b: Outcome): string | null {
  if (!a.ok || !b.ok) return errorDiff(a, b);
  return returnDiff(a.value, b.value);
}

function returnDiff(a: unknown, b: unknown): string | null {
  if (a === UNCHANGED && b === UNCHANGED) return null;
  if (a === UNCHANGED || b === UNCHANGED)
    return `strict path ${brief(a)}, general path ${brief(b)}`;
  const d = valueDiff(a, b);
  return d ? `${d}\n  strict path: ${brief(a)}\n  general:     ${brief(b)}` : null;
}

function finishDiff(a: Outcome, b: Outcome): string | null {
  if (!a.ok || !b.ok) return errorDiff(a, b);
  const x = a.value as { value: unknown; partial: unknown };
  const y = b.value as { value: unknown; partial: unknown };
  const dv = valueDiff(x.value, y.value);
  if (dv) return `value ${dv}\n  strict path: ${brief(x.value)}\n  general:     ${brief(y.value)}`;
  const dp = returnDiff(x.partial, y.partial);
  return dp ? `partial ${dp}` : null;
}

function errorDiff(a: Outcome, b: Outcome): string | null {
  if (a.ok || b.ok) {
    const thrown = a.ok ? b : a;
    const side = a.ok ? 'general path' : 'strict path';
    return `only the ${side} threw: ${errorText((thrown as { error: unknown }).error)}`;
  }
  const ea = errorText(a.error);
  const eb = errorText(b.error);
  if (ea !== eb) return `errors differ:\n  strict path: ${ea}\n  general:     ${eb}`;
  const ra = (a.error as { raw_output?: unknown }).raw_output;
  const rb = (b.error as { raw_output?: unknown }).raw_output;
  return ra === rb ? null : `raw_output differs: ${brief(ra)} vs ${brief(rb)}`;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error ${brief(e)}`;
  return `${e.constructor.name}: ${e.message}`;
}

function where(i: number, n: number, step: StreamOp, text: string, d: string): string {
  const call = step.op === 'current' ? 'current()' : `${step.op}(${JSON.stringify(step.chunk)})`;
  return `step ${i + 1} of ${n}: ${call}, text so far (${text.length} chars) ${tail(text)}:\n  ${d}`;
}

/** The last `n` characters of a text, as a JSON string (with `…` when cut). */
function tail(text: string, n = 120): string {
  return text.length <= n ? JSON.stringify(text) : `…${JSON.stringify(text.slice(-n))}`;
}

function brief(v: unknown): string {
  if (v === UNCHANGED) return 'UNCHANGED';
  if (v === undefined) return 'undefined';
  let s: string;
  try {
    s = JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '-0' : x)) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length <= 300 ? s : `${s.slice(0, 150)} … ${s.slice(-150)}`;
}

// ---- chunkings ----------------------------------------------------------------------------

/** True when cutting at `at` would split a surrogate pair (a chunk never ends inside one). */
export function splitsPair(text: string, at: number): boolean {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff && at < text.length;
}

/** One chunk per code point. */
export function charChunks(text: string): string[] {
  return Array.from(text);
}

/** The text cut at the given points (sorted, in range; points inside a pair move right). */
export function cutAt(text: string, points: readonly number[]): string[] {
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    let at = Math.min(Math.max(p, from), text.length);
    if (splitsPair(text, at)) at++;
    if (at > from) chunks.push(text.slice(from, at));
    from = Math.max(from, at);
  }
  if (from < text.length || chunks.length === 0) chunks.push(text.slice(from));
  return chunks;
}

/** Chunks of `sizes[0]`, `sizes[1]`, … characters, cycling through `sizes` (each ≥ 1). */
export function sizedChunks(text: string, sizes: readonly number[]): string[] {
  const points: number[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    at += Math.max(1, sizes[i % sizes.length] ?? 1);
    if (splitsPair(text, at)) at++;
    points.push(at);
  }
  return cutAt(text, points);
}

/** Chunks of random sizes in [min, max], from a fixed seed (mulberry32). */
export function randomChunks(text: string, seed: number, min = 1, max = 16): string[] {
  const next = mulberry32(seed);
  const sizes: number[] = [];
  for (let at = 0; at < text.length; ) {
    const n = min + Math.floor(next() * (max - min + 1));
    sizes.push(n);
    at += n;
  }
  return sizedChunks(text, sizes.length > 0 ? sizes : [1]);
}

/** A small seeded PRNG: floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
