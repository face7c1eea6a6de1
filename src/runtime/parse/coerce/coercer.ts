// Stage B of schema-aligned parsing (spec §3.3–3.6) and the streaming rules of §4.3, in one pass
// over the raw value tree.
//
// One `Coercer` serves one mode: 'final' (b.parse: normal types, required fields enforced) or
// 'partial' (b.parseStream: every field nullable, done-typed values shown only once complete,
// `@stream.not_null` / `@stream.with_state` applied). Results are memoised per raw node, type and
// context. Complete raw nodes never change, so their results (and the output objects inside them)
// are computed once and keep their identity across partials. Open nodes (the spine being written)
// are recomputed once per pass, incrementally: a growing list only coerces its new tail (list
// memo), an open object only re-matches its last entry and re-coerces the fields whose raw value
// is not a complete node seen before (class memo), and a recomputed result that says the same
// thing as last time is replaced by last time's object (same output value, `===`; an object or
// list rebuilt with the same values keeps its output object too). A new raw array in the place
// of a long list (another reading of the text) takes over that list's memo when its frozen items
// read the same (`inheritListMemo`), so a switch of reading costs O(compare), not a new walk
// through every coercion. So a push costs O(depth + changed leaf), an unchanged subtree keeps
// its identity up the spine, and a push that changes nothing visible gives back the very same
// root value. Leaves are not memoised (cheap to redo; their parents keep what they need).

import { streamFlagsOf } from '../../../ir/stream-flags.js';
import type {
  ClassDef,
  Constraint,
  EnumDef,
  FieldDef,
  Program,
  StreamFlags,
  Type,
} from '../../../ir/types.js';
import type { RawArray, RawEntry, RawObject, RawValue } from '../raw/raw-value.js';
import {
  at,
  type ClassMemo,
  completionOf,
  type FieldPart,
  fail,
  freshClassMemo,
  freshMemo,
  isOptional,
  isSameDefault,
  keptPath,
  type ListMemo,
  moveListMemo,
  type Path,
  pathArray,
  renderType,
  resetClassMemo,
  sameItems,
  samePath,
  scratchPart,
  stateOf,
} from './coerce-support.js';
import type { Issue } from './issues.js';
import { evaluateConstraint } from './jinja-expression.js';
import { listView } from './list-view.js';
import { type MatchCandidate, matchString } from './match-string.js';
import { findNumber, roundHalfAwayFromZero } from './numbers.js';
import { beats, pickBest } from './pick-best.js';
import { samePrefix } from './raw-equal.js';
import {
  type Fail,
  type Ok,
  type OkMarkers,
  okResult,
  type Result,
  sameOk,
  scoredCandidate,
  withChanges,
} from './result.js';
import { describeRaw, renderLoose, stripAccents, stripPunctuation } from './text.js';

export { completionOf, renderType } from './coerce-support.js';

import {
  type CheckResult,
  checkedWrapper,
  isChecked,
  stateWrapper,
  unwrapChecks,
  unwrapState,
} from './wrappers.js';

export type CoerceMode = 'final' | 'partial';

/** Lists with at least this many finished items are returned as views in partials. */
export const LIST_VIEW_MIN = 64;

/** Coercer options (tuning; the visible values are the same either way). */
export interface CoercerOptions {
  /**
   * Partial mode: return long lists as read-only views over a shared backing array (O(tail)
   * per partial) instead of plain arrays copied on change (O(length) per partial). Default true.
   */
  listViews?: boolean;
}

/**
 * Open lists with at least this many frozen items are remembered by place (type, context and
 * path), so that a new raw array at the same place with the same frozen items can take over
 * their memo (see `inheritListMemo`).
 */
const LIST_HEIR_MIN = 16;
/** How many such lists are remembered (the most recent ones: the lists on the spine). */
const LIST_RECORDS = 4;

/** A long list last coerced at a place (see `LIST_HEIR_MIN`). */
interface ListRecord {
  type: Type;
  ctx: number;
  path: Path;
  raw: RawArray;
  memo: ListMemo;
  /** The pass that last coerced `raw` here. */
  epoch: number;
}

/** Placeholder result of a cache entry being computed (never returned: its epoch is -2). */
const NOT_YET: Result = { ok: false, issue: undefined as unknown as Issue };

/** The tail of a list with no values after its frozen prefix (never written to). */
const NO_ITEMS: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Context bits that change a result for the same node and type. */
const STRICT = 1;
const SKIP_ASSERTS = 2;
const IN_RECURSIVE_ALIAS = 4;

interface CacheEntry {
  raw: RawValue;
  type: Type;
  ctx: number;
  result: Result;
  /**
   * -1 for a complete node (valid for good); -2 while being computed; else the pass
   * (`Coercer.epoch`) it belongs to.
   */
  epoch: number;
  /** Incremental state of a list / class coercion of this (open) node, kept across passes. */
  listMemo: ListMemo | undefined;
  classMemo: ClassMemo | undefined;
}

/** A top-level plain `string` (no constraints) is the answer's whole text (§3.3 shortcut). */
function isRawTextRoot(type: Type): boolean {
  return type.kind === 'primitive' && type.name === 'string' && !type.attrs?.constraints?.length;
}

/** `pick_best`'s scan over the final items [0, frozen) of an open array. */
interface BestMemo {
  type: Type;
  ctx: number;
  frozen: number;
  best: number;
  result: Ok | undefined;
}

export class Coercer {
  private readonly cache = new WeakMap<RawValue, CacheEntry[]>();
  /** Incremented by every `coerceRoot`: results for open nodes are valid within one pass. */
  private epoch = 0;
  private readonly listMemos = new WeakMap<
    RawArray,
    { type: Type; ctx: number; memo: ListMemo }[]
  >();
  private readonly flagCache = [new WeakMap<Type, StreamFlags>(), new WeakMap<Type, StreamFlags>()];

  /**
   * @param wrapStates final mode only: wrap `@stream.with_state` fields as `{value, state}`
   *   (Complete, or Pending when missing): the final value in partial form, which BAML yields as
   *   a stream's last partial.
   */
  constructor(
    readonly program: Program,
    readonly mode: CoerceMode,
    readonly wrapStates = false,
    options: CoercerOptions = {},
  ) {
    this.listViewMin = options.listViews === false ? Number.POSITIVE_INFINITY : LIST_VIEW_MIN;
    this.partial = mode === 'partial';
  }

  private readonly listViewMin: number;

  private readonly partial: boolean;

  /** Streaming flags of a type occurrence (from the IR annotation when present). */
  flags(type: Type, ctx: number): StreamFlags {
    const inRec = (ctx & IN_RECURSIVE_ALIAS) !== 0;
    if (type.stream && !inRec) return type.stream;
    const cache = this.flagCache[inRec ? 1 : 0] as WeakMap<Type, StreamFlags>;
    let f = cache.get(type);
    if (!f) {
      f = streamFlagsOf(this.program, type, inRec);
      cache.set(type, f);
    }
    return f;
  }

