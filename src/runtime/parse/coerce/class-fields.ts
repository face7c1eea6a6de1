// The fields of a class result: each field's part (coerced, withheld while not done, defaulted
// when missing or failing, wrapped for `@stream.with_state`), `@stream.not_null` fields, the
// class-level asserts, and the output object (the same object as last time when nothing changed).

import type { ClassDef, FieldDef, Type } from '../../../ir/types.js';
import type { RawValue } from '../raw/raw-value.js';
import {
  at,
  type ClassMemo,
  completionOf,
  type FieldPart,
  fail,
  isOptional,
  isSameDefault,
  keptPath,
  type Path,
  pathArray,
  renderType,
  scratchPart,
  stateOf,
} from './coerce-support.js';
import { applyConstraints } from './constraints.js';
import { type CoerceContext, SKIP_ASSERTS, STRICT, withheld } from './context.js';
import type { Issue } from './issues.js';
import { type Fail, type Ok, okResult, type Result } from './result.js';
import {
  type CheckResult,
  checkedWrapper,
  isChecked,
  stateWrapper,
  unwrapChecks,
  unwrapState,
} from './wrappers.js';

/**
 * One field's part of a class result. Depends only on the field, the raw value and the
 * coercion context, so for a complete raw value it is computed once per memo.
 */
function fieldPart(
  cx: CoerceContext,
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
    const flags = cx.flags(ft, ctx);
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
    cx.partial && !finalRules && !isOptional(ft) && !cx.flags(ft, ctx).needed
      ? ctx | SKIP_ASSERTS
      : ctx & ~SKIP_ASSERTS;
  const isList = ft.kind === 'list';
  const isMap = ft.kind === 'map';
  // In a partial the strict pass comes first, as in BAML's try_cast: a value still being
  // written is accepted there (and withheld below), so it keeps its checks and its score.
  let r = !finalRules && !strict ? cx.coerce(ft, value, fctx | STRICT, fpath) : undefined;
  if (!r?.ok) r = cx.coerce(ft, value, fctx, fpath);
  part.issue = undefined;
  part.impliedString = false;
  if (r.ok) {
    let v = r.value;
    let score = r.score + (implied ? 2 : 0);
    if (implied && typeof unwrapChecks(v) === 'string') part.impliedString = true;
    if (!finalRules && withheld(cx, r, ft, ctx)) {
      v = replaceValue(v, isList ? [] : isMap ? {} : null);
      score = r.score;
    }
    part.value =
      cx.partial && !finalRules && cx.flags(ft, ctx).state ? stateWrapper(v, r.state) : v;
    part.score = score;
    return undefined;
  }
  if (strict) return r;
  if (!finalRules) {
    const nullish = isList ? [] : isMap ? {} : null;
    part.value = cx.flags(ft, ctx).state ? stateWrapper(nullish, stateOf(value)) : nullish;
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

export function classFromFields(
  cx: CoerceContext,
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
  const finalRules = !cx.partial || classDone;
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
          const failed = fieldPart(cx, f, value, ctx, path, strict, finalRules, implied, part);
          if (failed) {
            part.raw = undefined;
            return failed;
          }
          part.raw = value;
          part.complete = completionOf(value);
        }
      } else {
        const failed = fieldPart(cx, f, value, ctx, path, strict, finalRules, implied, part);
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
        const flags = cx.flags(ft, ctx);
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
  if (cx.partial && !finalRules && (memo === undefined || memo.hasNeeded !== false)) {
    if (memo) memo.hasNeeded = false;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as FieldDef;
      if (!cx.flags(f.type, ctx).needed || f.type.kind === 'list' || f.type.kind === 'map')
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
  if (cx.wrapStates && !cx.partial) {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as FieldDef;
      if (!cx.flags(f.type, ctx).state) continue;
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
    cx.partial && (classDone || cx.flags(type, ctx).done),
    'class',
    { allDefaults, impliedString: impliedStr },
  );
  if (def.constraints && def.constraints.length > 0) {
    const c = applyConstraints(def.constraints, r, ctx & ~SKIP_ASSERTS, path, raw, def.name);
    if (!c.ok) return c;
    r = c;
  } else if (memo) {
    memo.last = r;
  }
  return r;
}

/** Replaces the value inside a check wrapper (or the value itself). */
function replaceValue(v: unknown, replacement: unknown): unknown {
  if (isChecked(v))
    return checkedWrapper(replacement, (v as { checks: Record<string, CheckResult> }).checks);
  return replacement;
}
