// The builders a TypeBuilder hands out, with the API of BAML's TypeScript client: a class or
// enum of the schema is seen through a viewer (`type()`, listing) unless it is `@@dynamic`, when
// it gets a builder (add, change and remove properties or values). Misuse throws a plain `Error`
// with BAML's message; a non-dynamic type simply has no `addProperty` / `addValue`.
import type { ClassDef, EnumDef, EnumValueDef, FieldDef } from '../../ir/types.js';
import { FieldType } from './field-type.js';
import type { TypeBuilderState } from './type-builder-state.js';

function mustExist<T>(def: T | undefined, kind: string, name: string): T {
  if (def === undefined) throw new Error(`${kind} ${name} not found.`);
  return def;
}

/** A class seen through a TypeBuilder: its type, and its properties. */
export class ClassViewer<ClassName extends string = string, Properties extends string = string> {
  /** @internal */
  protected readonly state: TypeBuilderState;
  readonly name: ClassName;
  /** @internal */
  declare readonly _properties?: Properties;

  /** @internal Made by the generated TypeBuilder. */
  constructor(state: TypeBuilderState, name: ClassName) {
    this.state = state;
    this.name = name;
  }

  /** @internal The class as the builder has it now; `edit` to change it. */
  protected def(edit = false): ClassDef {
    return mustExist(this.state.classDef(this.name, edit), 'Class', this.name);
  }

  /** A reference to this class, for `addProperty` or `list` / `map` / `union`. */
  type(): FieldType {
    return new FieldType({ kind: 'class', name: this.name });
  }

  /** The properties, by name, in order. */
  listProperties(): Array<[string, ClassPropertyViewer]> {
    return this.def().fields.map((field) => [field.name, new ClassPropertyViewer(field.name)]);
  }

  /** One property; throws when the class has none of that name. */
  property(name: string): ClassPropertyViewer {
    mustExist(
      this.def().fields.find((field) => field.name === name),
      'Property',
      name,
    );
    return new ClassPropertyViewer(name);
  }
}

/** A property of a class that cannot change. */
export class ClassPropertyViewer {
  readonly name: string;
  /** @internal */
  constructor(name: string) {
    this.name = name;
  }
}

/** A `@@dynamic` class, or a class made with `addClass` / `addBaml`: properties can change. */
export class ClassBuilder<
  ClassName extends string = string,
  Properties extends string = string,
> extends ClassViewer<ClassName, Properties> {
  /** Adds a property; throws when the class already has one of that name. */
  addProperty(name: string, type: FieldType): ClassPropertyBuilder {
    const def = this.def(true);
    if (def.fields.some((field) => field.name === name))
      throw new Error(`Property ${name} already exists.`);
    def.fields.push({ name, type: typeOf(type) });
    this.state.touch();
    return new ClassPropertyBuilder(this.state, this.name, name);
  }

  /** The properties, by name, with their types. */
  override listProperties(): Array<[string, ClassPropertyBuilder]> {
    return this.def().fields.map((field) => [
      field.name,
      new ClassPropertyBuilder(this.state, this.name, field.name),
    ]);
  }

  /** A property, to change its type, description or alias; throws when there is none. */
  override property(name: string): ClassPropertyBuilder {
    mustExist(
      this.def().fields.find((field) => field.name === name),
      'Property',
      name,
    );
    return new ClassPropertyBuilder(this.state, this.name, name);
  }

  /** Removes a property (nothing happens when there is none of that name). */
  removeProperty(name: string): void {
    const def = this.def(true);
    const index = def.fields.findIndex((field) => field.name === name);
    if (index < 0) return;
    def.fields.splice(index, 1);
    this.state.touch();
  }

  /** Removes every property. */
  clear(): void {
    this.def(true).fields.length = 0;
    this.state.touch();
  }

  /**
   * `@@stream.done` (a tsbaml extension; BAML has no builder method for it): instances appear
   * in partials only once complete.
   */
  streamDone(done = true): this {
    const def = this.def(true);
    if (done) def.streamDone = true;
    else delete def.streamDone;
    this.state.touch();
    return this;
  }
}

/** One property of a class being built. Every method returns the builder, to chain. */
export class ClassPropertyBuilder {
  readonly #state: TypeBuilderState;
  readonly #className: string;
  readonly name: string;

  /** @internal */
  constructor(state: TypeBuilderState, className: string, name: string) {
    this.#state = state;
    this.#className = className;
    this.name = name;
  }

  #field(edit = false): FieldDef {
    const def = mustExist(this.#state.classDef(this.#className, edit), 'Class', this.#className);
    return mustExist(
      def.fields.find((field) => field.name === this.name),
      'Property',
      this.name,
    );
  }

  #change(apply: (field: FieldDef) => void): this {
    apply(this.#field(true));
    this.#state.touch();
    return this;
  }

  /** The property's type. */
  type(): FieldType {
    return new FieldType(this.#field().type);
  }

  /** Replaces the property's type (its `@stream.*` and `@check` attributes stay). */
  setType(type: FieldType): this {
    return this.#change((field) => {
      const attrs = field.type.attrs;
      const next = typeOf(type);
      field.type = attrs ? { ...next, attrs: { ...next.attrs, ...attrs } } : next;
    });
  }

  /** `@alias("…")`: the name the prompt shows and the parser reads; `null` removes it. */
  alias(alias: string | null): this {
    return this.#change((field) => setOrDelete(field, 'alias', alias));
  }

  /** `@description("…")`: shown in the prompt; `null` removes it. */
  description(description: string | null): this {
    return this.#change((field) => setOrDelete(field, 'description', description));
  }

  /** `@stream.done` (a tsbaml extension): the value appears in partials only once complete. */
  streamDone(on = true): this {
    return this.#change((field) => setAttribute(field, 'streamDone', on));
  }

  /** `@stream.not_null` (a tsbaml extension): the object is withheld until this is set. */
  streamNotNull(on = true): this {
    return this.#change((field) => setAttribute(field, 'streamNotNull', on));
  }

  /** `@stream.with_state` (a tsbaml extension): partials wrap the value as `{ value, state }`. */
  streamWithState(on = true): this {
    return this.#change((field) => setAttribute(field, 'streamWithState', on));
  }
}

