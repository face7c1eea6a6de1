// The coercion context: what every per-kind module of stage B reads and the core (`Coercer`,
// ./coercer.ts) owns. The modules are plain functions taking the context first; the core
// dispatches to them by type kind and they call back `cx.coerce` for what is inside. State
// that outlives one call (memos of open lists and objects, per-class key matches) lives in
// the context's `lists` and `classes` records, created by the core once per parser.

import type { ClassDef, FieldDef, Program, StreamFlags, Type } from '../../../ir/types.js';
import type { RawArray, RawObject, RawValue } from '../raw/raw-value.js';
import {
  type ClassMemo,
  completionOf,
  fail,
  type ListMemo,
  type Path,
  stateOf,
} from './coerce-support.js';
import { type Fail, type Ok, type OkMarkers, okResult, type Result } from './result.js';

export type CoerceMode = 'final' | 'partial';

/** Context bits that change a result for the same node and type. */
export const STRICT = 1;
export const SKIP_ASSERTS = 2;
export const IN_RECURSIVE_ALIAS = 4;

/** A memoised result of one (raw node, type occurrence, context bits), partial mode. */
export interface CacheEntry {
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

/** A long list last coerced at a place (see `LIST_HEIR_MIN` in ./lists.ts). */
export interface ListRecord {
  type: Type;
  ctx: number;
  path: Path;
  raw: RawArray;
  memo: ListMemo;
  /** The pass that last coerced `raw` here. */
  epoch: number;
}

/** `pick_best`'s scan over the final items [0, frozen) of an open array. */
export interface BestMemo {
  type: Type;
  ctx: number;
  frozen: number;
  best: number;
  result: Ok | undefined;
}

/** List state kept across passes (partial mode). */
export interface ListState {
  /** List memos of open raw arrays not reached through a cache entry, per type and context. */
  readonly memos: WeakMap<RawArray, { type: Type; ctx: number; memo: ListMemo }[]>;
  /** The most recent long lists, by place (see `inheritListMemo`). */
  readonly records: ListRecord[];
  /** Incremental `pick_best` folds over open raw arrays, per type and context. */
  readonly best: WeakMap<RawArray, BestMemo[]>;
}

/** Class state kept across passes. */
export interface ClassState {
  /** Field index per key, per class (see `matchField`). */
  readonly keys: WeakMap<ClassDef, Map<string, number>>;
  /** The fields the parser sees (`@skip` left out), per class. */
  readonly fields: WeakMap<ClassDef, FieldDef[]>;
  /** Incremental class coercions of raw objects (partial mode), per object, type and context. */
  readonly memos: WeakMap<RawObject, ClassMemo[]>;
}

/** A per-kind coercion: `raw` read as `type` (a type of kind `K`), given the core as context. */
export type KindCoercer<K extends Type['kind'] = Type['kind']> = (
  cx: CoerceContext,
  type: Extract<Type, { kind: K }>,
  raw: RawValue,
  ctx: number,
  path: Path,
) => Result;

/** What the per-kind modules see of the core. */
export interface CoerceContext {
  readonly program: Program;
  /** b.parseStream (every field nullable, done values only once complete) or b.parse. */
  readonly partial: boolean;
  /** Final mode only: wrap `@stream.with_state` fields as `{value, state}`. */
  readonly wrapStates: boolean;
  /** Lists with at least this many frozen items are returned as views in partials. */
  readonly listViewMin: number;
  /** The current pass (incremented by every `coerceRoot`). */
  readonly epoch: number;
  readonly lists: ListState;
  readonly classes: ClassState;
  /** Streaming flags of a type occurrence. */
  flags(type: Type, ctx: number): StreamFlags;
  /** Coerces `raw` to `type` with memoisation (the way back into the core for what is inside). */
  coerce(type: Type, raw: RawValue, ctx: number, path: Path): Result;
  /** The per-kind dispatch, below wrappers and constraints. */
  coerceType(type: Type, raw: RawValue, ctx: number, path: Path): Result;
  /** The cache entry of (raw, type, ctx) when it is the one being computed (else undefined). */
  entryFor(raw: RawValue, type: Type, ctx: number): CacheEntry | undefined;
  /** The cache entries of a raw node (partial mode). */
  entriesOf(raw: RawValue): CacheEntry[] | undefined;
}

/** In a partial, a done-typed value still being written is rejected by the lenient pass. */
export function notDone(
  cx: CoerceContext,
  type: Type,
  raw: RawValue,
  ctx: number,
  path: Path,
): Fail | undefined {
  if (!cx.partial || (ctx & STRICT) !== 0) return undefined;
  if (!cx.flags(type, ctx).done || completionOf(raw)) return undefined;
  return fail('not_done', path, type, raw, 'Streaming field is not done');
}

export function leaf(
  cx: CoerceContext,
  type: Type,
  raw: RawValue,
  ctx: number,
  value: unknown,
  score: number,
  extra?: OkMarkers,
): Result {
  // null is not done while coercing (it takes anything) but must be done to be shown (§4.3).
  const mustBeDone =
    cx.partial && (cx.flags(type, ctx).done || (type.kind === 'primitive' && type.name === 'null'));
  return okResult(
    value,
    score,
    stateOf(raw),
    mustBeDone,
    value === null ? 'null' : 'scalar',
    extra,
  );
}

/** Whether a partial item/field value has to be withheld until complete. */
export function withheld(cx: CoerceContext, r: Ok, type: Type, ctx: number): boolean {
  return cx.partial && (r.mustBeDone || cx.flags(type, ctx).done) && r.state !== 'Complete';
}
