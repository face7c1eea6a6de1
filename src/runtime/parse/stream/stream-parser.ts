// Incremental partials for one streamed answer, on one of two paths. Most answers are read on the
// strict-JSON streaming path (strict-stream.ts: one typed scanner, exact while the fixing
// parser reads the text the same way); at the first character where that stops being provable,
// the whole text goes to the general path below, once.
//
// The general path: the raw parser keeps its state across chunks and
// mutates only the open spine of the raw tree; the partial-mode coercer memoises every result on
// raw nodes, so a push re-coerces only the open spine (plus the new tail of growing lists) and
// every finished subtree keeps its output object. The visible value is compared with the last one
// on the spine, by identity wherever the subtrees are shared, never by serialising. A push after
// which the coercion would read the very same raw node at the same `rev` (blanks, a half-typed
// key) returns UNCHANGED without coercing at all.
//
// Feeding and materialising are separate: `write` only keeps the chunk, `current` scans what was
// written since the last partial (the raw stage; the tree does not depend on how the text was
// chunked) and builds the partial (nothing at all when nothing was written since the last one).
// `finish` first tries the strict-JSON fast path (valid JSON that matches the type exactly; see
// coerce/strict-json-cast.ts), which needs no raw tree. Otherwise it runs one final-mode
// coercion over the finished raw tree: when the answer is valid JSON that tree is a fresh
// strict-JSON parse (new nodes), so there is nothing streamed to reuse; otherwise final and
// partial coercions of a node differ for most types (required fields, withheld values, scores),
// so the final pass is one linear walk rather than a reuse of partial results.
import type { Program, Type } from '../../../ir/types.js';
import { Coercer, LIST_VIEW_MIN } from '../coerce/coercer.js';
import { NOT_APPLICABLE, strictJsonCast } from '../coerce/strict-json-cast.js';
import { RawParser } from '../raw/index.js';
import { GrowingText } from './growing-text.js';
import { shareStructure } from './share-structure.js';
import { strictStreamPlan } from './strict-plan.js';
import { StrictStream } from './strict-stream.js';
import { validationError } from './validation-error.js';

/** Returned by `push` / `current` when the visible partial did not change (or no partial exists yet). */
export const UNCHANGED: unique symbol = Symbol('tsbaml.unchanged');

/**
 * Feeds an answer chunk by chunk and yields partials. Feeding (`write`) and materialising a
 * partial (`current`) are separate: a consumer that is not ready for a partial pays nothing
 * per chunk, and `current()` later scans what arrived and hands over the newest partial,
 * coalescing the ones nobody asked for.
 */
export interface StreamParser {
  /** Feeds a chunk without building a partial (the chunk is scanned by the next `current`). */
  write(chunk: string): void;
  /**
   * The partial for everything written so far, or UNCHANGED when it is visibly the same as the
   * last one returned (or none exists yet). Unchanged subtrees keep their identity (`===`).
   */
  current(): unknown | typeof UNCHANGED;
  /** `write(chunk)` then `current()`. */
  push(chunk: string): unknown | typeof UNCHANGED;
  /**
   * Ends the answer. `value` is the final parse (throws BamlValidationError with raw_output);
   * `partial` is the final value in partial form when it differs from the last partial.
   */
  finish(): { value: unknown; partial: unknown | typeof UNCHANGED };
  /** Everything written so far. */
  readonly text: string;
}

/** Tuning options (the partials are the same either way). */
export interface StreamParserOptions {
  /** Long lists in partials as read-only views (default) or as plain arrays copied on change. */
  listViews?: boolean;
  /**
   * Read the answer on the strict-JSON streaming path while it is a strict JSON prefix that the
   * fixing parser reads the same way (default), handing over to the general path at the first
   * character where they could differ. False: always the general path (tests, benchmarks).
   */
  strictStream?: boolean;
}

/** Marks a parser that is still on the strict-JSON streaming path (read by `onStrictPath`). */
const ON_STRICT_PATH: unique symbol = Symbol('tsbaml.onStrictPath');

/** Whether `parser` still reads its answer on the strict-JSON streaming path (for tests). */
export function onStrictPath(parser: StreamParser): boolean {
  return (parser as { [ON_STRICT_PATH]?: () => boolean })[ON_STRICT_PATH]?.() === true;
}

function usesWithState(program: Program): boolean {
  return Object.values(program.classes).some((c) =>
    c.fields.some((f) => f.type.attrs?.streamWithState),
  );
}

/**
 * Creates a parser for one streamed answer of type `target`.
 *
 * @example
 * const p = createStreamParser(program, program.functions.F.returnType);
 * for (const chunk of chunks) { const v = p.push(chunk); if (v !== UNCHANGED) render(v); }
 * const { value } = p.finish();
 *
 * @example
 * // Pull-based: feed as text arrives, build a partial only when the consumer asks for one.
 * p.write(chunk);
 * if (consumerReady) { const v = p.current(); if (v !== UNCHANGED) render(v); }
 */
