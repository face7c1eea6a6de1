// `pick_best` (spec §3.5): chooses among successful coercions of the same raw value (union
// variants, `AnyOf` candidates, array elements for a scalar target).
import type { Ok } from './result.js';

function isComposite(r: Ok): boolean {
  return r.shape === 'list' || r.shape === 'class' || r.shape === 'map';
}

/** Negative when `a` (at index `ai`) should win over `b` (at `bi`). */
function compare(a: Ok, ai: number, b: Ok, bi: number, inUnion: boolean): number {
  if (a.shape === 'list' && b.shape === 'list') {
    if (!!a.singleToArray !== !!b.singleToArray) return a.singleToArray ? 1 : -1;
    if (!!a.markdownFirst !== !!b.markdownFirst) return a.markdownFirst ? 1 : -1;
    const aBad = !!a.empty && !!a.listErrors;
    const bBad = !!b.empty && !!b.listErrors;
    if (aBad !== bBad) return aBad ? 1 : -1;
  }
  // A class and a map read from the same object: the class (test_union_of_class_and_map).
  if (inUnion && a.shape === 'class' && b.shape === 'map') return -1;
  if (inUnion && a.shape === 'map' && b.shape === 'class') return 1;
  if (a.shape === 'class' && b.shape === 'class') {
    if (inUnion && !!a.impliedString !== !!b.impliedString) return a.impliedString ? 1 : -1;
    if (!!a.allDefaults !== !!b.allDefaults) return a.allDefaults ? 1 : -1;
  }
  if (isComposite(a) && !isComposite(b) && b.weak) return -1;
  if (isComposite(b) && !isComposite(a) && a.weak) return 1;
  const aEmptyDefault = a.shape === 'list' && !!a.empty && !!a.singleToArray;
  const bEmptyDefault = b.shape === 'list' && !!b.empty && !!b.singleToArray;
  if (aEmptyDefault !== bEmptyDefault) return aEmptyDefault ? 1 : -1;
  if (a.score !== b.score) return a.score - b.score;
  return ai - bi;
}

/**
 * One step of `pickBest`'s scan: whether `r` (at index `i`) replaces the best so far (`current`
 * at index `best`, undefined when there is none yet). Lets a caller fold a growing sequence.
 */
export function beats(
  r: Ok,
  i: number,
  current: Ok | undefined,
  best: number,
  inUnion: boolean,
): boolean {
  return current === undefined || compare(r, i, current, best, inUnion) < 0;
}

/**
 * The index of the best result, or -1 when there is none.
 *
 * @example pickBest([undefined, ok1, ok2], true) // 1 or 2
 */
export function pickBest(results: (Ok | undefined)[], inUnion: boolean): number {
  let best = -1;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r === undefined) continue;
    if (beats(r, i, best === -1 ? undefined : results[best], best, inUnion)) best = i;
  }
  return best;
}