/** An enum seen through a TypeBuilder: its type, and its values. */
export class EnumViewer<EnumName extends string = string, Values extends string = string> {
  /** @internal */
  protected readonly state: TypeBuilderState;
  readonly name: EnumName;
  /** @internal */
  declare readonly _values?: Values;

  /** @internal Made by the generated TypeBuilder. */
  constructor(state: TypeBuilderState, name: EnumName) {
    this.state = state;
    this.name = name;
  }

  /** @internal The enum as the builder has it now; `edit` to change it. */
  protected def(edit = false): EnumDef {
    return mustExist(this.state.enumDef(this.name, edit), 'Enum', this.name);
  }

  /** A reference to this enum, for `addProperty` or `list` / `map` / `union`. */
  type(): FieldType {
    return new FieldType({ kind: 'enum', name: this.name });
  }

  /** The values, in order. */
  listValues(): Array<[string, EnumValueViewer]> {
    return this.def().values.map((value) => [value.name, new EnumValueViewer(value.name)]);
  }

  /** One value; throws when the enum has none of that name. */
  value(name: string): EnumValueViewer {
    mustExist(
      this.def().values.find((value) => value.name === name),
      'Value',
      name,
    );
    return new EnumValueViewer(name);
  }
}

/** A value of an enum that cannot change. */
export class EnumValueViewer {
  readonly name: string;
  /** @internal */
  constructor(name: string) {
    this.name = name;
  }
}

/** A `@@dynamic` enum, or one made with `addEnum` / `addBaml`: values can be added and changed. */
export class EnumBuilder<
  EnumName extends string = string,
  Values extends string = string,
> extends EnumViewer<EnumName, Values> {
  /** Adds a value; throws when the enum already has one of that name. */
  addValue(name: string): EnumValueBuilder {
    const def = this.def(true);
    if (def.values.some((value) => value.name === name))
      throw new Error(`Value ${name} already exists.`);
    def.values.push({ name });
    this.state.touch();
    return new EnumValueBuilder(this.state, this.name, name);
  }

  /** The values, with builders to change them. */
  override listValues(): Array<[string, EnumValueBuilder]> {
    return this.def().values.map((value) => [
      value.name,
      new EnumValueBuilder(this.state, this.name, value.name),
    ]);
  }

  /** A value, to change its description, alias or `@skip`; added when the enum has none. */
  override value(name: string): EnumValueBuilder {
    if (!this.def().values.some((value) => value.name === name)) {
      this.def(true).values.push({ name });
      this.state.touch();
    }
    return new EnumValueBuilder(this.state, this.name, name);
  }
}

/** One value of an enum being built. Every method returns the builder, to chain. */
export class EnumValueBuilder {
  readonly #state: TypeBuilderState;
  readonly #enumName: string;
  readonly name: string;

  /** @internal */
  constructor(state: TypeBuilderState, enumName: string, name: string) {
    this.#state = state;
    this.#enumName = enumName;
    this.name = name;
  }

  #change(apply: (value: EnumValueDef) => void): this {
    const def = mustExist(this.#state.enumDef(this.#enumName, true), 'Enum', this.#enumName);
    apply(
      mustExist(
        def.values.find((value) => value.name === this.name),
        'Value',
        this.name,
      ),
    );
    this.#state.touch();
    return this;
  }

  /** `@alias("…")`: the name the prompt shows and the parser reads; `null` removes it. */
  alias(alias: string | null): this {
    return this.#change((value) => setOrDelete(value, 'alias', alias));
  }

  /** `@description("…")`: shown in the prompt; `null` removes it. */
  description(description: string | null): this {
    return this.#change((value) => setOrDelete(value, 'description', description));
  }

  /** `@skip`: left out of the prompt and never parsed. */
  skip(skip = true): this {
    return this.#change((value) => {
      if (skip) value.skip = true;
      else delete value.skip;
    });
  }
}

/** The IR type of a builder's type argument; anything else is a usage error. */
export function typeOf(type: FieldType): FieldType['ir'] {
  // Duck-typed, so a type from another copy of the package is accepted too.
  const ir = (type as { ir?: unknown } | null)?.ir;
  if (typeof ir !== 'object' || ir === null || !('kind' in ir))
    throw new TypeError('Expected a type made by the TypeBuilder (tb.string(), tb.X.type(), …)');
  return type.ir;
}

function setOrDelete<K extends 'alias' | 'description'>(
  def: { alias?: string; description?: string },
  key: K,
  value: string | null,
): void {
  if (value === null) delete def[key];
  else def[key] = value;
}

function setAttribute(
  field: FieldDef,
  key: 'streamDone' | 'streamNotNull' | 'streamWithState',
  on: boolean,
): void {
  const attrs = { ...field.type.attrs };
  if (on) attrs[key] = true;
  else delete attrs[key];
  const { attrs: _old, ...bare } = field.type;
  field.type = Object.keys(attrs).length > 0 ? { ...bare, attrs } : bare;
}
