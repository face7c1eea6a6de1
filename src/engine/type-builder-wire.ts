// A Python TypeBuilder crosses the engine link as the list of changes it recorded (`tb.ops`, in
// order; docs/python-engine.md "TypeBuilder"). The engine replays them onto a real TypeBuilder
// for the loaded program, so a call with `tb` runs exactly as a TypeScript call with that builder
// would. The builder comes from "tsbaml/type-builder" (the engine is a Node process and may load
// the compiler's front end), so `add_baml` reads BAML text too. A change the builder refuses is
// answered as a typed error: BAML's `BamlError` with the builder's message, unless it already is
// a BamlError (an `add_baml` text error: its diagnostics, as BAML's Python client words it), and
// `BamlInvalidArgumentError` for a malformed change. `describeTypeBuilder` tells the client what
// the replayed builder declares, for `add_baml` to fail at once and the Python builder to list it.
import type { Program } from '../ir/types.js';
import { BamlError, BamlInvalidArgumentError } from '../runtime/index.js';
import type { FieldType } from '../runtime/type-builder/index.js';
import { programWithTypeBuilder } from '../runtime/type-builder/type-builder.js';
import { TypeBuilder } from '../type-builder/index.js';
import { typeBuilderBamlReader } from '../type-builder/read-baml.js';

/** One recorded change (see docs/python-engine.md for each op's fields). */
export type WireTbOp =
  | { op: 'add_class'; name: string }
  | { op: 'add_enum'; name: string }
  | { op: 'add_baml'; baml: string }
  | { op: 'add_property'; class: string; name: string; type: WireTbType }
  | {
      op: 'property';
      class: string;
      name: string;
      type?: WireTbType;
      alias?: string | null;
      description?: string | null;
    }
  | { op: 'remove_property'; class: string; name: string }
  | { op: 'reset'; class: string }
  | { op: 'add_value'; enum: string; name: string }
  | {
      op: 'value';
      enum: string;
      name: string;
      alias?: string | null;
      description?: string | null;
      skip?: boolean;
    };

/**
 * A type as the Python FieldType records it: `{"primitive": "string"}`, `{"literal": v}`,
 * `{"list": T}`, `{"optional": T}`, `{"map": [K, V]}`, `{"union": [T, …]}`, `{"class": "N"}`,
 * `{"enum": "N"}`.
 */
export type WireTbType = Record<string, unknown>;

/** The TypeBuilder with the builders of named types reachable (they are protected). */
class ReplayTypeBuilder extends TypeBuilder {
  constructor(program: Program) {
    super(program, { readBaml: typeBuilderBamlReader('') });
  }
  classNamed(name: string) {
    return this.classBuilder(name);
  }
  enumNamed(name: string) {
    return this.enumBuilder(name);
  }
}

/** The wire's `tb` replayed onto a TypeBuilder for `program`; undefined when there is none. */
export function typeBuilderFromWire(program: Program, wire: unknown): TypeBuilder | undefined {
  if (wire === undefined || wire === null) return undefined;
  const ops = (wire as { ops?: unknown }).ops;
  if (typeof wire !== 'object' || !Array.isArray(ops))
    throw new BamlInvalidArgumentError(
      'tb must be {"ops": [...]} (the changes a TypeBuilder recorded)',
    );
  const tb = new ReplayTypeBuilder(program);
  for (const op of ops) {
    try {
      apply(tb, op as WireTbOp);
    } catch (error) {
      if (error instanceof BamlError) throw error;
      throw new BamlError(error instanceof Error ? error.message : String(error));
    }
  }
  return tb;
}

/**
 * What a builder declares beyond `program`: each class and enum it created or changed, with the
 * names of the properties / values the schema's type lacks (all of them for a new type), in
 * order; and the type aliases it declared. The answer of the `type_builder` request.
 */
export interface TypeBuilderDescription {
  classes: Record<string, string[]>;
  enums: Record<string, string[]>;
  aliases: string[];
}

/** `tb` (replayed onto `program`) described; nothing without a builder. */
export function describeTypeBuilder(
  program: Program,
  tb: TypeBuilder | undefined,
): TypeBuilderDescription {
  const out: TypeBuilderDescription = { classes: {}, enums: {}, aliases: [] };
  if (!tb) return out;
  const built = programWithTypeBuilder(program, tb);
  for (const [name, def] of Object.entries(built.classes)) {
    const declared = program.classes[name];
    if (def === declared) continue;
    const known = new Set(declared?.fields.map((f) => f.name));
    out.classes[name] = def.fields.map((f) => f.name).filter((n) => !known.has(n));
  }
  for (const [name, def] of Object.entries(built.enums)) {
    const declared = program.enums[name];
    if (def === declared) continue;
    const known = new Set(declared?.values.map((v) => v.name));
    out.enums[name] = def.values.map((v) => v.name).filter((n) => !known.has(n));
  }
  for (const name of Object.keys(built.typeAliases))
    if (!Object.hasOwn(program.typeAliases, name)) out.aliases.push(name);
  return out;
}

