// The TypeBuilder API on its own: what each method adds to the program a call runs on, what
// misuse throws (BAML's messages), what addBaml accepts and how it reports bad text, and that
// applying a builder never changes the program it was made for.
import { describe, expect, it } from 'vitest';
import { BamlError, BamlInvalidArgumentError } from '../../src/runtime/errors/index.js';
import {
  programWithTypeBuilder,
  TypeBuilder as RuntimeTypeBuilder,
} from '../../src/runtime/type-builder/type-builder.js';
import { TypeBuilder } from '../../src/type-builder/index.js';
import { compileProgram } from '../support/compile-program.js';

const SCHEMA = `
class Person {
  name string
  @@dynamic
}
class Fixed {
  a int
}
enum Category {
  FOOD
  OTHER @description("anything else")
  @@dynamic
}
enum Size {
  SMALL
}
type Label = "a" | "b"
function F(input: string) -> Person {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const base = compileProgram(SCHEMA);

/** A builder with accessors, as the generated subclass makes them. */
class Tb extends TypeBuilder {
  readonly Person = this.classBuilder('Person');
  readonly Fixed = this.classViewer('Fixed');
  readonly Category = this.enumBuilder('Category');
  readonly Size = this.enumViewer('Size');
  constructor() {
    super(base);
  }
}

const apply = (tb: RuntimeTypeBuilder) => programWithTypeBuilder(base, tb);

describe('TypeBuilder methods', () => {
  it('adds properties of every type kind, with description and alias, and stream flags', () => {
    const tb = new Tb();
    tb.Person.addProperty('age', tb.int().optional()).description('years').alias('years_old');
    tb.Person.addProperty('tags', tb.string().list());
    tb.Person.addProperty('counts', tb.map(tb.string(), tb.float()));
    tb.Person.addProperty('kind', tb.union([tb.literalString('x'), tb.literalInt(2)]));
    tb.Person.addProperty('on', tb.literalBool(true));
    tb.Person.addProperty('fixed', tb.Fixed.type());
    tb.Person.addProperty('size', tb.list(tb.Size.type()));
    tb.Person.addProperty('nothing', tb.null());
    const person = apply(tb).classes.Person!;
    expect(person.fields.map((f) => f.name)).toEqual([
      'name',
      'age',
      'tags',
      'counts',
      'kind',
      'on',
      'fixed',
      'size',
      'nothing',
    ]);
    const age = person.fields[1]!;
    expect(age).toMatchObject({ description: 'years', alias: 'years_old' });
    expect(age.type).toMatchObject({
      kind: 'union',
      variants: [
        { kind: 'primitive', name: 'int' },
        { kind: 'primitive', name: 'null' },
      ],
    });
    // Streaming flags are computed for what was added: lists are needed, ints done.
    expect(person.fields[2]!.type.stream).toEqual({ needed: true, done: false, state: false });
    expect(person.fields[7]!.type.stream?.needed).toBe(true);
    expect(String(tb.Person.property('counts').type())).toBe('map<string, float>');
  });

  it('changes, lists and removes properties, and changes and skips enum values', () => {
    const tb = new Tb();
    tb.Person.addProperty('age', tb.string());
    tb.Person.property('age').setType(tb.int());
    tb.Person.property('name').description('full name');
    tb.Person.addProperty('gone', tb.bool());
    tb.Person.removeProperty('gone');
    tb.Category.addValue('DRINK').alias('beverage');
    tb.Category.value('OTHER').skip();
    tb.Category.value('FOOD').description('things to eat');
    const program = apply(tb);
    expect(program.classes.Person!.fields).toMatchObject([
      { name: 'name', description: 'full name' },
      { name: 'age', type: { kind: 'primitive', name: 'int' } },
    ]);
    expect(program.enums.Category!.values).toEqual([
      { name: 'FOOD', description: 'things to eat' },
      { name: 'OTHER', description: 'anything else', skip: true },
      { name: 'DRINK', alias: 'beverage' },
    ]);
    expect(tb.Person.listProperties().map(([name]) => name)).toEqual(['name', 'age']);
    expect(tb.Fixed.listProperties().map(([name]) => name)).toEqual(['a']);
    expect(tb.Size.listValues().map(([name]) => name)).toEqual(['SMALL']);
  });

  it('creates classes and enums that properties can refer to', () => {
    const tb = new Tb();
    const pet = tb.addClass('Pet');
    pet.addProperty('legs', tb.int());
    const mood = tb.addEnum('Mood');
    mood.addValue('HAPPY').alias('glad');
    tb.Person.addProperty('pets', pet.type().list());
    tb.Person.addProperty('mood', mood.type());
    const program = apply(tb);
    expect(program.classes.Pet!.fields[0]!.name).toBe('legs');
    expect(program.enums.Mood!.values).toEqual([{ name: 'HAPPY', alias: 'glad' }]);
    expect(program.classes.Person!.fields[1]!.type).toMatchObject({
      kind: 'list',
      item: { kind: 'class', name: 'Pet' },
    });
  });

  it('fails as BAML fails on misuse', () => {
    const tb = new Tb();
    expect(() => tb.addClass('Person')).toThrow('Class Person already exists');
    expect(() => tb.addEnum('Size')).toThrow('Enum Size already exists');
    expect(() => tb.addClass('Label')).toThrow('Type Label already exists');
    expect(() => tb.Person.addProperty('name', tb.int())).toThrow('Property name already exists.');
    expect(() => tb.Person.property('missing')).toThrow('Property missing not found.');
    expect(() => tb.Fixed.property('b')).toThrow('Property b not found.');
    expect(() => tb.Category.addValue('FOOD')).toThrow('Value FOOD already exists.');
    expect(() => tb.Size.value('MEDIUM')).toThrow('Value MEDIUM not found.');
    // A viewer has no builder methods, so the call is a TypeError as in BAML.
    expect(() => (tb.Fixed as unknown as { addProperty: () => void }).addProperty()).toThrow(
      TypeError,
    );
    expect(() => tb.Person.addProperty('x', 'string' as never)).toThrow(TypeError);
  });

  it('rejects a tb that is not a TypeBuilder', () => {
    expect(() => programWithTypeBuilder(base, { Person: {} })).toThrow(BamlInvalidArgumentError);
  });

  it('needs the reader for addBaml: the runtime alone says where to get it', () => {
    const tb = new RuntimeTypeBuilder(base);
    expect(() => tb.addBaml('class A {\n  x int\n}')).toThrow(/tsbaml\/type-builder/);
  });
});

describe('applying a TypeBuilder', () => {
  it('costs nothing without additions, and is cached until the builder changes', () => {
    expect(programWithTypeBuilder(base, undefined)).toBe(base);
    const tb = new Tb();
    expect(apply(tb)).toBe(base);
    // Reading does not count as a change.
    tb.Person.listProperties();
    tb.Person.property('name').type();
    tb.Category.value('FOOD');
    tb.Fixed.type();
    expect(apply(tb)).toBe(base);
    tb.Person.addProperty('age', tb.int());
    const first = apply(tb);
    expect(apply(tb)).toBe(first);
    tb.Person.property('age').description('years');
    const second = apply(tb);
    expect(second).not.toBe(first);
    // What is not changed is shared, not copied.
    expect(second.classes.Fixed).toBe(base.classes.Fixed);
    expect(second.functions).toBe(base.functions);
  });

  it('never changes the program it was made for, nor a program a call already has', () => {
    const before = JSON.stringify(base);
    const tb = new Tb();
    tb.Person.addProperty('age', tb.int());
    tb.Category.value('FOOD').alias('meal');
    const applied = apply(tb);
    const appliedText = JSON.stringify(applied);
    tb.Person.property('age').setType(tb.string());
    tb.Person.removeProperty('name');
    tb.Category.value('FOOD').skip();
    tb.clear();
    expect(JSON.stringify(base)).toBe(before);
    expect(JSON.stringify(applied)).toBe(appliedText);
    expect(apply(tb)).toBe(base);
  });

  it('re-flags fields elsewhere when @@stream.done is put on a class of the schema', () => {
    const program = compileProgram(`
