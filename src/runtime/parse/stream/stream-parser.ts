// Incremental partials for one streamed answer. The raw parser keeps its state across chunks and
// mutates only the open spine of the raw tree; the partial-mode coercer memoises every result on
// raw nodes, so a push re-coerces only the open spine (plus the new tail of growing lists) and
// every finished subtree keeps its output object. The visible value is compared with the last one
// on the spine, by identity wherever the subtrees are shared, never by serialising.
import type { Program, Type } from '../../../ir/types.js';
import { Coercer } from '../coerce/coercer.js';
import { RawParser } from '../raw/index.js';
import { shareStructure } from './share-structure.js';
import { validationError } from './validation-error.js';

/** Returned by `push` when the visible partial did not change (or no partial exists yet). */
export const UNCHANGED: unique symbol = Symbol('tsbaml.unchanged');

/** Feeds an answer chunk by chunk and yields partials. */
export interface StreamParser {
  /** The new partial, or UNCHANGED when the visible value did not change (or none exists yet). */
  push(chunk: string): unknown | typeof UNCHANGED;
  /**
   * Ends the answer. `value` is the final parse (throws BamlValidationError with raw_output);
   * `partial` is the final value in partial form when it differs from the last partial.
   */
  finish(): { value: unknown; partial: unknown | typeof UNCHANGED };
  /** Everything pushed so far. */
  readonly text: string;
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
 */
export function createStreamParser(program: Program, target: Type): StreamParser {
  const raw = new RawParser();
  const coercer = new Coercer(program, 'partial');
  let last: unknown = UNCHANGED;

  const emit = (): unknown => {
    const r = coercer.coerceRoot(target, raw.root(), raw.text);
    if (!r.ok) return UNCHANGED;
    const shared = last === UNCHANGED ? r.value : shareStructure(last, r.value);
    if (shared === last) return UNCHANGED;
    last = shared;
    return shared;
  };

  return {
    push(chunk: string) {
      raw.push(chunk);
      return emit();
    },
    finish() {
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
      return raw.text;
    },
  };
}
