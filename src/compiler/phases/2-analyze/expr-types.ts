// Types as the statement-syntax checker sees them: IR types, with `undefined` standing for a type
// the checker cannot know (a builtin, a lambda, a narrowed union). Unknown is compatible with
// everything, so the checker only reports what it can prove, as BAML's does on these programs.

import type { Program, Type } from '../../../ir/types.js';

/** A type, or `undefined` when unknown. */
export type MaybeType = Type | undefined;

export const INT: Type = { kind: 'primitive', name: 'int' };
export const FLOAT: Type = { kind: 'primitive', name: 'float' };
export const STRING: Type = { kind: 'primitive', name: 'string' };
export const BOOL: Type = { kind: 'primitive', name: 'bool' };
export const NULL: Type = { kind: 'primitive', name: 'null' };

/** How many aliases deep a type is looked through before giving up (cycles, long chains). */
const ALIAS_LIMIT = 32;

/** `type` with aliases looked through (unknown past the limit or for a missing alias). */
export function expand(type: MaybeType, program: Program): MaybeType {
  let current = type;
  for (let i = 0; current?.kind === 'alias'; i++) {
    if (i >= ALIAS_LIMIT) return undefined;
    current = program.typeAliases[current.name]?.type;
  }
  return current;
}

export function isPrimitive(type: MaybeType, name: string): boolean {
  return type?.kind === 'primitive' && type.name === name;
}

/**
 * A declared literal type as BAML's checker sees it: `string`, whatever the literal (BAML lowers
 * every literal type to `string` before checking bodies, so `-> "done"` accepts `return "x"`
 * and `-> 1` rejects `return 1`). Values never have literal types here.
 */
export function widen(type: Type): Type {
  return type.kind === 'literal' ? STRING : type;
}

/**
 * Whether a value of type `from` can be stored where `to` is expected, by BAML's subtyping rules:
 * no conversion between `int` and `float`, unions on either side, lists covariant, map keys
 * contravariant, classes and enums by name, and literal types seen as `string` (see `widen`).
 * Unknown on either side is accepted; `depth` bounds the walk.
 */
export function assignable(from: MaybeType, to: MaybeType, program: Program, depth = 0): boolean {
  if (depth > 64) return true;
  const a = expand(from, program);
  const b = expand(to, program);
  if (a === undefined || b === undefined) return true;
  if (a.kind === 'union') return a.variants.every((v) => assignable(v, b, program, depth + 1));
  if (b.kind === 'union') return b.variants.some((v) => assignable(a, v, program, depth + 1));
  const wide = widen(a);
  if (b.kind === 'literal') return isPrimitive(wide, 'string');
  return sameShape(wide, b, (x, y) => assignable(x, y, program, depth + 1));
}

/**
 * Whether `a` has `b`'s shape: the same primitive, class, enum or media, or a list or map whose
 * parts are related by `parts` (a map's keys the other way round, `parts(b.key, a.key)`).
 */
function sameShape(a: Type, b: Type, parts: (x: Type, y: Type) => boolean): boolean {
  switch (b.kind) {
    case 'primitive':
    case 'class':
    case 'enum':
    case 'media':
      return a.kind === b.kind && (a as { name: string }).name === b.name;
    case 'list':
      return a.kind === 'list' && parts(a.item, b.item);
    case 'map':
      return a.kind === 'map' && parts(b.key, a.key) && parts(a.value, b.value);
    default:
      return false;
  }
}

/**
 * Whether two types are the same for BAML's `return` check, which compares without subtyping:
 * `return x` with `x: int` does not fit `-> int?`. Aliases are looked through, literal types are
 * `string` (see `widen`), union members compare in order (`null` last). Unknown on either side
 * is accepted.
 */
export function sameType(a: MaybeType, b: MaybeType, program: Program, depth = 0): boolean {
  if (depth > 64) return true;
  const x = expand(a, program);
  const y = expand(b, program);
  if (x === undefined || y === undefined) return true;
  const l = widen(x);
  const r = widen(y);
  if (l.kind !== 'union') return sameShape(l, r, (p, q) => sameType(p, q, program, depth + 1));
  if (r.kind !== 'union' || l.variants.length !== r.variants.length) return false;
  const right = nullLast(r.variants);
  return nullLast(l.variants).every((v, i) => sameType(v, right[i], program, depth + 1));
}

/** Union members with `null` moved last, the order BAML keeps them in. */
function nullLast(variants: Type[]): Type[] {
  return [
    ...variants.filter((v) => !isPrimitive(v, 'null')),
    ...variants.filter((v) => isPrimitive(v, 'null')),
  ];
}

/** A type as BAML names it in messages: `int`, `string[]`, `map<string, int>`, `(int | null)`. */
export function typeName(type: MaybeType, depth = 0): string {
  if (type === undefined || depth > 16) return 'unknown';
  switch (type.kind) {
    case 'primitive':
    case 'media':
    case 'class':
    case 'enum':
    case 'alias':
      return type.name;
    case 'literal':
      return 'string';
    case 'list':
      return `${typeName(type.item, depth + 1)}[]`;
    case 'map':
      return `map<${typeName(type.key, depth + 1)}, ${typeName(type.value, depth + 1)}>`;
    case 'union':
      return `(${type.variants.map((v) => typeName(v, depth + 1)).join(' | ')})`;
    case 'tuple':
      return `(${type.items.map((v) => typeName(v, depth + 1)).join(', ')})`;
  }
}

/** A value's type as messages name it (a declared literal type is a `string`, see `widen`). */
export function valueTypeName(type: MaybeType): string {
  return typeName(type === undefined ? undefined : widen(type));
}

/** The one type of several values (array items, branches), or unknown when they differ. */
export function commonType(types: MaybeType[]): MaybeType {
  const first = types[0];
  if (first === undefined) return undefined;
  const key = valueTypeName(first);
  return types.every((t) => t !== undefined && valueTypeName(t) === key) ? widen(first) : undefined;
}

/** The result of `left op right` for arithmetic operators, when it can be known. */
export function arithmeticResult(op: string, left: MaybeType, right: MaybeType): MaybeType {
  if (left === undefined || right === undefined) return undefined;
  const l = widen(left);
  const r = widen(right);
  if (op === '+' && isPrimitive(l, 'string') && isPrimitive(r, 'string')) return STRING;
  const numeric = (t: Type) => isPrimitive(t, 'int') || isPrimitive(t, 'float');
  if (!numeric(l) || !numeric(r)) return undefined;
  return isPrimitive(l, 'int') && isPrimitive(r, 'int') ? INT : FLOAT;
}
