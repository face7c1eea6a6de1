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
//
// This file is the core: the result cache and its hand-over of list and class memos, the
// wrappers (FixedJson, Markdown, AnyOf), the dispatch by type kind, the cycle guard of recursive
// types, the streaming flags and the root checks. Each kind of type has its own module, given
// the core as its context (./context.ts): ./scalars.ts, ./enums-literals.ts, ./unions.ts,
// ./lists.ts, ./maps.ts, ./classes.ts with ./class-fields.ts, and ./constraints.ts.

import { streamFlagsOf } from '../../../ir/stream-flags.js';
import type { Program, StreamFlags, Type } from '../../../ir/types.js';
import { isScalar, type RawValue } from '../raw/raw-value.js';
import { coerceClass } from './classes.js';
import { completionOf, fail, type Path } from './coerce-support.js';
import { applyConstraints } from './constraints.js';
import type { CacheEntry, CoerceMode } from './context.js';
import {
  type ClassState,
  type CoerceContext,
  IN_RECURSIVE_ALIAS,
  type ListState,
  SKIP_ASSERTS,
  STRICT,
  withheld,
} from './context.js';
import { coerceEnum, coerceLiteral } from './enums-literals.js';
import type { Issue } from './issues.js';
import { coerceList } from './lists.js';
import { coerceMap } from './maps.js';
import { pickBest } from './pick-best.js';
import {
  type Fail,
  type Ok,
  okResult,
  type Result,
  sameOk,
  scoredCandidate,
  withChanges,
} from './result.js';
import { coerceBool, coerceNull, coerceNumber, coerceString } from './scalars.js';
import { describeRaw } from './text.js';
import { coerceUnion } from './unions.js';

export { completionOf, renderType } from './coerce-support.js';
export type { CoerceMode } from './context.js';

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

/** Placeholder result of a cache entry being computed (never returned: its epoch is -2). */
const NOT_YET: Result = { ok: false, issue: undefined as unknown as Issue };

/** A top-level plain `string` (no constraints) is the answer's whole text (§3.3 shortcut). */
function isRawTextRoot(type: Type): boolean {
  return type.kind === 'primitive' && type.name === 'string' && !type.attrs?.constraints?.length;
}

export class Coercer implements CoerceContext {
  readonly lists: ListState = { memos: new WeakMap(), records: [], best: new WeakMap() };
  readonly classes: ClassState = {
    keys: new WeakMap(),
    fields: new WeakMap(),
    memos: new WeakMap(),
  };

  /** The cache entries of a raw node (partial mode). */
  entriesOf(raw: RawValue): CacheEntry[] | undefined {
    return this.cache.get(raw);
  }

  private readonly cache = new WeakMap<RawValue, CacheEntry[]>();
  /** Incremented by every `coerceRoot`: results for open nodes are valid within one pass. */
  epoch = 0;

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

  readonly listViewMin: number;

  readonly partial: boolean;

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
    if (raw.kind === 'markdown' || isScalar(raw)) return this.coerceUncached(type, raw, ctx, path);
    // Inside a cycle guard on this node (see `visiting`) a result depends on the guard: not kept.
    if (this.inCycle(raw)) return this.coerceUncached(type, raw, ctx, path);
    // Complete nodes never change: their results are kept for the whole stream. An open node is
    // on the spine being written and changes on nearly every push (a push that changes nothing
    // is skipped before coercion, see `sameRootAsLast`), so its results are kept for the current
    // pass only: that still stops unions from re-walking
    // the spine once per variant and level (quadratic in depth otherwise). Across passes the
    // open nodes keep incremental state instead (class and list memos), which is what makes a
    // push cost O(depth + changed leaf).
    let entries = this.entriesOf(raw);
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
  entryFor(raw: RawValue, type: Type, ctx: number): CacheEntry | undefined {
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
    return applyConstraints(type.attrs?.constraints, r, ctx, path, raw, type);
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

  coerceType(type: Type, raw: RawValue, ctx: number, path: Path): Result {
    switch (type.kind) {
      case 'primitive':
        switch (type.name) {
          case 'string':
            return coerceString(this, type, raw, ctx, path);
          case 'int':
          case 'float':
            return coerceNumber(this, type, raw, ctx, path);
          case 'bool':
            return coerceBool(this, type, raw, ctx, path);
          case 'null':
            return coerceNull(this, type, raw, ctx, path);
        }
        break;
      case 'media':
        return fail('invalid_type', path, type, raw, 'Media types are not supported in outputs');
      case 'literal':
        return coerceLiteral(this, type, raw, ctx, path);
      case 'enum':
        return coerceEnum(this, type, raw, ctx, path);
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
        return coerceList(this, type, raw, ctx, path);
      case 'map':
        return coerceMap(this, type, raw, ctx, path);
      case 'union':
        return coerceUnion(this, type, raw, ctx, path);
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
    const r = coerceClass(this, type, raw, ctx, path);
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
    if (this.partial && withheld(this, r, type, 0)) {
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
