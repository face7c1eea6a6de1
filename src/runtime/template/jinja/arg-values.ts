// Turns a function's arguments into interpreter values that behave like BAML's (spec §2.1 item 7):
// - a class prints as a pretty block keyed by alias names, with enum values unquoted;
// - an enum value is its alias (so `c == Color.RED` compares the same strings);
// - a `float` keeps printing as a float (`2.0`), a media value prints as a part marker;
// - `|format(type=…)` serialises classes by alias (kept in `aliasedViews`).

import type { Program, Type } from '../../../ir/types.js';
import { type MediaValue, mediaMarker } from '../markers.js';
import { type JinjaValue, jv } from './runtime-values.js';

/** The alias-keyed JSON view of values that have one (classes and what contains them). */
export const aliasedViews = new WeakMap<JinjaValue, unknown>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveAlias(program: Program, type: Type): Type {
  let t = type;
  for (let i = 0; t.kind === 'alias' && i < 100; i++) {
    const def = program.typeAliases[t.name];
    if (!def) break;
    t = def.type;
  }
  return t;
}

/** Picks the union variant a runtime value belongs to (best effort; arguments were validated). */
function pickVariant(program: Program, value: unknown, variants: Type[]): Type | undefined {
  const resolved = variants.map((v) => resolveAlias(program, v));
  const find = (pred: (t: Type) => boolean) => resolved.find(pred);
  if (value === null || value === undefined)
    return find((t) => t.kind === 'primitive' && t.name === 'null');
  if (Array.isArray(value)) return find((t) => t.kind === 'list' || t.kind === 'tuple');
  if (isObject(value)) {
    const keys = Object.keys(value);
    const cls = find((t) => {
      if (t.kind !== 'class') return false;
      const def = program.classes[t.name];
      return !!def && keys.every((k) => def.fields.some((f) => f.name === k));
    });
    return (
      cls ??
      find((t) => t.kind === 'map') ??
      find((t) => t.kind === 'media') ??
      find((t) => t.kind === 'class')
    );
  }
  if (typeof value === 'string') {
    return (
      find((t) => t.kind === 'literal' && t.value === value) ??
      find(
        (t) => t.kind === 'enum' && !!program.enums[t.name]?.values.some((v) => v.name === value),
      ) ??
      find((t) => t.kind === 'primitive' && t.name === 'string')
    );
  }
  if (typeof value === 'number') {
    return (
      find((t) => t.kind === 'literal' && t.value === value) ??
      find(
        (t) => t.kind === 'primitive' && t.name === (Number.isInteger(value) ? 'int' : 'float'),
      ) ??
      find((t) => t.kind === 'primitive' && (t.name === 'float' || t.name === 'int'))
    );
  }
  if (typeof value === 'boolean')
    return find(
      (t) =>
        (t.kind === 'literal' && t.value === value) ||
        (t.kind === 'primitive' && t.name === 'bool'),
    );
  return undefined;
}

function enumAlias(program: Program, enumName: string, value: unknown): string {
  const def = program.enums[enumName];
  const v = def?.values.find((x) => x.name === value);
  return v?.alias ?? String(value);
}

/** Alias-keyed plain data: what `format(type="json")` serialises. */
export function aliasedJson(program: Program, value: unknown, type: Type | undefined): unknown {
  const t = type ? resolveAlias(program, type) : undefined;
  if (value === null || value === undefined) return null;
  if (!t) return value;
  switch (t.kind) {
    case 'class': {
      const def = program.classes[t.name];
      if (!def || !isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const f of def.fields) {
        if (f.skip && value[f.name] === undefined) continue;
        out[f.alias ?? f.name] = aliasedJson(program, value[f.name] ?? null, f.type);
      }
      return out;
    }
    case 'enum':
      return enumAlias(program, t.name, value);
    case 'list':
      return Array.isArray(value) ? value.map((v) => aliasedJson(program, v, t.item)) : value;
    case 'map':
      if (!isObject(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, aliasedJson(program, v, t.value)]),
      );
    case 'union':
      return aliasedJson(program, value, pickVariant(program, value, t.variants));
    default:
      return value;
  }
}