function apply(tb: ReplayTypeBuilder, o: WireTbOp): void {
  switch (o.op) {
    case 'add_class':
      tb.addClass(text(o.name, 'name'));
      return;
    case 'add_enum':
      tb.addEnum(text(o.name, 'name'));
      return;
    case 'add_baml':
      tb.addBaml(text(o.baml, 'baml'));
      return;
    case 'add_property':
      tb.classNamed(text(o.class, 'class')).addProperty(
        text(o.name, 'name'),
        fieldType(tb, o.type),
      );
      return;
    case 'property': {
      const cls = tb.classNamed(text(o.class, 'class'));
      const name = text(o.name, 'name');
      // BAML's property(name) makes the property when the class has none of that name.
      const exists = cls.listProperties().some(([n]) => n === name);
      if (!exists && o.type === undefined)
        throw new BamlInvalidArgumentError(`Property ${name} of ${o.class} has no type`);
      const p = exists
        ? cls.property(name)
        : cls.addProperty(name, fieldType(tb, o.type as WireTbType));
      if (exists && o.type !== undefined) p.setType(fieldType(tb, o.type));
      if ('alias' in o) p.alias(o.alias ?? null);
      if ('description' in o) p.description(o.description ?? null);
      return;
    }
    case 'remove_property':
      tb.classNamed(text(o.class, 'class')).removeProperty(text(o.name, 'name'));
      return;
    case 'reset':
      tb.classNamed(text(o.class, 'class')).clear();
      return;
    case 'add_value':
      tb.enumNamed(text(o.enum, 'enum')).addValue(text(o.name, 'name'));
      return;
    case 'value': {
      const v = tb.enumNamed(text(o.enum, 'enum')).value(text(o.name, 'name'));
      if ('alias' in o) v.alias(o.alias ?? null);
      if ('description' in o) v.description(o.description ?? null);
      if ('skip' in o) v.skip(o.skip !== false);
      return;
    }
    default:
      throw new BamlInvalidArgumentError(`unknown TypeBuilder change ${JSON.stringify(o)}`);
  }
}

/** Deeper recorded types are refused rather than recursed into. */
const MAX_DEPTH = 100;

/** A recorded type as a FieldType of `tb`. */
function fieldType(tb: ReplayTypeBuilder, t: WireTbType, depth = 0): FieldType {
  if (depth > MAX_DEPTH) throw new BamlInvalidArgumentError('tb: a type is nested too deeply');
  const inner = (u: unknown) => fieldType(tb, u as WireTbType, depth + 1);
  if (typeof t !== 'object' || t === null || Array.isArray(t))
    throw new BamlInvalidArgumentError(`not a TypeBuilder type: ${JSON.stringify(t)}`);
  if ('primitive' in t) {
    switch (t.primitive) {
      case 'string':
        return tb.string();
      case 'int':
        return tb.int();
      case 'float':
        return tb.float();
      case 'bool':
        return tb.bool();
      case 'null':
        return tb.null();
    }
  }
  if ('literal' in t) {
    const v = t.literal;
    if (typeof v === 'string') return tb.literalString(v);
    if (typeof v === 'boolean') return tb.literalBool(v);
    if (typeof v === 'number') return tb.literalInt(v);
  }
  if ('list' in t) return inner(t.list).list();
  if ('optional' in t) return inner(t.optional).optional();
  if ('map' in t && Array.isArray(t.map) && t.map.length === 2)
    return tb.map(inner(t.map[0]), inner(t.map[1]));
  if ('union' in t && Array.isArray(t.union)) return tb.union(t.union.map(inner));
  if ('class' in t) return tb.classNamed(text(t.class, 'class')).type();
  if ('enum' in t) return tb.enumNamed(text(t.enum, 'enum')).type();
  throw new BamlInvalidArgumentError(`not a TypeBuilder type: ${JSON.stringify(t)}`);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new BamlInvalidArgumentError(`tb: ${what} must be a string`);
  return value;
}