  /** Coerces `raw` to `type` with memoisation. */
  coerce(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    // FixedJson is pass-through (see `coerceUncached`), and a one-candidate AnyOf (the usual
    // root, often nested) adds one point per level to its candidate's result (see `asCandidate`).
    raw = this.seeThrough(type, raw);
    const anyOfs = this.seenAnyOfs;
    if (anyOfs > 0) {
      const r = this.coerce(type, raw, ctx, path);
      return r.ok ? this.asCandidate(r, anyOfs) : r;
    }
    // A final parse sees each node once or twice: memoising would only cost allocations.
    if (!this.partial) return this.coerceUncached(type, raw, ctx, path);
    // A Markdown wrapper is pass-through and costs nothing to redo, so it is never memoised.
    // Leaves are cheap to coerce, and caching them costs more (a WeakMap entry for every string
    // and number of the answer): their parents keep what they need (class field parts, list
    // memos), so a complete leaf is rarely coerced twice anyway.
    const kind = raw.kind;
    if (
      kind === 'markdown' ||
      kind === 'string' ||
      kind === 'number' ||
      kind === 'bool' ||
      kind === 'null'
    )
      return this.coerceUncached(type, raw, ctx, path);
    // Inside a cycle guard on this node (see `visiting`) a result depends on the guard: not kept.
    if (this.inCycle(raw)) return this.coerceUncached(type, raw, ctx, path);
    // Complete nodes never change: their results are kept for the whole stream. An open node is
    // on the spine being written and changes on nearly every push (a push that changes nothing
    // is skipped before coercion, see `sameRootAsLast`), so its results are kept for the current
    // pass only: that still stops unions from re-walking
    // the spine once per variant and level (quadratic in depth otherwise). Across passes the
    // open nodes keep incremental state instead (class and list memos), which is what makes a
    // push cost O(depth + changed leaf).
    let entries = this.cache.get(raw);
    if (entries) {
      for (const e of entries) {
        if (e.type !== type || e.ctx !== ctx) continue;
        if (e.epoch === -1 || e.epoch === this.epoch) return e.result;
        const epoch = e.epoch;
        e.epoch = -2;
        this.entry = e;
        const next = this.coerceUncached(type, raw, ctx, path);
        // An equal result (same output value) keeps the previous object, so unchanged values
        // stay identical all the way up the spine.
        if (epoch === -2 || !sameOk(e.result, next)) e.result = next;
        e.epoch = completionOf(raw) ? -1 : this.epoch;
        return e.result;
      }
    } else {
      entries = [];
      this.cache.set(raw, entries);
    }
    const e: CacheEntry = {
      raw,
      type,
      ctx,
      result: NOT_YET,
      epoch: -2,
      listMemo: undefined,
      classMemo: undefined,
    };
    entries.push(e);
    this.entry = e;
    e.result = this.coerceUncached(type, raw, ctx, path);
    e.epoch = completionOf(raw) ? -1 : this.epoch;
    return e.result;
  }

  /** How many one-candidate AnyOfs the last `seeThrough` passed. */
  private seenAnyOfs = 0;

  /**
   * The node below the wrappers `coerce` sees through for `type` (FixedJson, and one-candidate
   * AnyOfs unless the type reads text); the number of AnyOfs passed is left in `seenAnyOfs`.
   */
  private seeThrough(type: Type, raw: RawValue): RawValue {
    let anyOfs = 0;
    for (;;) {
      if (raw.kind === 'fixed') raw = raw.inner;
      else if (raw.kind === 'anyOf' && raw.candidates.length === 1 && !this.isStringish(type)) {
        raw = raw.candidates[0] as RawValue;
        anyOfs++;
      } else break;
    }
    this.seenAnyOfs = anyOfs;
    return raw;
  }

  /** The last two `asCandidate` results, by the result and level count they were made from. */
  private candidateFrom: [Ok | undefined, Ok | undefined] = [undefined, undefined];
  private candidateLevels: [number, number] = [0, 0];
  private candidateTo: [Ok | undefined, Ok | undefined] = [undefined, undefined];

  /**
   * `r` seen through `levels` nested one-candidate AnyOfs (`scoredCandidate` once per level:
   * the score adds up, the rest is the same after one), the same object as last time for the
   * same `r`: the wrappers around the root give back the very same result when nothing changed.
   */
  private asCandidate(r: Ok, levels: number): Ok {
    const from = this.candidateFrom;
    const lv = this.candidateLevels;
    const to = this.candidateTo;
    if (from[0] === r && lv[0] === levels) return to[0] as Ok;
    if (from[1] === r && lv[1] === levels) return to[1] as Ok;
    const out = scoredCandidate(r, levels);
    from[1] = from[0];
    lv[1] = lv[0];
    to[1] = to[0];
    from[0] = r;
    lv[0] = levels;
    to[0] = out;
    return out;
  }

  /** The cache entry `coerce` is computing right now (read at once by list / class coercion). */
  private entry: CacheEntry | undefined = undefined;

  /** The cache entry of (raw, type, ctx) when it is the one being computed (else undefined). */
  private entryFor(raw: RawValue, type: Type, ctx: number): CacheEntry | undefined {
    const e = this.entry;
    this.entry = undefined;
    return e !== undefined && e.raw === raw && e.type === type && (e.ctx & ~SKIP_ASSERTS) === ctx
      ? e
      : undefined;
  }

  private coerceUncached(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    // Wrappers first (§3.3).
    if (raw.kind === 'fixed') return this.coerce(type, raw.inner, ctx, path);
    if (raw.kind === 'markdown') {
      const r = this.coerce(type, raw.inner, ctx, path);
      if (!r.ok) return r;
      const extra = type.kind === 'primitive' && type.name === 'string' ? 1 : 0;
      const state = raw.completion === 'complete' ? r.state : 'Incomplete';
      return extra === 0 && state === r.state
        ? r
        : withChanges(r, { score: r.score + extra, state });
    }
    if (raw.kind === 'anyOf') return this.coerceAnyOf(type, raw, ctx, path);
    // SKIP_ASSERTS concerns this type occurrence only (a field's own asserts), not what is inside.
    const r = this.coerceType(type, raw, ctx & ~SKIP_ASSERTS, path);
    if (!r.ok) return r;
    return this.applyConstraints(type.attrs?.constraints, r, ctx, path, raw, type);
  }

  private isStringish(type: Type): boolean {
    if (type.kind === 'primitive') return type.name === 'string';
    if (type.kind === 'enum') return true;
    if (type.kind === 'literal') return typeof type.value === 'string';
    if (type.kind === 'alias') {
      const def = this.program.typeAliases[type.name];
      return !!def && !def.recursive && this.isStringish(def.type);
    }
    return false;
  }

