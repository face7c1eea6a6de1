// A call argument as BAML hands it to its template engine: the JS value read through its declared
// type (spec §2.1 item 7). Classes keep only the fields that were given, in declaration order;
// enum values carry their alias; a number is an int or a float by the declared type.
//
// How such a value prints is BAML's (minijinja's Display / Rust `Debug`, see print-value.ts).

import type { Program, Type } from '../../../ir/types.js';
import { BamlInvalidArgumentError } from '../../errors/index.js';
import type { MediaValue } from '../markers.js';

/** Deeper arguments are refused rather than risk the stack (printing recurses as deep). */
const MAX_DEPTH = 500;

export type BamlValue =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string; alias: string | undefined }
  | { kind: 'media'; media: MediaValue & { kind: string } }
  | { kind: 'list'; items: BamlValue[] }
  | { kind: 'map'; entries: [string, BamlValue][] }
  /** `fields` holds [declared name, prompt key (alias or name), value]. */
  | { kind: 'class'; fields: [string, string, BamlValue][] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function resolveAlias(program: Program, type: Type | undefined): Type | undefined {
  let t = type;
  for (let i = 0; t?.kind === 'alias' && i < 100; i++) {
    const def = program.typeAliases[t.name];
    if (!def) break;
    t = def.type;
  }
  return t;
}

/** Picks the union variant a runtime value belongs to (best effort; arguments were validated). */
function pickVariant(program: Program, value: unknown, variants: Type[]): Type | undefined {
  const resolved = variants.map((v) => resolveAlias(program, v) as Type);
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
 * Reads `value` through `type`. A field or key whose value is `undefined` was not given: it is
 * left out, so the template sees it as undefined (not none).
 *
 * @example
 * toBamlValue(program, { name: 'Ann' }, { kind: 'class', name: 'Person' })
 * // { kind: 'class', fields: [['name', 'name', { kind: 'string', value: 'Ann' }]] }
 */
export function toBamlValue(
  program: Program,
  value: unknown,
  type: Type | undefined,
  depth = 0,
): BamlValue {
  if (depth > MAX_DEPTH)
    throw new BamlInvalidArgumentError(`an argument nests deeper than ${MAX_DEPTH} levels`);
  let t = resolveAlias(program, type);
  if (t?.kind === 'union') t = pickVariant(program, value, t.variants);
  if (value === null || value === undefined) return { kind: 'null' };
  switch (t?.kind) {
    case 'enum': {
      const v = program.enums[t.name]?.values.find((x) => x.name === value);
      return { kind: 'enum', value: String(value), alias: v?.alias };
    }
    case 'media': {
      const media = asMedia(value);
      if (media) return { kind: 'media', media: { kind: t.name, ...media } };
      break;
    }
    case 'class': {
      const def = program.classes[t.name];
      if (!def || !isObject(value)) break;
      const fields: [string, string, BamlValue][] = [];
      for (const f of def.fields) {
        if (value[f.name] === undefined) continue;
        fields.push([
          f.name,
          f.alias ?? f.name,
          toBamlValue(program, value[f.name], f.type, depth + 1),
        ]);
      }
      if (def.dynamic) {
        for (const [k, v] of Object.entries(value))
          if (v !== undefined && !def.fields.some((f) => f.name === k))
            fields.push([k, k, toBamlValue(program, v, undefined, depth + 1)]);
      }
      return { kind: 'class', fields };
    }
    case 'primitive':
      if (typeof value === 'number')
        return {
          kind: t.name === 'float' ? 'float' : Number.isInteger(value) ? 'int' : 'float',
          value,
        };
      break;
  }
  if (Array.isArray(value)) {
    const item = t?.kind === 'list' ? t.item : undefined;
    return {
      kind: 'list',
      items: value.map((v, i) =>
        toBamlValue(program, v, t?.kind === 'tuple' ? t.items[i] : item, depth + 1),
      ),
    };
  }
  if (isObject(value)) {
    const valueType = t?.kind === 'map' ? t.value : undefined;
    return {
      kind: 'map',
      entries: Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toBamlValue(program, v, valueType, depth + 1)]),
    };
  }
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'int' : 'float', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  return { kind: 'string', value: String(value) };
}

/** The alias-keyed plain data `format(type="json"|"yaml"|"toon")` serialises. */
export function bamlValueToJson(value: BamlValue): unknown {
  switch (value.kind) {
    case 'null':
      return null;
    case 'enum':
      return value.alias ?? value.value;
    case 'media':
      return { ...value.media };
    case 'list':
      return value.items.map(bamlValueToJson);
    case 'map':
      return Object.fromEntries(value.entries.map(([k, v]) => [k, bamlValueToJson(v)]));
    case 'class':
      return Object.fromEntries(value.fields.map(([, key, v]) => [key, bamlValueToJson(v)]));
    default:
      return value.value;
  }
}
