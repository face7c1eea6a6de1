// Schema-aligned parsing: the answer's text → raw value tree (./raw) → typed value (./coerce),
// and the streaming form of the same (./stream). This is what b.parse and b.parseStream call.
import type { Program, Type } from '../../ir/types.js';
import { Coercer, LIST_VIEW_MIN } from './coerce/coercer.js';
import { NOT_APPLICABLE, strictJsonCast } from './coerce/strict-json-cast.js';
import { parseRaw } from './raw/index.js';
import { strictStreamPlan } from './stream/strict-plan.js';
import { StrictStream } from './stream/strict-stream.js';
import { validationError } from './stream/validation-error.js';

export {
  createStreamParser,
  type StreamParser,
  type StreamParserOptions,
  UNCHANGED,
} from './stream/index.js';

/**
 * `b.parse`: the final value of `text` as `target`, or throws BamlValidationError (prompt '',
 * raw_output = text).
 *
 * @example parseFinal(program, { kind: 'primitive', name: 'int' }, 'The answer is 42.') // 42
 */
export function parseFinal(program: Program, target: Type, text: string): unknown {
  // Valid JSON that matches the type exactly: the same value, without the raw tree.
  const fast = strictJsonCast(program, target, text);
  if (fast !== NOT_APPLICABLE) return fast;
  const r = new Coercer(program, 'final').coerceRoot(target, parseRaw(text, true), text);
  if (!r.ok) throw validationError(r.issue, text);
  return r.value;
}

/**
 * `b.parseStream`: the partial value for `text` so far, or throws BamlValidationError where BAML
 * gives no partial (e.g. a bare number at the top level, a missing `@stream.not_null` field).
 */
export function parsePartial(program: Program, target: Type, text: string): unknown {
  // Strict JSON so far, read the same way by the fixing parser: the strict-JSON streaming
  // path's partial, which is the general path's (see stream/strict-stream.ts).
  const plan = strictStreamPlan(program, target);
  if (plan !== null) {
    const strict = new StrictStream(plan, LIST_VIEW_MIN);
    if (strict.feed(text) && strict.started) return strict.snapshot();
  }
  const r = new Coercer(program, 'partial').coerceRoot(target, parseRaw(text, false), text);
  if (!r.ok) throw validationError(r.issue, text);
  return r.value;
}
