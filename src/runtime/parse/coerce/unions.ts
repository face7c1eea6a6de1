// Stage B for unions (spec §3.5): a strict pass over every variant first (an exact match ends
// the search), then the lenient pass; `pick_best` (./pick-best.ts) chooses among the successes.

import { fail, renderType } from './coerce-support.js';
import { type KindCoercer, STRICT } from './context.js';
import type { Issue } from './issues.js';
import { pickBest } from './pick-best.js';
import type { Ok } from './result.js';

export const coerceUnion: KindCoercer<'union'> = (cx, type, raw, ctx, path) => {
  const variants = type.variants;
  const strictCtx = ctx | STRICT;
  const strictResults: (Ok | undefined)[] = [];
  for (const v of variants) {
    const r = cx.coerce(v, raw, strictCtx, path);
    if (r.ok && r.score === 0) return r;
    strictResults.push(r.ok ? r : undefined);
  }
  let best = pickBest(strictResults, true);
  if (best !== -1) return strictResults[best] as Ok;
  if ((ctx & STRICT) !== 0)
    return fail('no_variant', path, type, raw, `Expected ${renderType(type)}`);
  const results: (Ok | undefined)[] = [];
  const causes: Issue[] = [];
  for (const v of variants) {
    const r = cx.coerce(v, raw, ctx, path);
    if (r.ok && r.score === 0) return r;
    results.push(r.ok ? r : undefined);
    if (!r.ok) causes.push(r.issue);
  }
  // `null` made from a non-null value (DefaultButHadValue) is a last resort: any other variant
  // that matched wins over it, whatever the scores (a deep object scores high).
  if (results.some((r) => r !== undefined && r.shape !== 'null')) {
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r && r.shape === 'null' && raw.kind !== 'null') results[i] = undefined;
    }
  }
  best = pickBest(results, true);
  if (best === -1) {
    const notDone =
      causes.length > 0 &&
      causes.every(
        (c) => c.code === 'not_done' || c.code === 'no_match' || c.code === 'invalid_type',
      ) &&
      causes.some((c) => c.code === 'not_done');
    return fail(
      notDone ? 'not_done' : 'no_variant',
      path,
      type,
      raw,
      `Failed to find any ${renderType(type)} in ${variants.length} items`,
      causes,
    );
  }
  return results[best] as Ok;
};