class Pet {
  legs int
  @@dynamic
}
class Owner {
  pet Pet
}
`);
    class PetTb extends TypeBuilder {
      readonly Pet = this.classBuilder('Pet');
    }
    const tb = new PetTb(program);
    expect(programWithTypeBuilder(program, tb).classes.Owner!.fields[0]!.type.stream?.done).toBe(
      false,
    );
    tb.Pet.streamDone();
    expect(programWithTypeBuilder(program, tb).classes.Owner!.fields[0]!.type.stream?.done).toBe(
      true,
    );
  });
});

describe('addBaml', () => {
  it('declares classes, enums and aliases, and extends @@dynamic types', () => {
    const tb = new Tb();
    tb.addBaml(`
class Pet {
  kind string @description("animal")
  legs int
  @@stream.done
}
enum Mood {
  HAPPY @alias("glad")
  SAD
}
type Pets = Pet[]
dynamic class Person {
  pets Pets
  mood Mood? @stream.not_null
  label Label
}
dynamic enum Category {
  DRINK @description("to drink")
}
`);
    const program = apply(tb);
    expect(program.classes.Pet).toMatchObject({ streamDone: true, dynamic: true });
    expect(program.classes.Pet!.fields[0]).toMatchObject({ name: 'kind', description: 'animal' });
    expect(program.enums.Mood!.values[0]).toEqual({ name: 'HAPPY', alias: 'glad' });
    expect(program.typeAliases.Pets!.type).toMatchObject({ kind: 'list' });
    expect(program.classes.Person!.fields.map((f) => f.name)).toEqual([
      'name',
      'pets',
      'mood',
      'label',
    ]);
    expect(program.classes.Person!.fields[2]!.type.attrs).toEqual({ streamNotNull: true });
    expect(program.enums.Category!.values.at(-1)).toEqual({
      name: 'DRINK',
      description: 'to drink',
    });
    // A class made with addBaml is dynamic: later blocks and the builder can extend it.
    tb.addBaml('dynamic class Pet {\n  name string\n}');
    expect(apply(tb).classes.Pet!.fields.map((f) => f.name)).toEqual(['kind', 'legs', 'name']);
  });

  it.each([
    [
      'a class without @@dynamic',
      'dynamic class Fixed {\n  b int\n}',
      "error[type_builder_not_dynamic]: Type 'Fixed' does not contain the `@@dynamic` attribute so it cannot be modified in a type builder block",
      'TypeBuilder::add_baml:1:15',
    ],
    [
      'an unknown type',
      'dynamic class Persn {\n  b int\n}',
      "Type 'Persn' does not exist",
      'hint: Did you mean `Person`?',
    ],
    ['a name already taken', 'class Fixed {\n  b int\n}', 'error[duplicate_name]', ':1:7'],
    [
      'a field already there',
      'dynamic class Person {\n  name int\n}',
      'error[duplicate_field]',
      ':2:3',
    ],
    ['an unknown type reference', 'class A {\n  b Strin\n}', 'error[unknown_type]', ':2:5'],
    [
      'a function',
      'function G(a: int) -> int {\n  client "openai/gpt-4o"\n  prompt #"x"#\n}',
      'error[type_builder_declaration]',
      ':1:1',
    ],
    ['a syntax error', 'class A {\n  b int int\n}', 'error[', 'TypeBuilder::add_baml:2'],
    [
      '@@dynamic on a new class',
      'class A {\n  b int\n  @@dynamic\n}',
      'The `@@dynamic` attribute is not allowed in type_builder blocks',
      ':1:7',
    ],
    [
      '@@dynamic in a dynamic block',
      'dynamic class Person {\n  b int\n  @@dynamic\n}',
      'Dynamic type definitions cannot contain the `@@dynamic` attribute',
      ':1:15',
    ],
    [
      'a dynamic class that is an enum',
      'dynamic class Category {\n  b int\n}',
      "Type 'Category' is an enum, but the dynamic block is defined as 'dynamic class'",
      ':1:15',
    ],
    [
      'a dynamic block on a type alias',
      'dynamic class Label {\n  b int\n}',
      "type 'Label' is a type alias",
      ':1:15',
    ],
    [
      'the same type extended twice',
      'dynamic class Person {\n  b int\n}\ndynamic class Person {\n  c int\n}',
      'error[duplicate_name]',
      ':4:15',
    ],
    [
      'a cycle of required fields',
      'class A {\n  b B\n}\nclass B {\n  a A\n}',
      'error[class_cycle]',
      ':1:7',
    ],
  ])('reports %s with file, line, column and a caret', (_what, text, message, where) => {
    const tb = new Tb();
    let thrown: unknown;
    try {
      tb.addBaml(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BamlError);
    const shown = (thrown as Error).message;
    expect(shown).toContain(message);
    expect(shown).toContain(where);
    expect(shown).toContain('^');
    // Nothing of a rejected block is kept.
    expect(apply(tb)).toBe(base);
  });
});