/** Rust-style `{:#?}` pretty printing, the layout BAML uses for a class in a prompt. */
function pretty(program: Program, value: unknown, type: Type | undefined, depth: number): string {
  const t = type ? resolveAlias(program, type) : undefined;
  const pad = '    '.repeat(depth + 1);
  const close = '    '.repeat(depth);
  if (value === null || value === undefined) return 'null';
  if (t?.kind === 'union')
    return pretty(program, value, pickVariant(program, value, t.variants), depth);
  if (t?.kind === 'enum') return enumAlias(program, t.name, value);
  if (
    t?.kind === 'primitive' &&
    t.name === 'float' &&
    typeof value === 'number' &&
    Number.isInteger(value)
  )
    return value.toFixed(1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const item = t?.kind === 'list' ? t.item : undefined;
    return `[\n${value.map((v) => `${pad}${pretty(program, v, item, depth + 1)},\n`).join('')}${close}]`;
  }
  if (isObject(value)) {
    let entries: [string, unknown, Type | undefined][];
    if (t?.kind === 'class' && program.classes[t.name]) {
      const def = program.classes[t.name]!;
      entries = def.fields
        .filter((f) => !(f.skip && value[f.name] === undefined))
        .map((f) => [f.alias ?? f.name, value[f.name] ?? null, f.type]);
    } else {
      const valueType = t?.kind === 'map' ? t.value : undefined;
      entries = Object.entries(value).map(([k, v]) => [k, v, valueType]);
    }
    if (entries.length === 0) return '{}';
    const body = entries.map(
      ([k, v, ft]) => `${pad}${JSON.stringify(k)}: ${pretty(program, v, ft, depth + 1)},\n`,
    );
    return `{\n${body.join('')}${close}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function asMedia(value: unknown): MediaValue | undefined {
  if (!isObject(value)) return undefined;
  const url = typeof value.url === 'string' ? value.url : undefined;
  const base64 = typeof value.base64 === 'string' ? value.base64 : undefined;
  const mediaType =
    typeof value.mediaType === 'string'
      ? value.mediaType
      : typeof value.media_type === 'string'
        ? value.media_type
        : undefined;
  if (url === undefined && base64 === undefined) return undefined;
  return { url, base64, mediaType };
}

/**
 * Converts one argument to an interpreter value following its declared type.
 *
 * @example
 * toJinjaValue(program, { name: 'Ann' }, { kind: 'class', name: 'Person' }).toString()
 * // '{\n    "name": "Ann",\n}'
 */
export function toJinjaValue(program: Program, value: unknown, type: Type | undefined): JinjaValue {
  const t = type ? resolveAlias(program, type) : undefined;
  if (value === null || value === undefined) return jv.null();
  if (t?.kind === 'union')
    return toJinjaValue(program, value, pickVariant(program, value, t.variants));
  if (t?.kind === 'enum') return jv.string(enumAlias(program, t.name, value));
  if (t?.kind === 'media') {
    const media = asMedia(value);
    if (media) {
      const marker = jv.object(
        new Map(
          Object.entries(media)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, jv.string(v as string)]),
        ),
      );
      marker.toString = () => mediaMarker({ kind: t.name, ...media });
      return marker;
    }
  }
  if (typeof value === 'number') {
    return t?.kind === 'primitive' && t.name === 'float' ? jv.float(value) : jv.from(value);
  }
  if (Array.isArray(value)) {
    const item = t?.kind === 'list' ? t.item : undefined;
    const out = jv.array(value.map((v) => toJinjaValue(program, v, item)));
    aliasedViews.set(out, aliasedJson(program, value, t));
    return out;
  }
  if (isObject(value)) {
    if (t?.kind === 'class' && program.classes[t.name]) {
      const def = program.classes[t.name]!;
      const entries = new Map<string, JinjaValue>();
      for (const f of def.fields) {
        if (f.skip && value[f.name] === undefined) continue;
        entries.set(f.name, toJinjaValue(program, value[f.name] ?? null, f.type));
      }
      const obj = jv.object(entries);
      const printed = pretty(program, value, t, 0);
      obj.toString = () => printed;
      aliasedViews.set(obj, aliasedJson(program, value, t));
      return obj;
    }
    const valueType = t?.kind === 'map' ? t.value : undefined;
    const entries = new Map(
      Object.entries(value).map(([k, v]) => [k, toJinjaValue(program, v, valueType)] as const),
    );
    const obj = jv.object(entries);
    aliasedViews.set(obj, aliasedJson(program, value, t));
    return obj;
  }
  return jv.from(value);
}
