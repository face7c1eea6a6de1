// Classes, enums and type aliases: IR definitions with aliases, descriptions, docs and
// attributes attached. Field attributes that concern the value (`@check`, `@assert`,
// `@stream.*`) go onto the field's type as `attrs`; the naming ones stay on the field.

import { acceptsNull } from '../../../ir/type-queries.js';
import type { ClassDef, EnumDef, EnumValueDef, FieldDef, TypeAliasDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ClassDecl, EnumDecl, TypeAliasDecl } from '../1-parse/ast.js';
import { type ReadAttributes, readAttributes } from './read-attributes.js';
import { type TypeResolver, withAttributes } from './resolve-types.js';
import { uniqueMembers } from './unique-members.js';

/** `///` lines joined with "\n". */
export function joinDocs(docs: string[] | undefined): string | undefined {
  return docs && docs.length > 0 ? docs.join('\n') : undefined;
}

/** Sets `alias`, `description` and `docs` on a class, enum, field or enum value, when given. */
function setNaming(
  def: { alias?: string; description?: string; docs?: string },
  read: ReadAttributes,
  docLines: string[] | undefined,
): void {
  if (read.alias !== undefined) def.alias = read.alias;
  if (read.description !== undefined) def.description = read.description;
  const docs = joinDocs(docLines);
  if (docs !== undefined) def.docs = docs;
}

/**
 * Lowers a class, reporting duplicate fields and misplaced attributes. `aliases` (already
 * lowered) lets `@skip` see that a field typed with an alias is optional.
 */
export function lowerClass(
  decl: ClassDecl,
  types: TypeResolver,
  aliases: Record<string, TypeAliasDef>,
  sink: DiagnosticSink,
): ClassDef {
  const fields: FieldDef[] = [];
  for (const field of uniqueMembers(decl.fields, decl.name.value, 'duplicate_field', sink)) {
    const name = field.name.value;
    const read = readAttributes(field.attributes, 'field', sink);
    const type = withAttributes(types.resolve(field.type), read);
    const def: FieldDef = { name, type };
    setNaming(def, read, field.docs);
    if (read.skip) {
      if (acceptsNull(type, aliases)) def.skip = true;
      else sink.report('skip_on_required_field', read.skip, { name });
    }
    fields.push(def);
  }
  const read = readAttributes(decl.attributes, 'class', sink);
  const def: ClassDef = { name: decl.name.value, fields };
  setNaming(def, read, decl.docs);
  if (read.dynamic) def.dynamic = true;
  if (read.constraints.length > 0) def.constraints = read.constraints;
  if (read.streamDone) def.streamDone = true;
  if (read.streamNotNull) def.streamNotNull = true;
  return def;
}

/** Lowers an enum, reporting duplicate values and misplaced attributes. */
export function lowerEnum(decl: EnumDecl, sink: DiagnosticSink): EnumDef {
  const values: EnumValueDef[] = [];
  for (const value of uniqueMembers(decl.values, decl.name.value, 'duplicate_enum_value', sink)) {
    const read = readAttributes(value.attributes, 'enum_value', sink);
    const def: EnumValueDef = { name: value.name.value };
    setNaming(def, read, value.docs);
    if (read.skip) def.skip = true;
    values.push(def);
  }
  const read = readAttributes(decl.attributes, 'enum', sink);
  const def: EnumDef = { name: decl.name.value, values };
  setNaming(def, read, decl.docs);
  if (read.dynamic) def.dynamic = true;
  if (read.constraints.length > 0) def.constraints = read.constraints;
  return def;
}

/** Lowers a type alias; `recursive` is filled in later by `markRecursiveAliases`. */
export function lowerTypeAlias(
  decl: TypeAliasDecl,
  types: TypeResolver,
  sink: DiagnosticSink,
): TypeAliasDef {
  const read = readAttributes(decl.attributes, 'type', sink);
  const def: TypeAliasDef = {
    name: decl.name.value,
    type: withAttributes(types.resolve(decl.type), read),
    recursive: false,
  };
  const docs = joinDocs(decl.docs);
  if (docs !== undefined) def.docs = docs;
  return def;
}
