// Stage B for lists (spec §3.3): a non-array is one item (SingleToArray); items that fail are
// dropped and scored. In partials an open array keeps a list memo: items before the last are
// final, so a push coerces only the tail; long lists are views (./list-view.ts); a new array in
// the place of a long list takes over its memo (`inheritListMemo`). Also `bestItem`: the
// best-scoring item of an array read as one value, folded incrementally.

import type { Type } from '../../../ir/types.js';
import type { RawArray, RawValue } from '../raw/raw-value.js';
import {
  at,
  fail,
  freshMemo,
  keptPath,
  type ListMemo,
  moveListMemo,
  type Path,
  sameItems,
  samePath,
  stateOf,
} from './coerce-support.js';
import {
  type BestMemo,
  type CoerceContext,
  type KindCoercer,
  type ListRecord,
  STRICT,
  withheld,
} from './context.js';
import { listView } from './list-view.js';
import { beats } from './pick-best.js';
import { samePrefix } from './raw-equal.js';
import { type Ok, type OkMarkers, okResult } from './result.js';

/**
 * Open lists with at least this many frozen items are remembered by place (type, context and
 * path), so that a new raw array at the same place with the same frozen items can take over
 * their memo (see `inheritListMemo`).
 */
const LIST_HEIR_MIN = 16;
/** How many such lists are remembered (the most recent ones: the lists on the spine). */
const LIST_RECORDS = 4;

/** The tail of a list with no values after its frozen prefix (never written to). */
const NO_ITEMS: unknown[] = Object.freeze([]) as unknown as unknown[];

function listOk(
  cx: CoerceContext,
  values: unknown[],
  score: number,
  raw: RawValue,
  extra: OkMarkers,
  type: Type,
  ctx: number,
): Ok {
  extra.empty = values.length === 0;
  const mustBeDone = cx.partial && cx.flags(type, ctx).done;
  return okResult(values, score, stateOf(raw), mustBeDone, 'list', extra);
}

export const coerceList: KindCoercer<'list'> = (cx, type, raw, ctx, path) => {
  const strict = (ctx & STRICT) !== 0;
  if (raw.kind !== 'array') {
    if (strict) return fail('invalid_type', path, type, raw, 'Expected a list');
    const r = cx.coerce(type.item, raw, ctx, at(path, 0));
    if (!r.ok || withheld(cx, r, type.item, ctx)) {
      return listOk(cx, [], 1, raw, { singleToArray: true, listErrors: !r.ok }, type, ctx);
    }
    return listOk(cx, [r.value], 1 + 10 * r.score, raw, { singleToArray: true }, type, ctx);
  }
  // In a partial, items before the last one are complete and frozen: their results are kept
  // on a memo attached to the (open) raw array, so a push only coerces the new tail.
  let memo: ListMemo;
  if (!cx.partial) memo = freshMemo();
  else {
    const e = cx.entryFor(raw, type, ctx);
    if (e === undefined) memo = listMemo(cx, raw, type, ctx);
    else {
      e.listMemo ??= freshMemo();
      memo = e.listMemo;
    }
  }
  const items = raw.items;
  if (cx.partial && memo.frozen === 0 && memo.last === undefined && items.length > 1)
    inheritListMemo(cx, { type, ctx, path, raw, memo });
  // The values after the frozen prefix: usually one (the last item), kept in `tail0` until a
  // second one comes, so that a push that changes nothing allocates no array.
  let tail0: unknown;
  let tail: unknown[] | undefined;
  let tailLength = 0;
  let scoreSum = memo.scoreSum;
  let errors = memo.errors;
  let errorScore = memo.errorScore;
  let markdownFirst = memo.markdownFirst;
  for (let i = Math.min(memo.frozen, items.length); i < items.length; i++) {
    const item = items[i] as RawValue;
    const r = cx.coerce(type.item, item, ctx, keptPath(memo, path, i));
    // Only items before the last are final: the last one may be a tentative view of the scanner.
    const freeze = i < items.length - 1 && i === memo.frozen;
    if (!r.ok || withheld(cx, r, type.item, ctx)) {
      if (!r.ok && strict) {
        return fail('invalid_type', at(path, i), type.item, item, r.issue.reason, [r.issue]);
      }
      if (!r.ok) {
        errors++;
        errorScore += 1 + i;
      }
    } else {
      if (freeze) memo.kept.push(r.value);
      else {
        if (tailLength === 0) tail0 = r.value;
        else if (tail === undefined) tail = [tail0, r.value];
        else tail.push(r.value);
        tailLength++;
      }
      scoreSum += r.score;
      markdownFirst ??= item.kind === 'markdown';
    }
    if (freeze) {
      memo.frozen = i + 1;
      memo.scoreSum = scoreSum;
      memo.errors = errors;
      memo.errorScore = errorScore;
      memo.markdownFirst = markdownFirst;
    }
  }
  if (cx.partial && memo.frozen >= LIST_HEIR_MIN) recordList(cx, { type, ctx, path, raw, memo });
  const score = errorScore + 10 * scoreSum;
  // Nothing changed since the last push (same frozen prefix, same tail values): the same
  // result and the same output array as then.
  const last = memo.last;
  const lastTail = memo.lastTail;
  const sameValues =
    last !== undefined &&
    memo.lastKept === memo.kept.length &&
    (tail !== undefined
      ? sameItems(lastTail, tail)
      : lastTail.length === tailLength && (tailLength === 0 || lastTail[0] === tail0));
  if (
    sameValues &&
    last.score === score &&
    last.listErrors === errors > 0 &&
    last.markdownFirst === (markdownFirst === true) &&
    last.state === stateOf(raw)
  ) {
    return last;
  }
  // The same items (only the score, state or a marker changed): the same output array.
  // Otherwise one copy per call: the memo's array is never handed out (it keeps growing).
  // Long lists in partials are views over the memo (O(tail) per push instead of a full copy).
  if (!sameValues) tail ??= tailLength === 0 ? NO_ITEMS : [tail0];
  const values = sameValues
    ? (last.value as unknown[])
    : cx.partial && memo.kept.length >= cx.listViewMin
      ? listView(memo.kept, memo.kept.length, tail as unknown[])
      : memo.kept.concat(tail);
  const extra: OkMarkers = { listErrors: errors > 0 };
  if (markdownFirst) extra.markdownFirst = true;
  const r = listOk(cx, values, score, raw, extra, type, ctx);
  if (cx.partial) {
    memo.last = r;
    memo.lastKept = memo.kept.length;
    if (!sameValues) memo.lastTail = tail as unknown[];
  }
  return r;
};

