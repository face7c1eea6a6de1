// Incremental partials for one streamed answer. The raw parser keeps its state across chunks and
// mutates only the open spine of the raw tree; the partial-mode coercer memoises every result on
// raw nodes, so a push re-coerces only the open spine (plus the new tail of growing lists) and
// every finished subtree keeps its output object. The visible value is compared with the last one
// on the spine, by identity wherever the subtrees are shared, never by serialising.
//
// Feeding and materialising are separate: `write` only scans (the raw stage, no tree is built),
// `current` builds the partial for everything written so far (nothing at all when nothing was
// written since the last one). `finish` runs one
// final-mode coercion over the finished raw tree: when the answer is valid JSON that tree is a
// fresh strict-JSON parse (new nodes), so there is nothing streamed to reuse; otherwise final
// and partial coercions of a node differ for most types (required fields, withheld values,
// scores), so the final pass is one linear walk rather than a reuse of partial results.
import type { Program, Type } from '../../../ir/types.js';
import { Coercer } from '../coerce/coercer.js';
import { NOT_APPLICABLE, strictJsonCast } from '../coerce/strict-json-cast.js';
import { RawParser } from '../raw/index.js';
import { shareStructure } from './share-structure.js';
import { validationError } from './validation-error.js';

/** Returned by `push` / `current` when the visible partial did not change (or no partial exists yet). */
export const UNCHANGED: unique symbol = Symbol('tsbaml.unchanged');

/**
 * Feeds an answer chunk by chunk and yields partials. Feeding (`write`) and materialising a
 * partial (`current`) are separate: a consumer that is not ready for a partial pays only for
 * scanning the text, and `current()` later hands over the newest partial, coalescing the ones
 * nobody asked for.
 */
export interface StreamParser {
  /** Feeds a chunk without building a partial (work proportional to the chunk). */
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
  const raw = new RawParser();
  const coercer = new Coercer(program, 'partial', false, options);
  let last: unknown = UNCHANGED;
  // Text written since the last partial was built (nothing visible can change otherwise); true
  // at first, so the first `current()` gives the partial of no text at all (as before).
  let dirty = true;

  const current = (): unknown => {
    if (!dirty) return UNCHANGED;
    dirty = false;
    const r = coercer.coerceRoot(target, raw.root(), raw.text);
    if (!r.ok) return UNCHANGED;
    const shared = last === UNCHANGED ? r.value : shareStructure(last, r.value);
    if (shared === last) return UNCHANGED;
    last = shared;
    return shared;
  };

  const write = (chunk: string): void => {
    raw.push(chunk); // (throws after finish, as before)
    if (chunk.length > 0) dirty = true;
  };

  return {
    write,
    current,
    push(chunk: string) {
      write(chunk);
      return current();
    },
    finish() {
      raw.finish();
      // Valid JSON matching the type exactly: the same final value, without the raw tree.
      const fast = usesWithState(program)
        ? NOT_APPLICABLE
        : strictJsonCast(program, target, raw.text);
      if (fast !== NOT_APPLICABLE) {
        const shared = last === UNCHANGED ? fast : shareStructure(last, fast);
        const partial = shared === last ? UNCHANGED : shared;
        last = shared;
        return { value: fast, partial };
      }
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
      return raw.text;
    },
  };
}
