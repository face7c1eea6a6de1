// A minimal IR program for unit tests.
import type { ClassDef, EnumDef, Program, Type, TypeAliasDef } from '../../../src/ir/types.js';
import { emptyProgram } from '../../support/empty-program.js';

export function makeProgram(
  parts: { classes?: ClassDef[]; enums?: EnumDef[]; aliases?: TypeAliasDef[] } = {},
): Program {
  return emptyProgram({
    classes: Object.fromEntries((parts.classes ?? []).map((c) => [c.name, c])),
    enums: Object.fromEntries((parts.enums ?? []).map((e) => [e.name, e])),
    typeAliases: Object.fromEntries((parts.aliases ?? []).map((a) => [a.name, a])),
  });
}

export const t = {
  string: { kind: 'primitive', name: 'string' } as Type,
  int: { kind: 'primitive', name: 'int' } as Type,
  float: { kind: 'primitive', name: 'float' } as Type,
  bool: { kind: 'primitive', name: 'bool' } as Type,
  null: { kind: 'primitive', name: 'null' } as Type,
  list: (item: Type): Type => ({ kind: 'list', item }),
  map: (key: Type, value: Type): Type => ({ kind: 'map', key, value }),
  union: (...variants: Type[]): Type => ({ kind: 'union', variants }),
  optional: (x: Type): Type => ({
    kind: 'union',
    variants: [x, { kind: 'primitive', name: 'null' }],
  }),
  cls: (name: string): Type => ({ kind: 'class', name }),
  enm: (name: string): Type => ({ kind: 'enum', name }),
  lit: (value: string | number | boolean): Type => ({ kind: 'literal', value }),
};
