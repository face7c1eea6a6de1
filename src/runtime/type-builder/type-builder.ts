// The TypeBuilder a generated `baml_client/type_builder.ts` extends: type constructors, new
// classes and enums, and the builders of the schema's types. Passed as `{ tb }` to a call, it
// makes that call run on the program with its additions (see additions.ts); other calls are not
// affected.
//
// `addBaml` needs the compiler's front end to read BAML text. The runtime never loads the
// compiler, so the reader is given to the constructor: the generated client takes its
// TypeBuilder from "tsbaml/type-builder", which supplies it (src/type-builder/).
import type { Program, Type } from '../../ir/types.js';
import { BamlError, BamlInvalidArgumentError } from '../errors/index.js';
import { ClassBuilder, ClassViewer, EnumBuilder, EnumViewer, typeOf } from './builders.js';
import { FieldType } from './field-type.js';
import { TypeBuilderState } from './type-builder-state.js';

/**
 * Reads `addBaml` text against the program as the builder has it, returning what it declares
 * and extends, or throwing an `Error` whose message shows the problem in the text.
 */
export type BamlTypeReader = (
  baml: string,
  program: Program,
) => {
  classes: Program['classes'][string][];
  enums: Program['enums'][string][];
  typeAliases: Program['typeAliases'][string][];
};

const BRAND = Symbol.for('tsbaml.TypeBuilder');

/** Options of the TypeBuilder constructor (the generated subclass passes them). */
export interface TypeBuilderOptions {
  /** Reads `addBaml` text; without it, `addBaml` throws. */
  readBaml?: BamlTypeReader;
}

/** Changes to the program's types for the calls it is passed to as `{ tb }`. */
export class TypeBuilder {
  readonly #state: TypeBuilderState;
  readonly #readBaml: BamlTypeReader | undefined;

  constructor(program: Program, options: TypeBuilderOptions = {}) {
    this.#state = new TypeBuilderState(program);
    this.#readBaml = options.readBaml;
    Object.defineProperty(this, BRAND, { value: this.#state });
  }

  string(): FieldType {
    return primitive('string');
  }
  int(): FieldType {
    return primitive('int');
  }
  float(): FieldType {
    return primitive('float');
  }
  bool(): FieldType {
    return primitive('bool');
  }
  null(): FieldType {
    return primitive('null');
  }
  literalString(value: string): FieldType {
    return new FieldType({ kind: 'literal', value: String(value) });
  }
  literalInt(value: number): FieldType {
    if (!Number.isInteger(value)) throw new Error(`literalInt: ${value} is not an integer`);
    return new FieldType({ kind: 'literal', value });
  }
  literalBool(value: boolean): FieldType {
    return new FieldType({ kind: 'literal', value: Boolean(value) });
  }
  list(type: FieldType): FieldType {
    return new FieldType({ kind: 'list', item: typeOf(type) });
  }
  map(keyType: FieldType, valueType: FieldType): FieldType {
    return new FieldType({ kind: 'map', key: typeOf(keyType), value: typeOf(valueType) });
  }
  union(types: FieldType[]): FieldType {
    const variants: Type[] = [];
    for (const type of types) {
      const ir = typeOf(type);
      if (ir.kind === 'union' && !ir.attrs) variants.push(...ir.variants);
      else variants.push(ir);
    }
    return new FieldType({ kind: 'union', variants });
  }

  /** A new class, to add properties to; throws when a class or enum has that name. */
  addClass<Name extends string>(name: Name): ClassBuilder<Name> {
    this.#checkNewName(name);
    this.#state.classes.set(name, { name, fields: [], dynamic: true });
    this.#state.touch();
    return new ClassBuilder(this.#state, name);
  }

  /** A new enum, to add values to; throws when a class or enum has that name. */
  addEnum<Name extends string>(name: Name): EnumBuilder<Name> {
    this.#checkNewName(name);
    this.#state.enums.set(name, { name, values: [], dynamic: true });
    this.#state.touch();
    return new EnumBuilder(this.#state, name);
  }

  /**
   * Classes, enums and type aliases written in BAML, and `dynamic class X { … }` /
   * `dynamic enum X { … }` blocks that add to `@@dynamic` types. Attributes work as in the
   * schema (`@alias`, `@description`, `@check`, `@stream.*`, `@@stream.done`). Throws an `Error`
   * showing the problem when the text is not valid.
   */
  addBaml(baml: string): void {
    if (!this.#readBaml) {
      throw new BamlError(
        'TypeBuilder.addBaml needs the BAML reader: use the TypeBuilder of baml_client/type_builder (or "tsbaml/type-builder")',
      );
    }
    const read = this.#readBaml(String(baml), this.#state.view());
    for (const def of read.classes) this.#state.classes.set(def.name, def);
    for (const def of read.enums) this.#state.enums.set(def.name, def);
    for (const def of read.typeAliases) this.#state.typeAliases.set(def.name, def);
    this.#state.touch();
  }

  /** Forgets every change made with this builder. */
  clear(): void {
    this.#state.clear();
  }

  /** @internal The builder of a `@@dynamic` class of the schema (used by the generated code). */
  protected classBuilder<Name extends string, Properties extends string>(
    name: Name,
  ): ClassBuilder<Name, Properties> {
    return new ClassBuilder(this.#state, name);
  }

  /** @internal The viewer of a class of the schema (used by the generated code). */
  protected classViewer<Name extends string, Properties extends string>(
    name: Name,
  ): ClassViewer<Name, Properties> {
    return new ClassViewer(this.#state, name);
  }

  /** @internal The builder of a `@@dynamic` enum of the schema (used by the generated code). */
  protected enumBuilder<Name extends string, Values extends string>(
    name: Name,
  ): EnumBuilder<Name, Values> {
    return new EnumBuilder(this.#state, name);
  }

  /** @internal The viewer of an enum of the schema (used by the generated code). */
  protected enumViewer<Name extends string, Values extends string>(
    name: Name,
  ): EnumViewer<Name, Values> {
    return new EnumViewer(this.#state, name);
  }

  #checkNewName(name: string): void {
    const { classes, enums } = this.#state.view();
    if (Object.hasOwn(classes, name)) throw new Error(`Class ${name} already exists`);
    if (Object.hasOwn(enums, name)) throw new Error(`Enum ${name} already exists`);
    if (this.#state.hasType(name)) throw new Error(`Type ${name} already exists`);
  }
}

function primitive(name: 'string' | 'int' | 'float' | 'bool' | 'null'): FieldType {
  return new FieldType({ kind: 'primitive', name });
}

/**
 * The program a call runs on: `program` itself without a type builder, else `program` with the
 * builder's additions. Anything else given as `tb` is an error.
 */
export function programWithTypeBuilder(program: Program, tb: unknown): Program {
  if (tb === undefined || tb === null) return program;
  // Duck-typed, so a builder from another copy of the package works too.
  const state = (tb as { [BRAND]?: Pick<TypeBuilderState, 'programFor'> })[BRAND];
  if (typeof state?.programFor !== 'function') {
    throw new BamlInvalidArgumentError(
      'The `tb` option must be a TypeBuilder from baml_client/type_builder',
    );
  }
  return state.programFor(program);
}