  private coerceAnyOf(
    type: Type,
    raw: RawValue & { kind: 'anyOf' },
    ctx: number,
    path: Path,
  ): Result {
    if (this.isStringish(type)) {
      // Strings, enums and string literals read the whole original text (§3.3). In a partial, the
      // text counts as finished once it ends in whitespace or is a closed quoted string (observed).
      const done =
        !this.partial ||
        /\s$/.test(raw.text) ||
        raw.candidates.some((c) => c.kind === 'string' && c.completion === 'complete');
      const text: RawValue = {
        kind: 'string',
        value: raw.text,
        completion: done ? 'complete' : 'incomplete',
        rev: 0,
      };
      return this.coerceUncached(type, text, ctx, path);
    }
    if (raw.candidates.length === 1) {
      // The usual case (one reading of the text): no result array to pick from.
      const r = this.coerce(type, raw.candidates[0] as RawValue, ctx, path);
      return r.ok ? scoredCandidate(r) : r;
    }
    const results: (Ok | undefined)[] = [];
    let firstFail: Fail | undefined;
    for (const c of raw.candidates) {
      const r = this.coerce(type, c, ctx, path);
      if (r.ok) results.push(r);
      else {
        results.push(undefined);
        firstFail ??= r;
      }
    }
    const best = pickBest(results, false);
    const r = best === -1 ? undefined : results[best];
    if (!r)
      return firstFail ?? fail('invalid_type', path, type, raw, 'No candidate value in the answer');
    return scoredCandidate(r);
  }

  /** In a partial, a done-typed value still being written is rejected by the lenient pass. */
  private notDone(type: Type, raw: RawValue, ctx: number, path: Path): Fail | undefined {
    if (!this.partial || (ctx & STRICT) !== 0) return undefined;
    if (!this.flags(type, ctx).done || completionOf(raw)) return undefined;
    return fail('not_done', path, type, raw, 'Streaming field is not done');
  }

  private leaf(
    type: Type,
    raw: RawValue,
    ctx: number,
    value: unknown,
    score: number,
    extra?: OkMarkers,
  ): Result {
    // null is not done while coercing (it takes anything) but must be done to be shown (§4.3).
    const mustBeDone =
      this.partial &&
      (this.flags(type, ctx).done || (type.kind === 'primitive' && type.name === 'null'));
    return okResult(
      value,
      score,
      stateOf(raw),
      mustBeDone,
      value === null ? 'null' : 'scalar',
      extra,
    );
  }

  private coerceType(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    switch (type.kind) {
      case 'primitive':
        switch (type.name) {
          case 'string':
            return this.coerceString(type, raw, ctx, path);
          case 'int':
          case 'float':
            return this.coerceNumber(type, raw, ctx, path);
          case 'bool':
            return this.coerceBool(type, raw, ctx, path);
          case 'null':
            return this.coerceNull(type, raw, ctx, path);
        }
        break;
      case 'media':
        return fail('invalid_type', path, type, raw, 'Media types are not supported in outputs');
      case 'literal':
        return this.coerceLiteral(type, raw, ctx, path);
      case 'enum':
        return this.coerceEnum(type, raw, ctx, path);
      case 'class':
        return this.partial || (raw.kind !== 'array' && raw.kind !== 'object')
          ? this.guardedClass(type, raw, ctx, path)
          : this.memoClass(type, raw, ctx, path);
      case 'alias': {
        const def = this.program.typeAliases[type.name];
        if (!def) return fail('invalid_type', path, type, raw, `Unknown type alias ${type.name}`);
        if (!def.recursive) return this.coerce(def.type, raw, ctx, path);
        if (!this.enter(type.name, raw, ctx)) return this.circular(type, raw, path);
        const r = this.coerce(def.type, raw, ctx | IN_RECURSIVE_ALIAS, path);
        this.leave(type.name, raw, ctx);
        return r;
      }
      case 'list':
        return this.coerceList(type, raw, ctx, path);
      case 'map':
        return this.coerceMap(type, raw, ctx, path);
      case 'union':
        return this.coerceUnion(type, raw, ctx, path);
      case 'tuple':
        return fail('invalid_type', path, type, raw, 'Tuples are not supported in outputs');
    }
    return fail('invalid_type', path, type, raw, 'Unsupported type');
  }

  /**
   * The classes and recursive aliases being coerced right now, per raw node, for the lenient
   * pass and the strict one (BAML's visited class-value pairs of coerce and of try_cast): a
   * recursive type that comes back to the same node without reading any of it (a scalar wrapped
   * as a one-item list of itself, an only field of its own class) fails there instead of
   * recursing for ever.
   */
  private readonly visiting = [new Map<RawValue, string[]>(), new Map<RawValue, string[]>()];

  /** Marks (name, raw) as being coerced; false when it already is (a cycle). */
  private enter(name: string, raw: RawValue, ctx: number): boolean {
    const map = this.visiting[ctx & STRICT] as Map<RawValue, string[]>;
    const names = map.get(raw);
    if (names === undefined) {
      map.set(raw, [name]);
      return true;
    }
    if (names.includes(name)) return false;
    names.push(name);
    return true;
  }

  private leave(name: string, raw: RawValue, ctx: number): void {
    const map = this.visiting[ctx & STRICT] as Map<RawValue, string[]>;
    const names = map.get(raw);
    if (names === undefined) return;
    if (names.length === 1) map.delete(raw);
    else names.splice(names.lastIndexOf(name), 1);
  }

  private inCycle(raw: RawValue): boolean {
    return (
      (this.visiting[0] as Map<RawValue, string[]>).has(raw) ||
      (this.visiting[1] as Map<RawValue, string[]>).has(raw)
    );
  }

