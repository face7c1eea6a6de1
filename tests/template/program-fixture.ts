// A hand-built IR program mirroring the classes and enums of the `prompt/*` conformance cases,
// so the template tests do not depend on the compiler.
import type { ClassDef, EnumDef, Program, Type } from '../../src/ir/types.js';
import { emptyProgram } from '../support/empty-program.js';

export const t = {
  string: { kind: 'primitive', name: 'string' } as Type,
  int: { kind: 'primitive', name: 'int' } as Type,
  float: { kind: 'primitive', name: 'float' } as Type,
  bool: { kind: 'primitive', name: 'bool' } as Type,
  null: { kind: 'primitive', name: 'null' } as Type,
  class: (name: string): Type => ({ kind: 'class', name }),
  enum: (name: string): Type => ({ kind: 'enum', name }),
  alias: (name: string): Type => ({ kind: 'alias', name }),
  list: (item: Type): Type => ({ kind: 'list', item }),
  map: (key: Type, value: Type): Type => ({ kind: 'map', key, value }),
  union: (...variants: Type[]): Type => ({ kind: 'union', variants }),
  optional: (item: Type): Type => ({
    kind: 'union',
    variants: [item, { kind: 'primitive', name: 'null' }],
  }),
  literal: (value: string | number | boolean): Type => ({ kind: 'literal', value }),
};

function cls(name: string, fields: ClassDef['fields'], extra: Partial<ClassDef> = {}): ClassDef {
  return { name, fields, ...extra };
}
function enm(
  name: string,
  values: (string | [string, { alias?: string; description?: string; skip?: boolean }])[],
): EnumDef {
  return {
    name,
    values: values.map((v) => (typeof v === 'string' ? { name: v } : { name: v[0], ...v[1] })),
  };
}

export function makeProgram(overrides: Partial<Program> = {}): Program {
  const classes: Record<string, ClassDef> = {
    Item: cls('Item', [
      { name: 'name', type: t.string },
      { name: 'price', type: t.float, description: 'in USD' },
    ]),
    Node: cls('Node', [
      { name: 'val', type: t.int },
      { name: 'next', type: t.optional(t.class('Node')) },
    ]),
    Cart: cls('Cart', [
      { name: 'owner', type: t.string, alias: 'customer' },
      { name: 'items', type: t.list(t.class('Item')) },
      { name: 'color', type: t.enum('Color') },
      { name: 'many', type: t.enum('Many') },
      { name: 'tally', type: t.map(t.string, t.int) },
    ]),
    Inner: cls('Inner', [
      { name: 'v', type: t.int, description: '\n    multi\n    line desc\n  ' },
    ]),
    Outer: cls(
      'Outer',
      [
        { name: 'name', type: t.string, alias: 'full_name', description: 'the full name' },
        { name: 'inner', type: t.class('Inner') },
        { name: 'inners', type: t.list(t.class('Inner')) },
        { name: 'color', type: t.enum('Color') },
        { name: 'colors', type: t.list(t.enum('Color')) },
        { name: 'big', type: t.enum('Big') },
        { name: 'maybe', type: t.optional(t.string) },
        { name: 'u', type: t.union(t.int, t.string) },
        { name: 'ul', type: t.list(t.union(t.int, t.string)) },
        { name: 'lit', type: t.union(t.literal('a'), t.literal('b')) },
        { name: 'm', type: t.map(t.string, t.int) },
        { name: 'mm', type: t.map(t.enum('Color'), t.class('Inner')) },
        { name: 'd', type: t.enum('Described') },
      ],
      { description: 'An outer thing' },
    ),
    Person: cls('Person', [
      { name: 'name', type: t.string },
      { name: 'age', type: t.int, alias: 'years' },
      { name: 'nick', type: t.optional(t.string) },
    ]),
    Dir: cls('Dir', [
      { name: 'name', type: t.string },
      { name: 'children', type: t.list(t.class('Dir')) },
    ]),
  };
  const enums: Record<string, EnumDef> = {
    Color: enm('Color', ['RED', 'GREEN', 'BLUE']),
    Many: enm('Many', ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7']),
    Big: enm('Big', ['A', 'B', 'C', 'D', 'E', 'F', 'G']),
    Described: enm('Described', [['YES', { description: 'it is so' }], 'NO']),
    C2: enm('C2', ['R', 'G']),
    Rouge: enm('Rouge', [['RED', { alias: 'rouge' }], 'GREEN']),
    Code: enm('Code', [
      ['ONE', { alias: 'k1', description: 'The first code of all' }],
      ['TWO', { alias: 'k-2-3.1_1' }],
      ['THREE', { alias: 'NUMBER THREE' }],
      ['FOUR', { skip: true }],
    ]),
  };
  return emptyProgram({
    classes,
    enums,
    typeAliases: {
      JsonValue: {
        name: 'JsonValue',
        recursive: true,
        type: t.union(
          t.int,
          t.float,
          t.bool,
          t.string,
          t.list(t.alias('JsonValue')),
          t.map(t.string, t.alias('JsonValue')),
          t.null,
        ),
      },
      Plain: { name: 'Plain', recursive: false, type: t.list(t.string) },
    },
    ...overrides,
  });
}
