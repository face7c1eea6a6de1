// TypeScript for the final (non-streaming) form of a BAML type, as in `types.ts`:
// `string[]`, `Record<string, V>`, `"a" | "b"`, `Checked<number, "pos">`, class and enum names.
import type { Constraint, Program, Type } from '../ir/types.js';
import { arrayOf, stringLiteral, unionOf } from './ts-names.js';

/** How references are written: `''` inside types.ts, `'types.'` elsewhere. */
export interface TypeContext {
  program: Program;
  /** Prefix for class, enum and alias names and for `Checked`. */
  prefix: string;
  /** Media names used so far (they must be imported from "tsbaml"). */
  media: Set<string>;
  /**
   * Write maps as `{ [key: string]: V }`: inside a recursive type alias TypeScript rejects
   * `Record<string, Alias>` as circular but accepts the index signature.
   */
  indexSignatureMaps?: boolean;
}

const MEDIA: Record<string, string> = {
  image: 'Image',
  audio: 'Audio',
  pdf: 'Pdf',
  video: 'Video',
};

/** The names of a type's `@check`s (asserts do not change the type). */
export function checkNames(constraints: Constraint[] | undefined): string[] {
  return (constraints ?? [])
    .filter((c) => c.level === 'check' && c.name)
    .map((c) => c.name as string);
}

/** `Checked<T, "a" | "b">` when the type carries checks, else T. */
export function withChecks(ts: string, type: Type, prefix: string): string {
  const names = checkNames(type.attrs?.constraints);
  if (names.length === 0) return ts;
  return `${prefix}Checked<${ts}, ${unionOf(names.map(stringLiteral))}>`;
}

/** The type without its top-level null variants (for `field?: T | null`). */
export function withoutNull(type: Type): Type | null {
  if (type.kind === 'primitive' && type.name === 'null') return null;
  if (type.kind !== 'union') return type;
  const variants = type.variants.filter((v) => !(v.kind === 'primitive' && v.name === 'null'));
  if (variants.length === 0) return null;
  if (variants.length === 1 && !type.attrs) return variants[0]!;
  return { ...type, variants };
}

/** The final TypeScript type of `type`. */
export function finalType(type: Type, ctx: TypeContext): string {
  return withChecks(bareFinalType(type, ctx), type, ctx.prefix);
}

function bareFinalType(type: Type, ctx: TypeContext): string {
  switch (type.kind) {
    case 'primitive':
      return type.name === 'string'
        ? 'string'
        : type.name === 'bool'
          ? 'boolean'
          : type.name === 'null'
            ? 'null'
            : 'number';
    case 'media': {
      const name = MEDIA[type.name] ?? 'Image';
      ctx.media.add(name);
      return name;
    }
    case 'literal':
      return typeof type.value === 'string' ? stringLiteral(type.value) : String(type.value);
    case 'class':
    case 'enum':
    case 'alias':
      return ctx.prefix + type.name;
    case 'list':
      return arrayOf(finalType(type.item, ctx));
    case 'map':
      return mapOf(
        mapKey(type.key, ctx),
        finalType(type.value, ctx),
        ctx.indexSignatureMaps === true,
      );
    case 'union':
      return unionOf(type.variants.map((v) => finalType(v, ctx)));
    case 'tuple':
      return `[${type.items.map((t) => finalType(t, ctx)).join(', ')}]`;
  }
}

/** Map keys: `string`, an enum, or string literals; anything else is typed as `string`. */
export function mapKey(key: Type, ctx: TypeContext): string {
  if (key.kind === 'enum') return ctx.prefix + key.name;
  if (key.kind === 'literal' && typeof key.value === 'string') return stringLiteral(key.value);
  if (
    key.kind === 'union' &&
    key.variants.every((v) => v.kind === 'literal' && typeof v.value === 'string')
  ) {
    return unionOf(key.variants.map((v) => stringLiteral(String((v as { value: string }).value))));
  }
  return 'string';
}

/** `Record<K, V>`, or the index-signature form inside recursive aliases. */
export function mapOf(key: string, value: string, indexSignature: boolean): string {
  if (!indexSignature) return `Record<${key}, ${value}>`;
  return key === 'string' ? `{ [key: string]: ${value} }` : `{ [key in ${key}]?: ${value} }`;
}