/** Where an open list is coerced: its raw array, type occurrence, path and memo. */
type ListSite = Omit<ListRecord, 'epoch'>;

function listRecord(cx: CoerceContext, site: ListSite): ListRecord | undefined {
  for (const r of cx.lists.records)
    if (r.type === site.type && r.ctx === site.ctx && samePath(r.path, site.path)) return r;
  return undefined;
}

/** `record` now stands for `site`'s array and memo, coerced in this pass. */
function claimRecord(cx: CoerceContext, record: ListRecord, site: ListSite): void {
  record.raw = site.raw;
  record.memo = site.memo;
  record.epoch = cx.epoch;
}

function recordList(cx: CoerceContext, site: ListSite): void {
  const r = listRecord(cx, site);
  if (r) {
    claimRecord(cx, r, site);
    return;
  }
  cx.lists.records.unshift({ ...site, epoch: cx.epoch });
  if (cx.lists.records.length > LIST_RECORDS) cx.lists.records.pop();
}

/**
 * A new raw array where a long list was coerced in an earlier pass (the scanner switched to
 * another reading of the text, e.g. the strict-JSON parse once the text is a whole document)
 * takes over that list's memo when its items up to the frozen count have the same content:
 * they coerce to the same results, so the kept values (and the views' backing array) carry
 * over and the new array costs O(its tail), not O(length). The old array's memo is left
 * fresh (coerced again, it starts over). Not within one pass: two readings coerced side by
 * side would keep taking the memo from each other.
 */
function inheritListMemo(cx: CoerceContext, site: ListSite): void {
  const r = listRecord(cx, site);
  if (!r || r.raw === site.raw || r.epoch >= cx.epoch || r.memo === site.memo) return;
  if (!samePrefix(site.raw.items, r.raw.items, r.memo.frozen)) return;
  moveListMemo(r.memo, site.memo);
  claimRecord(cx, r, site);
}

export function listMemo(cx: CoerceContext, raw: RawArray, type: Type, ctx: number): ListMemo {
  let list = cx.lists.memos.get(raw);
  if (!list) {
    list = [];
    cx.lists.memos.set(raw, list);
  }
  for (const m of list) if (m.type === type && m.ctx === ctx) return m.memo;
  const memo = freshMemo();
  list.push({ type, ctx, memo });
  return memo;
}

/**
 * `pick_best` (not in a union) over the items of `raw` coerced to `type`: the best one, or
 * undefined. In a partial, items before the last are final (the raw tree's contract), so the
 * scan over them is kept on a memo and a push folds in only the new tail: O(tail), not
 * O(length), per push (an answer in a fenced block is read this way too, as the list of all
 * blocks).
 */
export function bestItem(
  cx: CoerceContext,
  type: Type,
  raw: RawArray,
  ctx: number,
  path: Path,
): Ok | undefined {
  const items = raw.items;
  let memo: BestMemo | undefined;
  if (cx.partial) {
    let list = cx.lists.best.get(raw);
    if (!list) {
      list = [];
      cx.lists.best.set(raw, list);
    }
    memo = list.find((m) => m.type === type && m.ctx === ctx);
    if (!memo || memo.frozen > items.length) {
      if (memo) list.splice(list.indexOf(memo), 1);
      memo = { type, ctx, frozen: 0, best: -1, result: undefined };
      list.push(memo);
    }
  }
  let best = memo ? memo.best : -1;
  let result = memo?.result;
  for (let i = memo ? memo.frozen : 0; i < items.length; i++) {
    const r = cx.coerce(type, items[i] as RawValue, ctx, at(path, i));
    if (r.ok && beats(r, i, result, best, false)) {
      best = i;
      result = r;
    }
    if (memo && i === memo.frozen && i < items.length - 1) {
      memo.frozen = i + 1;
      memo.best = best;
      memo.result = result;
    }
  }
  return result;
}
