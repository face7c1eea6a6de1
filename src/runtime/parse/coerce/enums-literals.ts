// Stage B for enums and literals (spec §3.3–3.4): an exact name or alias first, then the
// string matcher over the text (substring counts, ties are an error); a literal int or bool is
// read as its primitive and compared; an object of one primitive unwraps (ObjectToPrimitive).

import type { EnumDef, Type } from '../../../ir/types.js';
import type { RawValue } from '../raw/raw-value.js';
import { fail, renderType, stateOf } from './coerce-support.js';
import { type KindCoercer, leaf, notDone, STRICT } from './context.js';
import { type MatchCandidate, matchString } from './match-string.js';
import { withChanges } from './result.js';
import { renderLoose } from './text.js';

function textOf(raw: RawValue): string | undefined {
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

function enumCandidates(def: EnumDef): MatchCandidate[] {
  return def.values
    .filter((v) => !v.skip)
    .map((v) => {
      const name = v.alias ?? v.name;
      const accepted = [name];
      if (v.description) accepted.push(v.description, `${name}: ${v.description}`);
      return { value: v.name, accepted };
    });
}

export const coerceEnum: KindCoercer<'enum'> = (cx, type, raw, ctx, path) => {
  const def = cx.program.enums[type.name];
  if (!def) return fail('invalid_type', path, type, raw, `Unknown enum ${type.name}`);
  const candidates = enumCandidates(def);
  if (raw.kind === 'string') {
    const exact = def.values.find((v) => !v.skip && (v.alias ?? v.name) === raw.value);
    if (exact) return leaf(cx, type, raw, ctx, exact.name, 0);
  }
  if ((ctx & STRICT) !== 0)
    return fail('no_match', path, type, raw, `Expected a value of ${type.name}`);
  const text = textOf(raw);
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
  const nd = notDone(cx, type, raw, ctx, path);
  if (nd) return nd;
  return leaf(cx, type, raw, ctx, m.value, m.score);
};

export const coerceLiteral: KindCoercer<'literal'> = (cx, type, raw, ctx, path) => {
  const strict = (ctx & STRICT) !== 0;
  const want = type.value;
  // An object with exactly one key whose value is a primitive is unwrapped (ObjectToPrimitive).
  if (raw.kind === 'object' && !strict) {
    const only = raw.entries.length === 1 ? raw.entries[0] : undefined;
    if (!only || !['string', 'number', 'bool', 'null'].includes(only.value.kind)) {
      return fail('invalid_type', path, type, raw, `Expected ${renderType(type)}`);
    }
    const r = coerceLiteral(cx, type, only.value, ctx, path);
    if (!r.ok) return r;
    // The literal is only as complete as the object it was unwrapped from.
    const nd = notDone(cx, type, raw, ctx, path);
    if (nd) return nd;
    return withChanges(r, {
      score: r.score + 2,
      state: r.state === 'Complete' ? stateOf(raw) : r.state,
    });
  }
  if (typeof want === 'string') {
    if (raw.kind === 'string' && raw.value === want) return leaf(cx, type, raw, ctx, want, 0);
    if (strict) return fail('no_match', path, type, raw, `Expected ${renderType(type)}`);
    const text = textOf(raw);
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
    const nd = notDone(cx, type, raw, ctx, path);
    if (nd) return nd;
    return leaf(cx, type, raw, ctx, want, m.score);
  }
  const inner: Type = { kind: 'primitive', name: typeof want === 'number' ? 'int' : 'bool' };
  const r = cx.coerceType(inner, raw, ctx, path);
  if (!r.ok || r.value !== want)
    return fail('no_match', path, type, raw, `Expected ${renderType(type)}`);
  const nd = notDone(cx, type, raw, ctx, path);
  if (nd) return nd;
  return withChanges(r, { mustBeDone: cx.partial && cx.flags(type, ctx).done });
};