export function createStreamParser(
  program: Program,
  target: Type,
  options: StreamParserOptions = {},
): StreamParser {
  let raw = new RawParser();
  let coercer = new Coercer(program, 'partial', false, options);
  let last: unknown = UNCHANGED;
  // Text written since the last partial was built (nothing visible can change otherwise); true
  // at first, so the first `current()` gives the partial of no text at all (as before).
  let dirty = true;
  // Chunks written but not yet scanned: the raw stage reads them when a partial (or, when the
  // strict-JSON fast path does not apply, the final tree) is asked for. Stage A gives the same
  // tree however the text is chunked, so scanning late changes nothing but when the work is
  // done; a stream nobody reads partials of, with a valid-JSON answer, is never scanned.
  // (A concatenation: flattened once when it is scanned or parsed; cheaper than an array join.)
  let pending = '';
  let finished = false;
  // The strict-JSON streaming path (strict-stream.ts), while it reads the answer; `strictText`
  // is what it has read. Before the top-level value opens (blanks, prose, a fence line: see
  // answer-frame.ts) the general path gives the partials too, and once the strict path gives
  // up, the general path gets the whole text.
  const plan = options.strictStream === false ? null : strictStreamPlan(program, target);
  let strict: StrictStream | undefined =
    plan === null
      ? undefined
      : new StrictStream(
          plan,
          options.listViews === false ? Number.POSITIVE_INFINITY : LIST_VIEW_MIN,
        );
  const strictText = new GrowingText();
  // Whether `last` is the strict path's own snapshot: it changes exactly when something visible
  // changed and keeps every unchanged subtree, so it needs no comparison with the last one.
  let lastIsStrict = false;

  /** Leaves the strict path: the general path reads everything so far, from scratch. */
  const toGeneral = (): void => {
    if (strict === undefined) return;
    strict = undefined;
    raw = new RawParser();
    coercer = new Coercer(program, 'partial', false, options);
    pending = strictText.take() + pending;
  };
  const scanPending = (): void => {
    if (pending.length === 0) return;
    raw.push(pending);
    pending = '';
  };
  const allText = (): string => {
    const read = strict === undefined ? raw.text : strictText.text;
    return pending.length === 0 ? read : read + pending;
  };
  const share = (value: unknown): unknown => {
    const shared = last === UNCHANGED ? value : shareStructure(last, value);
    if (shared === last) return UNCHANGED;
    last = shared;
    return shared;
  };

  const generalCurrent = (): unknown => {
    scanPending();
    const root = raw.root();
    // Nothing the coercion reads changed (whitespace, a half-typed key): the same partial.
    if (coercer.sameRootAsLast(target, root)) return UNCHANGED;
    const r = coercer.coerceRoot(target, root, raw.text);
    if (!r.ok) return UNCHANGED;
    return share(r.value);
  };

  const current = (): unknown => {
    if (!dirty) return UNCHANGED;
    dirty = false;
    if (strict === undefined) return generalCurrent();
    const chunk = pending;
    strictText.append(chunk);
    if (!strict.feed(chunk)) {
      pending = '';
      lastIsStrict = false;
      toGeneral();
      return generalCurrent();
    }
    if (!strict.started) return generalCurrent(); // the frame so far: the raw stage reads it too
    pending = '';
    if (!strict.changed) return UNCHANGED;
    const snapshot = strict.snapshot();
    if (lastIsStrict) {
      if (snapshot === last) return UNCHANGED;
      last = snapshot;
      return snapshot;
    }
    lastIsStrict = true;
    const first = share(snapshot);
    strict.adopt(last);
    return first;
  };

  const write = (chunk: string): void => {
    if (finished) throw new Error('RawParser: push after finish');
    if (chunk.length === 0) return;
    pending += chunk;
    dirty = true;
  };

  const parser: StreamParser & { [ON_STRICT_PATH]: () => boolean } = {
    write,
    current,
    push(chunk: string) {
      write(chunk);
      return current();
    },
    finish() {
      finished = true;
      // Valid JSON matching the type exactly: the same final value, without the raw tree.
      const withState = usesWithState(program);
      let fast = withState ? NOT_APPLICABLE : strictJsonCast(program, target, allText());
      if (fast === NOT_APPLICABLE && !withState && strict !== undefined) {
        // A framed answer (prose, fence lines): the strict path reads what was written since
        // the last partial (or gives up), and gives the value's own text when the final parse
        // provably reads the value alone (see answer-frame.ts).
        if (pending.length > 0) {
          const chunk = pending;
          strictText.append(chunk);
          pending = '';
          if (!strict.feed(chunk)) {
            lastIsStrict = false;
            toGeneral();
          }
        }
        const json = strict?.valueText(strictText.text) ?? null;
        if (json !== null) fast = strictJsonCast(program, target, json);
      }
      if (fast !== NOT_APPLICABLE) {
        // The strict path read the whole answer and its last partial was handed out: that
        // partial is already the exact reading of the text, which is what `fast` is.
        if (
          strict?.done === true &&
          pending.length === 0 &&
          lastIsStrict &&
          strict.snapshot() === last
        )
          return { value: fast, partial: UNCHANGED };
        const shared = last === UNCHANGED ? fast : shareStructure(last, fast);
        const partial = shared === last ? UNCHANGED : shared;
        last = shared;
        return { value: fast, partial };
      }
      toGeneral();
      scanPending();
      raw.finish();
      const root = raw.root();
      const final = new Coercer(program, 'final').coerceRoot(target, root, raw.text);
      if (!final.ok) throw validationError(final.issue, raw.text);
      // BAML's last partial is the final value in partial form (with_state wrappers, Complete
      // or Pending); without with_state fields anywhere that is the final value itself.
      const partial = usesWithState(program)
        ? new Coercer(program, 'final', true).coerceRoot(target, root, raw.text)
        : final;
      let p: unknown = UNCHANGED;
      if (partial.ok) {
        const shared = last === UNCHANGED ? partial.value : shareStructure(last, partial.value);
        if (shared !== last) {
          last = shared;
          p = shared;
        }
      }
      return { value: final.value, partial: p };
    },
    get text() {
      return allText();
    },
    [ON_STRICT_PATH]: () => strict?.started === true,
  };
  return parser;
}
