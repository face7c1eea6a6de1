// Stage B for scalars (spec §3.3): string (anything renders as one), int and float (numbers
// found in text, rounded for int), bool (true/false words), null (takes anything, last resort).

import type { Type } from '../../../ir/types.js';
import type { RawArray } from '../raw/raw-value.js';
import { fail, type Path, renderType } from './coerce-support.js';
import { type CoerceContext, type KindCoercer, leaf, notDone, STRICT } from './context.js';
import { bestItem } from './lists.js';
import { findNumber, roundHalfAwayFromZero } from './numbers.js';
import { type Result, withChanges } from './result.js';
import { renderLoose } from './text.js';

export const coerceString: KindCoercer = (cx, type, raw, ctx, path) => {
  if (raw.kind === 'string') return leaf(cx, type, raw, ctx, raw.value, 0);
  if ((ctx & STRICT) !== 0 || raw.kind === 'null') {
    return fail('invalid_type', path, type, raw, 'Expected a string');
  }
  return leaf(cx, type, raw, ctx, renderLoose(raw), 2, { weak: true });
};

/** Array input for a scalar target: the best element (§3.3). */
function bestElement(
  cx: CoerceContext,
  type: Type,
  raw: RawArray,
  ctx: number,
  path: Path,
): Result {
  const r = bestItem(cx, type, raw, ctx, path);
  if (!r)
    return fail(
      'invalid_type',
      path,
      type,
      raw,
      `Expected ${renderType(type)}, found a list without one`,
    );
  return withChanges(r, { score: r.score + 1 });
}

export const coerceNumber: KindCoercer<'primitive'> = (cx, type, raw, ctx, path) => {
  const isInt = type.name === 'int';
  const strict = (ctx & STRICT) !== 0;
  if (raw.kind === 'number') {
    if (isInt && !Number.isInteger(raw.value)) {
      if (strict) return fail('invalid_type', path, type, raw, 'Expected an integer');
      const nd = notDone(cx, type, raw, ctx, path);
      if (nd) return nd;
      return leaf(cx, type, raw, ctx, roundHalfAwayFromZero(raw.value), 1);
    }
    if (!strict) {
      const nd = notDone(cx, type, raw, ctx, path);
      if (nd) return nd;
    }
    return leaf(cx, type, raw, ctx, raw.value, 0);
  }
  if (strict) return fail('invalid_type', path, type, raw, `Expected ${type.name}`);
  if (raw.kind === 'array') return bestElement(cx, type, raw, ctx, path);
  if (raw.kind !== 'string') return fail('invalid_type', path, type, raw, `Expected ${type.name}`);
  const found = findNumber(raw.value);
  if (!found)
    return fail(
      'invalid_type',
      path,
      type,
      raw,
      `Could not find ${isInt ? 'an integer' : 'a number'} in the text`,
    );
  const nd = notDone(cx, type, raw, ctx, path);
  if (nd) return nd;
  let value = found.value;
  let score = found.fromProse ? 1 : 0;
  if (isInt && !Number.isInteger(value)) {
    value = roundHalfAwayFromZero(value);
    score += 1;
  }
  return leaf(cx, type, raw, ctx, value, score);
};

export const coerceBool: KindCoercer = (cx, type, raw, ctx, path) => {
  if (raw.kind === 'bool') return leaf(cx, type, raw, ctx, raw.value, 0);
  if ((ctx & STRICT) !== 0) return fail('invalid_type', path, type, raw, 'Expected a bool');
  if (raw.kind === 'array') return bestElement(cx, type, raw, ctx, path);
  if (raw.kind !== 'string') return fail('invalid_type', path, type, raw, 'Expected a bool');
  const text = raw.value.trim();
  let value: boolean | undefined;
  if (/^true$/i.test(text)) value = true;
  else if (/^false$/i.test(text)) value = false;
  else {
    const hasTrue = /true|True|TRUE/.test(text);
    const hasFalse = /false|False|FALSE/.test(text);
    if (hasTrue !== hasFalse) value = hasTrue;
  }
  if (value === undefined) return fail('invalid_type', path, type, raw, 'Expected a bool');
  const nd = notDone(cx, type, raw, ctx, path);
  if (nd) return nd;
  return leaf(cx, type, raw, ctx, value, 1);
};

export const coerceNull: KindCoercer = (cx, type, raw, ctx, path) => {
  if (raw.kind === 'null') return leaf(cx, type, raw, ctx, null, 0);
  if ((ctx & STRICT) !== 0) return fail('invalid_type', path, type, raw, 'Expected null');
  return leaf(cx, type, raw, ctx, null, 110);
};
