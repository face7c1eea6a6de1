// Structural sharing between consecutive partials. Most of a new partial is already the same
// objects as the last one (memoised coercions of finished raw nodes); where it is not (the
// scanner switched to another reading of the text, or an object was rebuilt without a visible
// change), the previous object is reused when it looks the same. So a finished list element or
// object keeps its identity (`===`) for the rest of the stream, and "nothing visible changed" is
// simply `shared === previous`. The walk stops at identical nodes: its cost is what was rebuilt.
import { listView, type ViewState, viewState } from '../coerce/list-view.js';

/**
 * Two views over the same growing list: their common prefix is shared by construction, so only
 * the previous tail is compared (O(tail), not O(length)). Undefined when not applicable.
 */
function shareViews(
  prev: unknown[],
  next: unknown[],
  pv: ViewState | undefined,
  nv: ViewState | undefined,
): unknown | undefined {
  if (!pv || !nv || pv.backing !== nv.backing || nv.frozen < pv.frozen) return undefined;
  const prevTotal = pv.frozen + pv.tail.length;
  const nextTotal = nv.frozen + nv.tail.length;
  let same = prevTotal === nextTotal;
  let tail: unknown[] | undefined;
  for (let i = pv.frozen; i < Math.min(prevTotal, nextTotal); i++) {
    const a = pv.tail[i - pv.frozen];
    const b = i < nv.frozen ? nv.backing[i] : nv.tail[i - nv.frozen];
    const s = a === b ? b : shareStructure(a, b);
    if (s !== b) {
      // The backing slot is past every view handed out so far, so it may still be replaced.
      if (i < nv.frozen) nv.backing[i] = s;
      else {
        tail ??= nv.tail.slice();
        tail[i - nv.frozen] = s;
      }
    }
    if (s !== a) same = false;
  }
  if (same) return prev;
  return tail ? listView(nv.backing, nv.frozen, tail) : next;
}

/** The elements of a view, as a fresh plain array. */
function plain(v: ViewState): unknown[] {
  return v.backing.slice(0, v.frozen).concat(v.tail);
}

/**
 * `next`, with every subtree that is visibly equal to the same place in `prev` replaced by the
 * object from `prev`. Returns `prev` itself when nothing visible changed.
 */
export function shareStructure(prev: unknown, next: unknown): unknown {
  if (prev === next) return prev;
  if (prev === null || next === null || typeof prev !== 'object' || typeof next !== 'object') {
    return Object.is(prev, next) ? prev : next;
  }
  if (Array.isArray(prev)) {
    if (!Array.isArray(next)) return next;
    const pv = viewState(prev);
    const nv = viewState(next);
    const shared = shareViews(prev, next, pv, nv);
    if (shared !== undefined) return shared;
    // (Views are read through their parts: indexing a view goes through its proxy.)
    const p = pv ? plain(pv) : prev;
    const n = nv ? plain(nv) : next;
    let same = p.length === n.length;
    let out: unknown[] | undefined;
    for (let i = 0; i < n.length; i++) {
      const v = n[i];
      const pv = p[i];
      const s = i < p.length && pv !== v ? shareStructure(pv, v) : v;
      if (s !== v) {
        out ??= n === next ? next.slice() : n;
        out[i] = s;
      }
      if (same && s !== pv) same = false;
    }
    if (same) return prev;
    return out ?? next;
  }
  if (Array.isArray(next)) return next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  let same = true;
  let count = 0;
  for (const k in n) {
    count++;
    const v = n[k];
    const pv = p[k];
    // (Identical values are the common case: the coercer keeps unchanged subtrees.)
    if (pv === v && (v !== undefined || k in p)) continue;
    const has = pv !== undefined || k in p;
    const s = has ? shareStructure(pv, v) : v;
    // Write back in place so marks kept by identity (check / state wrappers) stay on `next`.
    if (s !== v) n[k] = s;
    if (same && (!has || s !== pv)) same = false;
  }
  if (same) {
    let prevCount = 0;
    for (const _k in p) prevCount++;
    if (prevCount === count) return prev;
  }
  return next;
}
