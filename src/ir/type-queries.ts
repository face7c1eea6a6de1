// Questions about a type that several layers ask: the compiler, the runtime, the generator and
// the server. The walkers visit each alias and class at most once, so recursive types end.
import type {
  EnumRefType,
  LiteralType,
  MediaType,
  PrimitiveType,
  Program,
  TupleType,
  Type,
  TypeAliasDef,
} from './types.js';

/**
 * Whether `null` is a valid value of `type`: `null` itself, or a union with such a variant.
 * Given `typeAliases`, aliases are looked through (`type MaybeInt = int?` accepts null). Without,
 * an alias never counts: that is how the generated TypeScript, the OpenAPI schema and the
 * server's request check decide whether a parameter or field may be left out.
 *
 * @example
 * acceptsNull({ kind: 'primitive', name: 'null' }) // true
 * acceptsNull({ kind: 'alias', name: 'MaybeInt' }) // false: no aliases given
 */
export function acceptsNull(
  type: Type,
  typeAliases?: Readonly<Record<string, TypeAliasDef>>,
): boolean {
  return acceptsNullSeen(type, typeAliases, new Set());
}

function acceptsNullSeen(
  type: Type,
  typeAliases: Readonly<Record<string, TypeAliasDef>> | undefined,
  seen: Set<string>,
): boolean {
  switch (type.kind) {
    case 'primitive':
      return type.name === 'null';
    case 'union':
      return type.variants.some((v) => acceptsNullSeen(v, typeAliases, seen));
    case 'alias': {
      if (!typeAliases || seen.has(type.name)) return false;
      seen.add(type.name);
      const def = typeAliases[type.name];
      return def ? acceptsNullSeen(def.type, typeAliases, seen) : false;
    }
    default:
      return false;
  }
}

/**
 * Whether a partial value of `type` is never null at its position (spec §4.2): the type does not
 * accept null itself, and either the position needs a value (`needed`: a list item, a map value,
 * a union variant, a stream's top level) or the type always has one (a list or a map, a
 * `@stream.not_null` value, a `@@stream.not_null` class). The generated partial types and the
 * OpenAPI partial schemas both follow it.
 */
export function neverNullInPartial(program: Program, type: Type, needed: boolean): boolean {
  if (acceptsNull(type)) return false;
  return (
    needed ||
    type.attrs?.streamNotNull === true ||
    type.kind === 'list' ||
    type.kind === 'map' ||
    (type.kind === 'class' && program.classes[type.name]?.streamNotNull === true)
  );
}

/**
 * Whether a partial of `type` can contain a `{ value, state }` wrapper, i.e. whether
 * `@stream.with_state` is on `type` or on any type reachable from it.
 */
export function mayHoldStreamState(program: Program, type: Type): boolean {
  return mayHoldStreamStateSeen(program, type, new Set());
}

function mayHoldStreamStateSeen(program: Program, type: Type, seen: Set<string>): boolean {
  if (type.stream?.state || type.attrs?.streamWithState) return true;
  switch (type.kind) {
    case 'class': {
      if (seen.has(`class:${type.name}`)) return false;
      seen.add(`class:${type.name}`);
      const def = program.classes[type.name];
      return def?.fields.some((f) => mayHoldStreamStateSeen(program, f.type, seen)) ?? false;
    }
    case 'alias': {
      if (seen.has(`alias:${type.name}`)) return false;
      seen.add(`alias:${type.name}`);
      const def = program.typeAliases[type.name];
      return def ? mayHoldStreamStateSeen(program, def.type, seen) : false;
    }
    case 'list':
      return mayHoldStreamStateSeen(program, type.item, seen);
    case 'map':
      return mayHoldStreamStateSeen(program, type.value, seen);
    case 'union':
      return type.variants.some((v) => mayHoldStreamStateSeen(program, v, seen));
    case 'tuple':
      return type.items.some((v) => mayHoldStreamStateSeen(program, v, seen));
    default:
      return false;
  }
}

/** The kinds whose partials are their final type (see `finalInPartial`). */
const WHOLE_IN_PARTIAL: ReadonlySet<Type['kind']> = new Set([
  'primitive',
  'media',
  'literal',
  'enum',
  'tuple',
]);

/**
 * Whether a partial of `type` has the final type's shape whatever its stream attributes: scalars,
 * media, literals, enums and tuples stream whole (the generators write their final type).
 */
export function finalInPartial(
  type: Type,
): type is PrimitiveType | MediaType | LiteralType | EnumRefType | TupleType {
  return WHOLE_IN_PARTIAL.has(type.kind);
}
