// Stage B of schema-aligned parsing (spec §3.3–3.6) and the streaming rules of §4.3, in one pass
// over the raw value tree.
//
// One `Coercer` serves one mode: 'final' (b.parse: normal types, required fields enforced) or
// 'partial' (b.parseStream: every field nullable, done-typed values shown only once complete,
// `@stream.not_null` / `@stream.with_state` applied). Results are memoised per raw node, type and
// context. Complete raw nodes never change, so their results (and the output objects inside them)
// are computed once and keep their identity across partials; open nodes (the spine being written)
// are recomputed once per pass, and growing lists only coerce their new tail. That is what makes
// streaming linear and gives structural sharing.

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
import type { RawArray, RawObject, RawValue } from '../raw/raw-value.js';
import {
  at,
  completionOf,
  fail,
  freshMemo,
  isOptional,
  type ListMemo,
  type Path,
  pathArray,
  renderType,
  stateOf,
} from './coerce-support.js';
import type { Issue } from './issues.js';
import { evaluateConstraint } from './jinja-expression.js';
import { listView } from './list-view.js';
import { type MatchCandidate, matchString } from './match-string.js';
import { findNumber, roundHalfAwayFromZero } from './numbers.js';
import { pickBest } from './pick-best.js';
import {
  type Fail,
  type Ok,
  type OkMarkers,
  okResult,
  type Result,
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
const LIST_VIEW_MIN = 64;

/** Context bits that change a result for the same node and type. */
const STRICT = 1;
const SKIP_ASSERTS = 2;
const IN_RECURSIVE_ALIAS = 4;

interface CacheEntry {
  type: Type;
  ctx: number;
  result: Result;
  /** -1 for a complete node (valid for good); else the pass (`Coercer.epoch`) it belongs to. */
  epoch: number;
}

export class Coercer {
  private readonly cache = new WeakMap<RawValue, CacheEntry[]>();
  /** Incremented by every `coerceRoot`: results for open nodes are valid within one pass. */
  private epoch = 0;
  private readonly listMemos = new WeakMap<
    RawArray,
    Map<Type, { ctx: number; memo: ListMemo }[]>
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
  ) {}

  private get partial(): boolean {
    return this.mode === 'partial';
  }

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
    // A final parse sees each node once or twice: memoising would only cost allocations.
    if (!this.partial) return this.coerceUncached(type, raw, ctx, path);
    // Wrappers are pass-through and cost nothing to redo; their `rev` is not reliable (the
    // scanner keeps them at 0 while their inner value changes), so they are never memoised.
    if (raw.kind === 'fixed' || raw.kind === 'markdown')
      return this.coerceUncached(type, raw, ctx, path);
    // Complete nodes never change: their results are kept for the whole stream. An open node is
    // on the spine being written and changes on nearly every push, and its `rev` is not reliable
    // enough to key on (synthetic candidate arrays and wrappers keep rev 0 while their content
    // changes), so its results are kept for the current pass only: that still stops unions from
    // re-walking the spine once per variant and level (quadratic in depth otherwise).
    const complete = completionOf(raw);
    let entries = this.cache.get(raw);
    if (entries) {
      for (const e of entries) {
        if (e.type !== type || e.ctx !== ctx) continue;
        if (e.epoch === -1 || e.epoch === this.epoch) return e.result;
        e.result = this.coerceUncached(type, raw, ctx, path);
        e.epoch = complete ? -1 : this.epoch;
        return e.result;
      }
    }
    const result = this.coerceUncached(type, raw, ctx, path);
    if (!entries) {
      entries = [];
      this.cache.set(raw, entries);
    }
    entries.push({ type, ctx, result, epoch: complete ? -1 : this.epoch });
    return result;
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
    return withChanges(r, {
      score: r.score + 1,
      weak: r.shape === 'scalar' || r.shape === 'null' ? true : r.weak,
    });
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
        return this.coerceClass(type, raw, ctx, path);
      case 'alias': {
        const def = this.program.typeAliases[type.name];
        if (!def) return fail('invalid_type', path, type, raw, `Unknown type alias ${type.name}`);
        return this.coerce(def.type, raw, def.recursive ? ctx | IN_RECURSIVE_ALIAS : ctx, path);
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
    const results = raw.items.map((item, i) => {
      const r = this.coerce(type, item, ctx, at(path, i));
      return r.ok ? r : undefined;
    });
    const best = pickBest(results, false);
    const r = best === -1 ? undefined : results[best];
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
    const memo = this.partial ? this.listMemo(raw, type, ctx) : freshMemo();
    const items = raw.items;
    const tail: unknown[] = [];
    let scoreSum = memo.scoreSum;
    let errors = memo.errors;
    let errorScore = memo.errorScore;
    let markdownFirst = memo.markdownFirst;
    for (let i = Math.min(memo.frozen, items.length); i < items.length; i++) {
      const item = items[i] as RawValue;
      const r = this.coerce(type.item, item, ctx, at(path, i));
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
        else tail.push(r.value);
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
    // One copy per call: the memo's array is never handed out (it keeps growing).
    // Long lists in partials are views over the memo (O(tail) per push instead of a full copy).
    const values =
      this.partial && memo.kept.length >= LIST_VIEW_MIN
        ? listView(memo.kept, memo.kept.length, tail)
        : memo.kept.concat(tail);
    const extra: OkMarkers = { listErrors: errors > 0 };
    if (markdownFirst) extra.markdownFirst = true;
    return this.listOk(values, errorScore + 10 * scoreSum, raw, extra, type, ctx);
  }

  private listMemo(raw: RawArray, type: Type, ctx: number): ListMemo {
    let byType = this.listMemos.get(raw);
    if (!byType) {
      byType = new Map();
      this.listMemos.set(raw, byType);
    }
    let list = byType.get(type);
    if (!list) {
      list = [];
      byType.set(type, list);
    }
    let found = list.find((m) => m.ctx === ctx);
    if (!found) {
      found = {
        ctx,
        memo: freshMemo(),
      };
      list.push(found);
    }
    return found.memo;
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
    if (raw.kind === 'object') return this.classFromObject(type, def, raw, ctx, path);
    if (strict) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
    if (raw.kind === 'array') {
      const results: (Ok | undefined)[] = [];
      const only = fields.length === 1 ? fields[0] : undefined;
      if (only) {
        const r = this.classFromFields(
          type,
          def,
          raw,
          ctx,
          path,
          new Map([[only.name, raw]]),
          0,
          true,
        );
        results.push(r.ok ? r : undefined);
      }
      for (let i = 0; i < raw.items.length; i++) {
        const r = this.coerce(type, raw.items[i] as RawValue, ctx, at(path, i));
        results.push(r.ok ? r : undefined);
      }
      const best = pickBest(results, false);
      const r = best === -1 ? undefined : results[best];
      if (!r) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
      return r;
    }
    const only = fields.length === 1 ? fields[0] : undefined;
    if (only) {
      // A bare scalar fills the only field (ImpliedKey + InferedObject).
      const r = this.classFromFields(
        type,
        def,
        raw,
        ctx,
        path,
        new Map([[only.name, raw]]),
        0,
        true,
      );
      if (r.ok && raw.kind === 'string') return withChanges(r, { inferedFromString: true });
      return r;
    }
    return this.classFromFields(type, def, raw, ctx, path, new Map(), 0, false);
  }

  private readonly keyCache = new WeakMap<ClassDef, Map<string, string | undefined>>();
  private readonly fieldCache = new WeakMap<ClassDef, FieldDef[]>();

  /** The fields the parser sees (`@skip` fields are left out), computed once per class. */
  private liveFields(def: ClassDef): FieldDef[] {
    let fields = this.fieldCache.get(def);
    if (!fields) {
      fields = def.fields.filter((f) => !f.skip);
      this.fieldCache.set(def, fields);
    }
    return fields;
  }

  /** The field a key names (memoised per class: keys repeat across list items and pushes). */
  private matchField(def: ClassDef, key: string): string | undefined {
    let byKey = this.keyCache.get(def);
    if (!byKey) {
      byKey = new Map();
      this.keyCache.set(def, byKey);
    }
    if (byKey.has(key)) return byKey.get(key);
    const field = this.matchFieldUncached(def, key);
    byKey.set(key, field);
    return field;
  }

  private matchFieldUncached(def: ClassDef, key: string): string | undefined {
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
      if (i !== -1) return fields[i]?.name;
    }
    return undefined;
  }

  private classFromObject(
    type: Type & { kind: 'class' },
    def: ClassDef,
    raw: RawObject,
    ctx: number,
    path: Path,
  ): Result {
    const matched = new Map<string, RawValue>();
    let extra = 0;
    for (const entry of raw.entries) {
      const field = this.matchField(def, entry.key);
      if (field === undefined) extra++;
      else if (!matched.has(field)) matched.set(field, entry.value);
    }
    if ((ctx & STRICT) !== 0 && extra > 0)
      return fail('invalid_type', path, type, raw, 'Unexpected keys');
    const fields = this.liveFields(def);
    const only = fields.length === 1 ? fields[0] : undefined;
    if (only && matched.size === 0 && raw.entries.length > 0 && (ctx & STRICT) === 0) {
      // Single-field shortcut: the whole object goes into the only field (ImpliedKey).
      return this.classFromFields(
        type,
        def,
        raw,
        ctx,
        path,
        new Map([[only.name, raw]]),
        extra,
        true,
      );
    }
    return this.classFromFields(type, def, raw, ctx, path, matched, extra, false);
  }

  private classFromFields(
    type: Type & { kind: 'class' },
    def: ClassDef,
    raw: RawValue,
    ctx: number,
    path: Path,
    matched: Map<string, RawValue>,
    extraKeys: number,
    implied: boolean,
  ): Result {
    const strict = (ctx & STRICT) !== 0;
    const classDone = def.streamDone === true || type.attrs?.streamDone === true;
    // A done class streams in its final form: its fields follow the final rules (spec §4.2).
    const finalRules = !this.partial || classDone;
    const out: Record<string, unknown> = {};
    let fieldScores = 0;
    let defaults = 0;
    let impliedString = false;
    const missing: Issue[] = [];
    const unparsed: Issue[] = [];
    const fields = this.liveFields(def);
    for (const f of fields) {
      const ft = f.type;
      const fpath = at(path, f.name);
      const value = matched.get(f.name);
      const fctx = this.partial && !finalRules ? ctx | SKIP_ASSERTS : ctx & ~SKIP_ASSERTS;
      const isList = ft.kind === 'list';
      const isMap = ft.kind === 'map';
      if (value !== undefined) {
        // In a partial the strict pass comes first, as in BAML's try_cast: a value still being
        // written is accepted there (and withheld below), so it keeps its checks and its score.
        let r = !finalRules && !strict ? this.coerce(ft, value, fctx | STRICT, fpath) : undefined;
        if (!r?.ok) r = this.coerce(ft, value, fctx, fpath);
        if (r.ok) {
          let v = r.value;
          let score = r.score + (implied ? 2 : 0);
          if (implied && typeof unwrapChecks(v) === 'string') impliedString = true;
          if (!finalRules && this.withheld(r, ft, ctx)) {
            v = this.replaceValue(v, isList ? [] : isMap ? {} : null);
            score = r.score;
          }
          out[f.name] =
            this.partial && !finalRules && this.flags(ft, ctx).state ? stateWrapper(v, r.state) : v;
          fieldScores += score;
          continue;
        }
        if (strict) return r;
        if (!finalRules) {
          const nullish = isList ? [] : isMap ? {} : null;
          out[f.name] = this.flags(ft, ctx).state ? stateWrapper(nullish, stateOf(value)) : nullish;
          // A streamed field is `T | null`: the null variant takes anything (DefaultButHadValue).
          fieldScores += 110;
          continue;
        }
        // An optional field that fails (or fails its asserts) becomes null.
        if (isOptional(ft)) {
          out[f.name] = null;
          fieldScores += 2;
          continue;
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
        unparsed.push(issue);
        continue;
      }
      // Missing field.
      defaults++;
      if (strict && finalRules && !isOptional(ft))
        return fail('missing_field', fpath, ft, undefined, `Missing required field: ${f.name}`);
      if (!finalRules) {
        const done = this.flags(ft, ctx).done;
        const v = (isList || isMap) && !done ? (isList ? [] : {}) : null;
        out[f.name] = this.flags(ft, ctx).state ? stateWrapper(v, 'Pending') : v;
        fieldScores += isList || isMap ? 100 : 1;
        continue;
      }
      if (isOptional(ft)) {
        out[f.name] = null;
        fieldScores += 1;
      } else if (isList || isMap) {
        out[f.name] = isList ? [] : {};
        fieldScores += 100;
      } else {
        missing.push({
          code: 'missing_field',
          path: pathArray(fpath),
          expected: renderType(ft),
          found: 'nothing',
          reason: `Missing required field: ${f.name}`,
        });
      }
    }
    // `@stream.not_null` fields must have a value for the object to appear at all.
    if (this.partial && !finalRules) {
      for (const f of fields) {
        if (!this.flags(f.type, ctx).needed || f.type.kind === 'list' || f.type.kind === 'map')
          continue;
        const v = unwrapChecks(unwrapState(out[f.name]));
        if (v === null || v === undefined) {
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
    if (missing.length > 0 || unparsed.length > 0) {
      return fail(
        missing.length > 0 ? 'missing_field' : 'invalid_type',
        path,
        def.name,
        raw,
        `Failed while parsing required fields: missing=${missing.length}, unparsed=${unparsed.length}`,
        [...missing, ...unparsed],
      );
    }
    if (this.wrapStates && !this.partial) {
      for (const f of fields) {
        if (!this.flags(f.type, ctx).state) continue;
        out[f.name] = stateWrapper(
          out[f.name] ?? null,
          matched.has(f.name) ? 'Complete' : 'Pending',
        );
      }
    }
    let r: Ok = okResult(
      out,
      extraKeys + 10 * fieldScores,
      stateOf(raw),
      this.partial && (classDone || this.flags(type, ctx).done),
      'class',
      {
        allDefaults: fields.length > 0 && defaults === fields.length,
        impliedString: implied && impliedString && fields.length === 1,
      },
    );
    if (def.constraints && def.constraints.length > 0) {
      const c = this.applyConstraints(def.constraints, r, ctx & ~SKIP_ASSERTS, path, raw, def.name);
      if (!c.ok) return c;
      r = c;
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
   * Coerces the root of an answer: the top-level `string` shortcut, then the usual rules, then the
   * top-level checks (prose never silently becomes an object; a partial done value must be done).
   */
  coerceRoot(type: Type, raw: RawValue, text: string): Result {
    this.epoch++;
    if (type.kind === 'primitive' && type.name === 'string' && !type.attrs?.constraints?.length) {
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
