// What a TypeBuilder adds to a program, and the program a call with it runs on.
//
// A TypeBuilder keeps working copies of the classes and enums it touched (a `@@dynamic` type of
// the schema, or one it created) and of the type aliases `addBaml` declared. Applying it to the
// program copies the program's records shallowly, puts those copies in, and computes the
// streaming flags of their fields only: the rest of the program is shared, not recompiled. The
// result is cached until the builder changes, so repeated calls with one builder pay once.
import { annotateStreamFlags, annotateType } from '../../ir/stream-flags.js';
import type { ClassDef, EnumDef, Program, TypeAliasDef } from '../../ir/types.js';

/** The definitions a TypeBuilder adds or replaces, without streaming flags. */
export interface TypeAdditions {
  classes: readonly ClassDef[];
  enums: readonly EnumDef[];
  typeAliases: readonly TypeAliasDef[];
}

/**
 * `base` with `additions` put over it. Fresh objects all the way down for what is added, so a
 * builder changed later never changes a program a call already runs on.
 *
 * @example applyAdditions(program, { classes: [person], enums: [], typeAliases: [] }).classes.Person
 */
export function applyAdditions(base: Program, additions: TypeAdditions): Program {
  const program: Program = {
    ...base,
    classes: { ...base.classes },
    enums: { ...base.enums },
    typeAliases: { ...base.typeAliases },
  };
  for (const def of additions.enums) {
    program.enums[def.name] = { ...def, values: def.values.map((value) => ({ ...value })) };
  }
  // Classes go in before any field is annotated: a field's flags read the classes it refers to
  // (`@@stream.done`).
  for (const def of additions.classes) program.classes[def.name] = def;
  for (const def of additions.typeAliases) program.typeAliases[def.name] = def;
  const doneChanged = additions.classes.some((def) => {
    const before = base.classes[def.name];
    return before !== undefined && (before.streamDone === true) !== (def.streamDone === true);
  });
  // `@@stream.done` put on a class of the schema changes the flags of fields elsewhere.
  if (doneChanged) return annotateStreamFlags(program);
  for (const def of additions.classes) {
    program.classes[def.name] = {
      ...def,
      fields: def.fields.map((field) => ({ ...field, type: annotateType(program, field.type) })),
    };
  }
  for (const def of additions.typeAliases) {
    program.typeAliases[def.name] = {
      ...def,
      type: annotateType(program, def.type, def.recursive),
    };
  }
  return program;
}
