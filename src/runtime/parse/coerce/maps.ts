// Stage B for maps: each entry's value coerced (failures dropped and scored); keys are kept as
// written (keys typed as an enum or literal are neither checked nor converted, spec §9.3).

import { at, fail, renderType, stateOf } from './coerce-support.js';
import { type KindCoercer, STRICT, withheld } from './context.js';
import { okResult } from './result.js';
import { describeRaw } from './text.js';

export const coerceMap: KindCoercer<'map'> = (cx, type, raw, ctx, path) => {
  if (raw.kind !== 'object') {
    return fail(
      'invalid_type',
      path,
      type,
      raw,
      `Expected ${renderType(type)}, got ${describeRaw(raw)}`,
    );
  }
  const strict = (ctx & STRICT) !== 0;
  const out: Record<string, unknown> = {};
  let score = 1;
  for (const entry of raw.entries) {
    const r = cx.coerce(type.value, entry.value, ctx, at(path, entry.key));
    if (!r.ok) {
      if (strict) return r;
      score += 1;
      continue;
    }
    if (withheld(cx, r, type.value, ctx)) continue;
    // Keys typed as an enum or literal are neither checked nor converted (spec §9.3).
    if (!(entry.key in out)) out[entry.key] = r.value;
    score += r.score;
  }
  return okResult(out, score, stateOf(raw), cx.partial && cx.flags(type, ctx).done, 'map');
};