  private guardedClass(
    type: Type & { kind: 'class' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    if (!this.enter(type.name, raw, ctx)) return this.circular(type, raw, path);
    const r = this.coerceClass(type, raw, ctx, path);
    this.leave(type.name, raw, ctx);
    return r;
  }

  /**
   * Class results of a final parse, per node, class and context, for one pass. A final parse
   * has no result cache (it sees most nodes once), but a recursive class meets a node more than
   * once: a single-field class read from an array tries the array as its field and each item
   * as itself, and both come to the items, at every level (exponential in depth otherwise).
   */
  private finalClassMemo = new Map<RawValue, { name: string; ctx: number; result: Result }[]>();

  private memoClass(
    type: Type & { kind: 'class' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    if (this.inCycle(raw)) return this.guardedClass(type, raw, ctx, path);
    let list = this.finalClassMemo.get(raw);
    if (list === undefined) {
      list = [];
      this.finalClassMemo.set(raw, list);
    } else {
      for (const m of list) if (m.name === type.name && m.ctx === ctx) return m.result;
    }
    const result = this.guardedClass(type, raw, ctx, path);
    list.push({ name: type.name, ctx, result });
    return result;
  }

  private circular(type: Type & { name: string }, raw: RawValue, path: Path): Fail {
    return fail(
      'invalid_type',
      path,
      type,
      raw,
      `Circular reference detected for class-value pair ${type.name} <-> ${describeRaw(raw)}`,
    );
  }

  // ---- primitives -------------------------------------------------------------------------

  private coerceString(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    if (raw.kind === 'string') return this.leaf(type, raw, ctx, raw.value, 0);
    if ((ctx & STRICT) !== 0 || raw.kind === 'null') {
      return fail('invalid_type', path, type, raw, 'Expected a string');
    }
    return this.leaf(type, raw, ctx, renderLoose(raw), 2, { weak: true });
  }

  /** Array input for a scalar target: the best element (§3.3). */
  private bestElement(type: Type, raw: RawArray, ctx: number, path: Path): Result {
    const r = this.bestItem(type, raw, ctx, path);
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

  private coerceNumber(
    type: Type & { kind: 'primitive' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const isInt = type.name === 'int';
    const strict = (ctx & STRICT) !== 0;
    if (raw.kind === 'number') {
      if (isInt && !Number.isInteger(raw.value)) {
        if (strict) return fail('invalid_type', path, type, raw, 'Expected an integer');
        const nd = this.notDone(type, raw, ctx, path);
        if (nd) return nd;
        return this.leaf(type, raw, ctx, roundHalfAwayFromZero(raw.value), 1);
      }
      if (!strict) {
        const nd = this.notDone(type, raw, ctx, path);
        if (nd) return nd;
      }
      return this.leaf(type, raw, ctx, raw.value, 0);
    }
    if (strict) return fail('invalid_type', path, type, raw, `Expected ${type.name}`);
    if (raw.kind === 'array') return this.bestElement(type, raw, ctx, path);
    if (raw.kind !== 'string')
      return fail('invalid_type', path, type, raw, `Expected ${type.name}`);
    const found = findNumber(raw.value);
    if (!found)
      return fail(
        'invalid_type',
        path,
        type,
        raw,
        `Could not find ${isInt ? 'an integer' : 'a number'} in the text`,
      );
    const nd = this.notDone(type, raw, ctx, path);
    if (nd) return nd;
    let value = found.value;
    let score = found.fromProse ? 1 : 0;
    if (isInt && !Number.isInteger(value)) {
      value = roundHalfAwayFromZero(value);
      score += 1;
    }
    return this.leaf(type, raw, ctx, value, score);
  }

  private coerceBool(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    if (raw.kind === 'bool') return this.leaf(type, raw, ctx, raw.value, 0);
    if ((ctx & STRICT) !== 0) return fail('invalid_type', path, type, raw, 'Expected a bool');
    if (raw.kind === 'array') return this.bestElement(type, raw, ctx, path);
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
    const nd = this.notDone(type, raw, ctx, path);
    if (nd) return nd;
    return this.leaf(type, raw, ctx, value, 1);
  }

  private coerceNull(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    if (raw.kind === 'null') return this.leaf(type, raw, ctx, null, 0);
    if ((ctx & STRICT) !== 0) return fail('invalid_type', path, type, raw, 'Expected null');
    return this.leaf(type, raw, ctx, null, 110);
  }

  // ---- enums and literals -----------------------------------------------------------------

  private textOf(raw: RawValue): string | undefined {
    switch (raw.kind) {
      case 'string':
        return raw.value;
      case 'number':
      case 'bool':
      case 'array':
      case 'object':
        return renderLoose(raw);
      default:
        return undefined;
    }
  }

  private enumCandidates(def: EnumDef): MatchCandidate[] {
    return def.values
      .filter((v) => !v.skip)
      .map((v) => {
        const name = v.alias ?? v.name;
        const accepted = [name];
        if (v.description) accepted.push(v.description, `${name}: ${v.description}`);
        return { value: v.name, accepted };
      });
  }

  private coerceEnum(
    type: Type & { kind: 'enum' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const def = this.program.enums[type.name];
    if (!def) return fail('invalid_type', path, type, raw, `Unknown enum ${type.name}`);
    const candidates = this.enumCandidates(def);
    if (raw.kind === 'string') {
      const exact = def.values.find((v) => !v.skip && (v.alias ?? v.name) === raw.value);
      if (exact) return this.leaf(type, raw, ctx, exact.name, 0);
    }
    if ((ctx & STRICT) !== 0)
      return fail('no_match', path, type, raw, `Expected a value of ${type.name}`);
    const text = this.textOf(raw);
    if (text === undefined)
      return fail('invalid_type', path, type, raw, `Expected a value of ${type.name}`);
    const m = matchString(text, candidates, true);
    if (!m.ok) {
      if (m.ambiguous) {
        const counts = m.counts.map((c) => `${c.value} (${c.count} times)`).join(', ');
        return fail(
          'ambiguous',
          path,
          type,
          raw,
          `Too many matches for ${type.name}. Got: ${counts}`,
        );
      }
      return fail('no_match', path, type, raw, `Expected a value of ${type.name}`);
    }
    const nd = this.notDone(type, raw, ctx, path);
    if (nd) return nd;
    return this.leaf(type, raw, ctx, m.value, m.score);
  }

  private coerceLiteral(
    type: Type & { kind: 'literal' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const strict = (ctx & STRICT) !== 0;
    const want = type.value;
    // An object with exactly one key whose value is a primitive is unwrapped (ObjectToPrimitive).
    if (raw.kind === 'object' && !strict) {
      const only = raw.entries.length === 1 ? raw.entries[0] : undefined;
      if (!only || !['string', 'number', 'bool', 'null'].includes(only.value.kind)) {
        return fail('invalid_type', path, type, raw, `Expected ${renderType(type)}`);
      }
      const r = this.coerceLiteral(type, only.value, ctx, path);
      if (!r.ok) return r;
      // The literal is only as complete as the object it was unwrapped from.
      const nd = this.notDone(type, raw, ctx, path);
      if (nd) return nd;
      return withChanges(r, {
        score: r.score + 2,
        state: r.state === 'Complete' ? stateOf(raw) : r.state,
      });
    }
    if (typeof want === 'string') {
      if (raw.kind === 'string' && raw.value === want) return this.leaf(type, raw, ctx, want, 0);
      if (strict) return fail('no_match', path, type, raw, `Expected ${renderType(type)}`);
      const text = this.textOf(raw);
      if (text === undefined)
        return fail('invalid_type', path, type, raw, `Expected ${renderType(type)}`);
      const m = matchString(text, [{ value: want, accepted: [want] }], true);
      if (!m.ok)
        return fail(
          m.ambiguous ? 'ambiguous' : 'no_match',
          path,
          type,
          raw,
          `Expected ${renderType(type)}`,
        );
      const nd = this.notDone(type, raw, ctx, path);
      if (nd) return nd;
      return this.leaf(type, raw, ctx, want, m.score);
    }
    const inner: Type = { kind: 'primitive', name: typeof want === 'number' ? 'int' : 'bool' };
    const r = this.coerceType(inner, raw, ctx, path);
    if (!r.ok || r.value !== want)
      return fail('no_match', path, type, raw, `Expected ${renderType(type)}`);
    const nd = this.notDone(type, raw, ctx, path);
    if (nd) return nd;
    return withChanges(r, { mustBeDone: this.partial && this.flags(type, ctx).done });
  }

  // ---- constraints --------------------------------------------------------------------------

  private applyConstraints(
    constraints: Constraint[] | undefined,
    r: Ok,
    ctx: number,
    path: Path,
    raw: RawValue,
    type: Type | string,
  ): Result {
    if (!constraints || constraints.length === 0) return r;
    const plain = unwrapChecks(r.value);
    const failed: Issue[] = [];
    let checks: Record<string, CheckResult> | undefined;
    for (const c of constraints) {
      const passed = evaluateConstraint(c.expression, plain);
      if (c.level === 'check') {
        checks ??= {};
        const name = c.name ?? c.expression;
        checks[name] = { name, expression: c.expression, status: passed ? 'succeeded' : 'failed' };
      } else if (!passed && (ctx & SKIP_ASSERTS) === 0) {
        const issue: Issue = {
          code: 'assert_failed',
          path: pathArray(path),
          expected: typeof type === 'string' ? type : renderType(type),
          found: describeRaw(raw),
          reason: `Assertion failed: ${c.name ? `${c.name} ` : ''}${c.expression}`,
        };
        failed.push(issue);
      }
    }
    if (failed.length > 0)
      return fail('assert_failed', path, type, raw, 'Assertions failed', failed);
    if (!checks) return r;
    return withChanges(r, { value: checkedWrapper(r.value, checks) });
  }

  // ---- unions --------------------------------------------------------------------------------

  private coerceUnion(
    type: Type & { kind: 'union' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const variants = type.variants;
    const strictCtx = ctx | STRICT;
    const strictResults: (Ok | undefined)[] = [];
    for (const v of variants) {
      const r = this.coerce(v, raw, strictCtx, path);
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
      const r = this.coerce(v, raw, ctx, path);
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
  }

  // ---- lists ---------------------------------------------------------------------------------

  private listOk(
    values: unknown[],
    score: number,
    raw: RawValue,
    extra: OkMarkers,
    type: Type,
    ctx: number,
  ): Ok {
    extra.empty = values.length === 0;
    const mustBeDone = this.partial && this.flags(type, ctx).done;
    return okResult(values, score, stateOf(raw), mustBeDone, 'list', extra);
  }

  /** Whether a partial item/field value has to be withheld until complete. */
  private withheld(r: Ok, type: Type, ctx: number): boolean {
    return this.partial && (r.mustBeDone || this.flags(type, ctx).done) && r.state !== 'Complete';
  }

  private coerceList(
    type: Type & { kind: 'list' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const strict = (ctx & STRICT) !== 0;
    if (raw.kind !== 'array') {
      if (strict) return fail('invalid_type', path, type, raw, 'Expected a list');
      const r = this.coerce(type.item, raw, ctx, at(path, 0));
      if (!r.ok || this.withheld(r, type.item, ctx)) {
        return this.listOk([], 1, raw, { singleToArray: true, listErrors: !r.ok }, type, ctx);
      }
      return this.listOk([r.value], 1 + 10 * r.score, raw, { singleToArray: true }, type, ctx);
    }
    // In a partial, items before the last one are complete and frozen: their results are kept
    // on a memo attached to the (open) raw array, so a push only coerces the new tail.
    let memo: ListMemo;
    if (!this.partial) memo = freshMemo();
    else {
      const e = this.entryFor(raw, type, ctx);
      if (e === undefined) memo = this.listMemo(raw, type, ctx);
      else {
        e.listMemo ??= freshMemo();
        memo = e.listMemo;
      }
    }
    const items = raw.items;
    if (this.partial && memo.frozen === 0 && memo.last === undefined && items.length > 1)
      this.inheritListMemo(raw, type, ctx, path, memo);
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
      const r = this.coerce(type.item, item, ctx, keptPath(memo, path, i));
      // Only items before the last are final: the last one may be a tentative view of the scanner.
      const freeze = i < items.length - 1 && i === memo.frozen;
      if (!r.ok || this.withheld(r, type.item, ctx)) {
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
    if (this.partial && memo.frozen >= LIST_HEIR_MIN) this.recordList(raw, type, ctx, path, memo);
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
      : this.partial && memo.kept.length >= this.listViewMin
        ? listView(memo.kept, memo.kept.length, tail as unknown[])
        : memo.kept.concat(tail);
    const extra: OkMarkers = { listErrors: errors > 0 };
    if (markdownFirst) extra.markdownFirst = true;
    const r = this.listOk(values, score, raw, extra, type, ctx);
    if (this.partial) {
      memo.last = r;
      memo.lastKept = memo.kept.length;
      if (!sameValues) memo.lastTail = tail as unknown[];
    }
    return r;
  }

  private readonly listRecords: ListRecord[] = [];

  private listRecord(type: Type, ctx: number, path: Path): ListRecord | undefined {
    for (const r of this.listRecords)
      if (r.type === type && r.ctx === ctx && samePath(r.path, path)) return r;
    return undefined;
  }

  private recordList(raw: RawArray, type: Type, ctx: number, path: Path, memo: ListMemo): void {
    const r = this.listRecord(type, ctx, path);
    if (r) {
      r.raw = raw;
      r.memo = memo;
      r.epoch = this.epoch;
      return;
    }
    this.listRecords.unshift({ type, ctx, path, raw, memo, epoch: this.epoch });
    if (this.listRecords.length > LIST_RECORDS) this.listRecords.pop();
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
  private inheritListMemo(
    raw: RawArray,
    type: Type,
    ctx: number,
    path: Path,
    memo: ListMemo,
  ): void {
    const r = this.listRecord(type, ctx, path);
    if (!r || r.raw === raw || r.epoch >= this.epoch || r.memo === memo) return;
    if (!samePrefix(raw.items, r.raw.items, r.memo.frozen)) return;
    moveListMemo(r.memo, memo);
    r.raw = raw;
    r.memo = memo;
    r.epoch = this.epoch;
  }

  private listMemo(raw: RawArray, type: Type, ctx: number): ListMemo {
    let list = this.listMemos.get(raw);
    if (!list) {
      list = [];
      this.listMemos.set(raw, list);
    }
    for (const m of list) if (m.type === type && m.ctx === ctx) return m.memo;
    const memo = freshMemo();
    list.push({ type, ctx, memo });
    return memo;
  }

  /** Incremental `pick_best` folds over open raw arrays (partial mode), per type and context. */
  private readonly bestMemos = new WeakMap<RawArray, BestMemo[]>();

  /**
   * `pick_best` (not in a union) over the items of `raw` coerced to `type`: the best one, or
   * undefined. In a partial, items before the last are final (the raw tree's contract), so the
   * scan over them is kept on a memo and a push folds in only the new tail: O(tail), not
   * O(length), per push (an answer in a fenced block is read this way too, as the list of all
   * blocks).
   */
  private bestItem(type: Type, raw: RawArray, ctx: number, path: Path): Ok | undefined {
    const items = raw.items;
    let memo: BestMemo | undefined;
    if (this.partial) {
      let list = this.bestMemos.get(raw);
      if (!list) {
        list = [];
        this.bestMemos.set(raw, list);
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
      const r = this.coerce(type, items[i] as RawValue, ctx, at(path, i));
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

  // ---- maps ----------------------------------------------------------------------------------

  private coerceMap(type: Type & { kind: 'map' }, raw: RawValue, ctx: number, path: Path): Result {
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
      const r = this.coerce(type.value, entry.value, ctx, at(path, entry.key));
      if (!r.ok) {
        if (strict) return r;
        score += 1;
        continue;
      }
      if (this.withheld(r, type.value, ctx)) continue;
      // Keys typed as an enum or literal are neither checked nor converted (spec §9.3).
      if (!(entry.key in out)) out[entry.key] = r.value;
      score += r.score;
    }
    return okResult(out, score, stateOf(raw), this.partial && this.flags(type, ctx).done, 'map');
  }

  // ---- classes -------------------------------------------------------------------------------

  private coerceClass(
    type: Type & { kind: 'class' },
    raw: RawValue,
    ctx: number,
    path: Path,
  ): Result {
    const def = this.program.classes[type.name];
    if (!def) return fail('invalid_type', path, type, raw, `Unknown class ${type.name}`);
    const strict = (ctx & STRICT) !== 0;
    const fields = this.liveFields(def);
    if (raw.kind === 'object') return this.classFromObject(type, def, fields, raw, ctx, path);
    if (strict) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
    if (raw.kind === 'array') {
      let r: Ok | undefined;
      if (fields.length === 1) {
        // The whole array as the only field competes first (it changes with every item, so
        // this scan is not folded incrementally; single-field classes are small answers).
        const results: (Ok | undefined)[] = [];
        const whole = this.classFromFields(type, def, fields, raw, ctx, path, [raw], 0, true);
        results.push(whole.ok ? whole : undefined);
        for (let i = 0; i < raw.items.length; i++) {
          const item = this.coerce(type, raw.items[i] as RawValue, ctx, at(path, i));
          results.push(item.ok ? item : undefined);
        }
        const best = pickBest(results, false);
        r = best === -1 ? undefined : results[best];
      } else r = this.bestItem(type, raw, ctx, path);
      if (!r) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
      return r;
    }
    const only = fields.length === 1 ? fields[0] : undefined;
    if (only) {
      // A bare scalar fills the only field (ImpliedKey + InferedObject).
      const r = this.classFromFields(type, def, fields, raw, ctx, path, [raw], 0, true);
      if (r.ok && raw.kind === 'string') return withChanges(r, { inferedFromString: true });
      return r;
    }
    return this.classFromFields(type, def, fields, raw, ctx, path, [], 0, false);
  }

  private readonly keyCache = new WeakMap<ClassDef, Map<string, number>>();
  private readonly fieldCache = new WeakMap<ClassDef, FieldDef[]>();
  /** Incremental class coercions of raw objects (partial mode), per object, type and context. */
  private readonly classMemos = new WeakMap<RawObject, ClassMemo[]>();

  /** The fields the parser sees (`@skip` fields are left out), computed once per class. */
  private liveFields(def: ClassDef): FieldDef[] {
    let fields = this.fieldCache.get(def);
    if (!fields) {
      fields = def.fields.filter((f) => !f.skip);
      this.fieldCache.set(def, fields);
    }
    return fields;
  }

  /**
   * The index (in `liveFields`) of the field a key names, or -1 (memoised per class: keys repeat
   * across list items and pushes).
   */
  private matchField(def: ClassDef, byKey: Map<string, number>, key: string): number {
    let field = byKey.get(key);
    if (field === undefined) {
      field = this.matchFieldUncached(def, key);
      byKey.set(key, field);
    }
    return field;
  }

  /** The memo of `matchField` for a class. */
  private keysOf(def: ClassDef): Map<string, number> {
    let byKey = this.keyCache.get(def);
    if (!byKey) {
      byKey = new Map();
      this.keyCache.set(def, byKey);
    }
    return byKey;
  }

  private matchFieldUncached(def: ClassDef, key: string): number {
    const k = key.trim();
    const fields = this.liveFields(def);
    const names = fields.map((f) => f.alias ?? f.name);
    const rounds: ((s: string) => string)[] = [
      (s) => s,
      stripAccents,
      (s) => stripPunctuation(stripAccents(s)),
      (s) => stripPunctuation(stripAccents(s)).toLowerCase(),
    ];
    for (const round of rounds) {
      const kk = round(k);
      const i = names.findIndex((n) => round(n) === kk);
      if (i !== -1) return i;
    }
    return -1;
  }

  private classMemo(raw: RawObject, type: Type, ctx: number, n: number): ClassMemo {
    let list = this.classMemos.get(raw);
    if (!list) {
      list = [];
      this.classMemos.set(raw, list);
    }
    for (const m of list) if (m.type === type && m.ctx === ctx) return m;
    const m = freshClassMemo(type, ctx, n);
    list.push(m);
    return m;
  }

  private dropClassMemo(raw: RawObject, memo: ClassMemo): void {
    this.classMemos.delete(raw);
    for (const e of this.cache.get(raw) ?? []) if (e.classMemo === memo) e.classMemo = undefined;
  }

  private classFromObject(
    type: Type & { kind: 'class' },
    def: ClassDef,
    fields: FieldDef[],
    raw: RawObject,
    ctx: number,
    path: Path,
  ): Result {
    const byKey = this.keysOf(def);
    const entries = raw.entries;
    // In a partial, every entry but the last is final (the raw tree's contract): their matches
    // are folded into a memo once, and only the last entry is matched again on each push.
    let memo: ClassMemo | undefined;
    if (this.partial) {
      const e = this.entryFor(raw, type, ctx);
      if (e === undefined) memo = this.classMemo(raw, type, ctx, fields.length);
      else {
        e.classMemo ??= freshClassMemo(type, ctx, fields.length);
        memo = e.classMemo;
      }
      if (memo.busy) memo = undefined;
      else if (
        memo.stable > entries.length ||
        (memo.stable > 0 && entries[memo.stable - 1] !== memo.stableEntry)
      ) {
        resetClassMemo(memo);
      }
    }
    let matched: (RawValue | undefined)[];
    let extra: number;
    if (memo) {
      const keep = entries.length - 1;
      for (let i = memo.stable; i < keep; i++) {
        const entry = entries[i] as RawEntry;
        const fi = this.matchField(def, byKey, entry.key);
        if (fi === -1) memo.extra++;
        else if (memo.matched[fi] === undefined) memo.matched[fi] = entry.value;
      }
      if (keep > memo.stable) {
        memo.stable = keep;
        memo.stableEntry = entries[keep - 1];
      }
      matched = memo.scratch;
      for (let i = 0; i < fields.length; i++) matched[i] = memo.matched[i];
      extra = memo.extra;
      for (let i = memo.stable; i < entries.length; i++) {
        const entry = entries[i] as RawEntry;
        const fi = this.matchField(def, byKey, entry.key);
        if (fi === -1) extra++;
        else if (matched[fi] === undefined) matched[fi] = entry.value;
      }
    } else {
      matched = new Array<RawValue | undefined>(fields.length).fill(undefined);
      extra = 0;
      for (const entry of entries) {
        const fi = this.matchField(def, byKey, entry.key);
        if (fi === -1) extra++;
        else if (matched[fi] === undefined) matched[fi] = entry.value;
      }
    }
    if ((ctx & STRICT) !== 0 && extra > 0)
      return fail('invalid_type', path, type, raw, 'Unexpected keys');
    const only = fields.length === 1 ? fields[0] : undefined;
    if (only && matched[0] === undefined && entries.length > 0 && (ctx & STRICT) === 0) {
      // Single-field shortcut: the whole object goes into the only field (ImpliedKey).
      return this.classFromFields(type, def, fields, raw, ctx, path, [raw], extra, true);
    }
    if (!memo)
      return this.classFromFields(type, def, fields, raw, ctx, path, matched, extra, false);
    memo.busy = true;
    try {
      return this.classFromFields(type, def, fields, raw, ctx, path, matched, extra, false, memo);
    } finally {
      memo.busy = false;
      // A complete object's result is cached for good: the memo is not needed any more.
      if (raw.completion === 'complete') this.dropClassMemo(raw, memo);
    }
  }

  /**
   * One field's part of a class result. Depends only on the field, the raw value and the
   * coercion context, so for a complete raw value it is computed once per memo.
   */
  private fieldPart(
    f: FieldDef,
    value: RawValue,
    ctx: number,
    path: Path,
    strict: boolean,
    finalRules: boolean,
    implied: boolean,
    part: FieldPart,
  ): Fail | undefined {
    const ft = f.type;
    // The usual open leaf: a string for a plain string field is itself, score 0, in every mode
    // and pass (what `coerceString` and the steps below give), without a result per push.
    if (
      value.kind === 'string' &&
      !implied &&
      ft.kind === 'primitive' &&
      ft.name === 'string' &&
      !ft.attrs?.constraints?.length
    ) {
      const flags = this.flags(ft, ctx);
      if (!flags.done && !flags.state) {
        part.issue = undefined;
        part.impliedString = false;
        part.value = value.value;
        part.score = 0;
        return undefined;
      }
    }
    // (The same path object while the class's own path is: paths on the spine stay put.)
    const fpath = keptPath(part, path, f.name);
    // A field's own asserts wait for the final parse when its streamed type is `T | null` made
    // for streaming (BAML moves the field's attributes inside that new union, and the union it
    // checks against has none). An optional field is already a union with null and a needed one
    // (a list, a map, `@stream.not_null`) gets no new union: their asserts apply in partials
    // too, and a value that fails them shows as null (or `[]` / `{}`).
    const fctx =
      this.partial && !finalRules && !isOptional(ft) && !this.flags(ft, ctx).needed
        ? ctx | SKIP_ASSERTS
        : ctx & ~SKIP_ASSERTS;
    const isList = ft.kind === 'list';
    const isMap = ft.kind === 'map';
    // In a partial the strict pass comes first, as in BAML's try_cast: a value still being
    // written is accepted there (and withheld below), so it keeps its checks and its score.
    let r = !finalRules && !strict ? this.coerce(ft, value, fctx | STRICT, fpath) : undefined;
    if (!r?.ok) r = this.coerce(ft, value, fctx, fpath);
    part.issue = undefined;
    part.impliedString = false;
    if (r.ok) {
      let v = r.value;
      let score = r.score + (implied ? 2 : 0);
      if (implied && typeof unwrapChecks(v) === 'string') part.impliedString = true;
      if (!finalRules && this.withheld(r, ft, ctx)) {
        v = this.replaceValue(v, isList ? [] : isMap ? {} : null);
        score = r.score;
      }
      part.value =
        this.partial && !finalRules && this.flags(ft, ctx).state ? stateWrapper(v, r.state) : v;
      part.score = score;
      return undefined;
    }
    if (strict) return r;
    if (!finalRules) {
      const nullish = isList ? [] : isMap ? {} : null;
      part.value = this.flags(ft, ctx).state ? stateWrapper(nullish, stateOf(value)) : nullish;
      // A streamed field is `T | null`: the null variant takes anything (DefaultButHadValue).
      part.score = 110;
      return undefined;
    }
    // An optional field that fails (or fails its asserts) becomes null.
    if (isOptional(ft)) {
      part.value = null;
      part.score = 2;
      return undefined;
    }
    const { code, path: issuePath, expected, found, causes } = r.issue;
    const issue: Issue = {
      code,
      path: issuePath,
      expected,
      found,
      reason: `Failed to parse field ${f.name}: ${r.issue.reason}`,
    };
    if (causes) issue.causes = causes;
    part.issue = issue;
    part.value = undefined;
    part.score = 0;
    return undefined;
  }

  private classFromFields(
    type: Type & { kind: 'class' },
    def: ClassDef,
    fields: FieldDef[],
    raw: RawValue,
    ctx: number,
    path: Path,
    matched: (RawValue | undefined)[],
    extraKeys: number,
    implied: boolean,
    memo?: ClassMemo,
  ): Result {
    const strict = (ctx & STRICT) !== 0;
    const classDone = def.streamDone === true || type.attrs?.streamDone === true;
    // A done class streams in its final form: its fields follow the final rules (spec §4.2).
    const finalRules = !this.partial || classDone;
    let fieldScores = 0;
    let defaults = 0;
    let impliedString = false;
    let missing: Issue[] | undefined;
    let unparsed: Issue[] | undefined;
    const values: unknown[] = memo ? memo.values : new Array(fields.length);
    // `values` holds the fields of `last` until overwritten below; `last` is cleared until this
    // call succeeds, so an early return never leaves it paired with other values.
    const last = memo?.last;
    if (memo) memo.last = undefined;
    let same = last !== undefined;
    let part: FieldPart = memo ? (memo.parts[0] as FieldPart) : scratchPart();
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as FieldDef;
      const ft = f.type;
      const value = matched[i];
      if (value !== undefined) {
        if (memo) {
          part = memo.parts[i] as FieldPart;
          // A complete raw value gives the same part for good; an open one is coerced again
          // (cheap: its own results are memoised, and unchanged subtrees keep their identity).
          if (part.raw !== value || !part.complete) {
            const failed = this.fieldPart(f, value, ctx, path, strict, finalRules, implied, part);
            if (failed) {
              part.raw = undefined;
              return failed;
            }
            part.raw = value;
            part.complete = completionOf(value);
          }
        } else {
          const failed = this.fieldPart(f, value, ctx, path, strict, finalRules, implied, part);
          if (failed) return failed;
        }
        part.defaulted = false;
        if (part.issue) {
          unparsed ??= [];
          unparsed.push(part.issue);
          values[i] = undefined;
          continue;
        }
        if (part.impliedString) impliedString = true;
        if (same && values[i] !== part.value) same = false;
        values[i] = part.value;
        fieldScores += part.score;
        continue;
      }
      // Missing field. Its default (`null`, a fresh `[]` / `{}`, a Pending wrapper) depends only
      // on the field and the memo's type and context: the one made last time is kept.
      const memoPart = memo ? (memo.parts[i] as FieldPart) : undefined;
      if (memoPart) memoPart.raw = undefined;
      const reuse = memoPart?.defaulted === true;
      defaults++;
      const isList = ft.kind === 'list';
      const isMap = ft.kind === 'map';
      if (strict && finalRules && !isOptional(ft))
        return fail(
          'missing_field',
          at(path, f.name),
          ft,
          undefined,
          `Missing required field: ${f.name}`,
        );
      let v: unknown;
      if (!finalRules) {
        if (reuse) v = values[i];
        else {
          const flags = this.flags(ft, ctx);
          v = (isList || isMap) && !flags.done ? (isList ? [] : {}) : null;
          if (flags.state) v = stateWrapper(v, 'Pending');
        }
        fieldScores += isList || isMap ? 100 : 1;
      } else if (isOptional(ft)) {
        v = null;
        fieldScores += 1;
      } else if (isList || isMap) {
        v = reuse ? values[i] : isList ? [] : {};
        fieldScores += 100;
      } else {
        if (memoPart) memoPart.defaulted = false;
        missing ??= [];
        missing.push({
          code: 'missing_field',
          path: pathArray(at(path, f.name)),
          expected: renderType(ft),
          found: 'nothing',
          reason: `Missing required field: ${f.name}`,
        });
        values[i] = undefined;
        continue;
      }
      // A fresh `[]` / `{}` / wrapper each time: keep the last one while the field stays missing.
      if (same && memo) {
        const old = values[i];
        if (old === v || (v !== null && isSameDefault(old, v))) v = old;
        else same = false;
      }
      values[i] = v;
      if (memoPart) memoPart.defaulted = true;
    }
    // `@stream.not_null` fields must have a value for the object to appear at all.
    if (this.partial && !finalRules && (memo === undefined || memo.hasNeeded !== false)) {
      if (memo) memo.hasNeeded = false;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as FieldDef;
        if (!this.flags(f.type, ctx).needed || f.type.kind === 'list' || f.type.kind === 'map')
          continue;
        if (memo) memo.hasNeeded = true;
        const v = unwrapChecks(unwrapState(values[i]));
        if (v === null || v === undefined) {
          missing ??= [];
          missing.push({
            code: 'missing_field',
            path: pathArray(at(path, f.name)),
            expected: renderType(f.type),
            found: 'nothing',
            reason: `Missing required field: ${f.name}`,
          });
        }
      }
    }
    if (missing !== undefined || unparsed !== undefined) {
      const m = missing ?? [];
      const u = unparsed ?? [];
      return fail(
        m.length > 0 ? 'missing_field' : 'invalid_type',
        path,
        def.name,
        raw,
        `Failed while parsing required fields: missing=${m.length}, unparsed=${u.length}`,
        [...m, ...u],
      );
    }
    const score = extraKeys + 10 * fieldScores;
    const state = stateOf(raw);
    const allDefaults = fields.length > 0 && defaults === fields.length;
    const impliedStr = implied && impliedString && fields.length === 1;
    // Nothing changed since the last push: the same result (and output object) as then.
    if (
      same &&
      last !== undefined &&
      last.score === score &&
      last.state === state &&
      last.allDefaults === allDefaults
    ) {
      if (memo) memo.last = last;
      return last;
    }
    let out: Record<string, unknown>;
    if (same && last !== undefined) {
      // The same field values (only the score, the state or a marker changed, e.g. the object
      // was just closed): the same output object, so its identity does not churn.
      out = last.value as Record<string, unknown>;
    } else {
      // The last output object has the same keys in the same order: a copy of it takes its
      // shape at once (cheaper than adding the keys one by one); every field is overwritten.
      out = last !== undefined ? { ...(last.value as Record<string, unknown>) } : {};
      for (let i = 0; i < fields.length; i++) out[(fields[i] as FieldDef).name] = values[i];
    }
    if (this.wrapStates && !this.partial) {
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as FieldDef;
        if (!this.flags(f.type, ctx).state) continue;
        out[f.name] = stateWrapper(
          out[f.name] ?? null,
          matched[i] !== undefined ? 'Complete' : 'Pending',
        );
      }
    }
    let r: Ok = okResult(
      out,
      score,
      state,
      this.partial && (classDone || this.flags(type, ctx).done),
      'class',
      { allDefaults, impliedString: impliedStr },
    );
    if (def.constraints && def.constraints.length > 0) {
      const c = this.applyConstraints(def.constraints, r, ctx & ~SKIP_ASSERTS, path, raw, def.name);
      if (!c.ok) return c;
      r = c;
    } else if (memo) {
      memo.last = r;
    }
    return r;
  }

  /** Replaces the value inside a check wrapper (or the value itself). */
  private replaceValue(v: unknown, replacement: unknown): unknown {
    if (isChecked(v))
      return checkedWrapper(replacement, (v as { checks: Record<string, CheckResult> }).checks);
    return replacement;
  }

  /**
   * Whether `coerceRoot(type, raw, …)` would read exactly what the last call of this method saw:
   * the node below the FixedJson and one-candidate AnyOf wrappers that `coerce` sees through
   * (the result depends on that node and the number of AnyOfs only) is the same object at the
   * same `rev` (the raw stage's contract: same identity and `rev` means same content). Then the
   * partial is the same as last time. Never true for a plain string target (it reads the text).
   */
  sameRootAsLast(type: Type, raw: RawValue): boolean {
    if (isRawTextRoot(type)) return false;
    raw = this.seeThrough(type, raw);
    const levels = this.seenAnyOfs;
    const same =
      this.lastRoot === raw &&
      this.lastRootRev === raw.rev &&
      this.lastRootLevels === levels &&
      this.lastRootType === type;
    this.lastRoot = raw;
    this.lastRootRev = raw.rev;
    this.lastRootLevels = levels;
    this.lastRootType = type;
    return same;
  }

  private lastRoot: RawValue | undefined = undefined;
  private lastRootRev = 0;
  private lastRootLevels = 0;
  private lastRootType: Type | undefined = undefined;

  /**
   * Coerces the root of an answer: the top-level `string` shortcut, then the usual rules, then the
   * top-level checks (prose never silently becomes an object; a partial done value must be done).
   */
  coerceRoot(type: Type, raw: RawValue, text: string): Result {
    this.epoch++;
    if (this.finalClassMemo.size > 0) this.finalClassMemo = new Map();
    if (isRawTextRoot(type)) {
      return okResult(text, 0, 'Complete', false, 'scalar');
    }
    const r = this.coerce(type, raw, 0, undefined);
    if (!r.ok) return r;
    if (r.inferedFromString) {
      return fail(
        'infered_from_string',
        undefined,
        type,
        raw,
        'Prose cannot be read as an object (InferedObject from a string)',
      );
    }
    if (this.partial && this.withheld(r, type, 0)) {
      return fail(
        'not_done',
        undefined,
        type,
        raw,
        'IncompleteDoneValue: the value is not complete yet',
      );
    }
    return r;
  }
}
