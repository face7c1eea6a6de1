// Stage B for classes (spec §3.3): keys matched to fields (exact, then accents, punctuation and
// case relaxed; memoised per class), an array read as its best item (or as the only field), a
// scalar as the only field (ImpliedKey). In partials an open object keeps a class memo: entries
// before the last are final, so a push only re-matches the last one. The fields themselves are
// coerced in ./class-fields.ts.

import type { ClassDef, FieldDef, Type } from '../../../ir/types.js';
import type { RawEntry, RawObject, RawValue } from '../raw/raw-value.js';
import { classFromFields } from './class-fields.js';
import {
  at,
  type ClassMemo,
  fail,
  freshClassMemo,
  type Path,
  resetClassMemo,
} from './coerce-support.js';
import { type CoerceContext, type KindCoercer, STRICT } from './context.js';
import { bestItem } from './lists.js';
import { pickBest } from './pick-best.js';
import { type Ok, type Result, withChanges } from './result.js';
import { stripAccents, stripPunctuation } from './text.js';

export const coerceClass: KindCoercer<'class'> = (cx, type, raw, ctx, path) => {
  const def = cx.program.classes[type.name];
  if (!def) return fail('invalid_type', path, type, raw, `Unknown class ${type.name}`);
  const strict = (ctx & STRICT) !== 0;
  const fields = liveFields(cx, def);
  if (raw.kind === 'object') return classFromObject(cx, type, def, fields, raw, ctx, path);
  if (strict) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
  if (raw.kind === 'array') {
    let r: Ok | undefined;
    if (fields.length === 1) {
      // The whole array as the only field competes first (it changes with every item, so
      // this scan is not folded incrementally; single-field classes are small answers).
      const results: (Ok | undefined)[] = [];
      const whole = classFromFields(cx, type, def, fields, raw, ctx, path, [raw], 0, true);
      results.push(whole.ok ? whole : undefined);
      for (let i = 0; i < raw.items.length; i++) {
        const item = cx.coerce(type, raw.items[i] as RawValue, ctx, at(path, i));
        results.push(item.ok ? item : undefined);
      }
      const best = pickBest(results, false);
      r = best === -1 ? undefined : results[best];
    } else r = bestItem(cx, type, raw, ctx, path);
    if (!r) return fail('invalid_type', path, type, raw, `Expected an object for ${def.name}`);
    return r;
  }
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only) {
    // A bare scalar fills the only field (ImpliedKey + InferedObject).
    const r = classFromFields(cx, type, def, fields, raw, ctx, path, [raw], 0, true);
    if (r.ok && raw.kind === 'string') return withChanges(r, { inferedFromString: true });
    return r;
  }
  return classFromFields(cx, type, def, fields, raw, ctx, path, [], 0, false);
};

/** The fields the parser sees (`@skip` fields are left out), computed once per class. */
function liveFields(cx: CoerceContext, def: ClassDef): FieldDef[] {
  let fields = cx.classes.fields.get(def);
  if (!fields) {
    fields = def.fields.filter((f) => !f.skip);
    cx.classes.fields.set(def, fields);
  }
  return fields;
}

/**
 * The index (in `liveFields`) of the field a key names, or -1 (memoised per class: keys repeat
 * across list items and pushes).
 */
function matchField(
  cx: CoerceContext,
  def: ClassDef,
  byKey: Map<string, number>,
  key: string,
): number {
  let field = byKey.get(key);
  if (field === undefined) {
    field = matchFieldUncached(cx, def, key);
    byKey.set(key, field);
  }
  return field;
}

/** The memo of `matchField` for a class. */
function keysOf(cx: CoerceContext, def: ClassDef): Map<string, number> {
  let byKey = cx.classes.keys.get(def);
  if (!byKey) {
    byKey = new Map();
    cx.classes.keys.set(def, byKey);
  }
  return byKey;
}

function matchFieldUncached(cx: CoerceContext, def: ClassDef, key: string): number {
  const k = key.trim();
  const fields = liveFields(cx, def);
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

export function classMemo(
  cx: CoerceContext,
  raw: RawObject,
  type: Type,
  ctx: number,
  n: number,
): ClassMemo {
  let list = cx.classes.memos.get(raw);
  if (!list) {
    list = [];
    cx.classes.memos.set(raw, list);
  }
  for (const m of list) if (m.type === type && m.ctx === ctx) return m;
  const m = freshClassMemo(type, ctx, n);
  list.push(m);
  return m;
}

function dropClassMemo(cx: CoerceContext, raw: RawObject, memo: ClassMemo): void {
  cx.classes.memos.delete(raw);
  for (const e of cx.entriesOf(raw) ?? []) if (e.classMemo === memo) e.classMemo = undefined;
}

function classFromObject(
  cx: CoerceContext,
  type: Type & { kind: 'class' },
  def: ClassDef,
  fields: FieldDef[],
  raw: RawObject,
  ctx: number,
  path: Path,
): Result {
  const byKey = keysOf(cx, def);
  const entries = raw.entries;
  // In a partial, every entry but the last is final (the raw tree's contract): their matches
  // are folded into a memo once, and only the last entry is matched again on each push.
  let memo: ClassMemo | undefined;
  if (cx.partial) {
    const e = cx.entryFor(raw, type, ctx);
    if (e === undefined) memo = classMemo(cx, raw, type, ctx, fields.length);
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
      const fi = matchField(cx, def, byKey, entry.key);
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
      const fi = matchField(cx, def, byKey, entry.key);
      if (fi === -1) extra++;
      else if (matched[fi] === undefined) matched[fi] = entry.value;
    }
  } else {
    matched = new Array<RawValue | undefined>(fields.length).fill(undefined);
    extra = 0;
    for (const entry of entries) {
      const fi = matchField(cx, def, byKey, entry.key);
      if (fi === -1) extra++;
      else if (matched[fi] === undefined) matched[fi] = entry.value;
    }
  }
  if ((ctx & STRICT) !== 0 && extra > 0)
    return fail('invalid_type', path, type, raw, 'Unexpected keys');
  const only = fields.length === 1 ? fields[0] : undefined;
  if (only && matched[0] === undefined && entries.length > 0 && (ctx & STRICT) === 0) {
    // Single-field shortcut: the whole object goes into the only field (ImpliedKey).
    return classFromFields(cx, type, def, fields, raw, ctx, path, [raw], extra, true);
  }
  if (!memo) return classFromFields(cx, type, def, fields, raw, ctx, path, matched, extra, false);
  memo.busy = true;
  try {
    return classFromFields(cx, type, def, fields, raw, ctx, path, matched, extra, false, memo);
  } finally {
    memo.busy = false;
    // A complete object's result is cached for good: the memo is not needed any more.
    if (raw.completion === 'complete') dropClassMemo(cx, raw, memo);
  }
}
