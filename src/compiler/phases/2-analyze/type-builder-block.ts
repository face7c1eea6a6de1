// The text of a `type_builder` block: in a `test` block (checked by analysis, applied by
// `tsbaml test`) and given to `TypeBuilder.addBaml` at run time (src/type-builder). It is read
// with the compiler's own parser and lowering, against a program: the schema, or the schema as
// a type builder already changed it.
//
// Accepted: `class`, `enum` and `type` declarations (new names only, without `@@dynamic`), and
// `dynamic class X { … }` / `dynamic enum X { … }`, which add fields or values to a `@@dynamic`
// type (or to one a type builder created), once per block. New classes may not form a cycle of
// required fields.
import type { ClassDef, EnumDef, Program, Type, TypeAliasDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { suggestName } from '../../utils/suggest-name.js';
import type { ClassDecl, EnumDecl, Name, TypeAliasDecl, TypeExpr } from '../1-parse/ast.js';
import { ParseAbort, ParserState } from '../1-parse/parser-state.js';
import { readClass, readEnum, readTypeAlias } from '../1-parse/read/type-declarations.js';
import { describeToken } from '../1-parse/tokens.js';
import { findClassCycles } from './check-class-cycles.js';
import { lowerClass, lowerEnum, lowerTypeAlias } from './lower-types.js';
import { markRecursiveAliases } from './recursive-aliases.js';
import { TypeResolver } from './resolve-types.js';
import { emptyScope, RESERVED_TYPE_NAMES, type Scope } from './scope.js';

/** What a block declares and extends: whole definitions, to put over the program's. */
export interface TypeBuilderBlock {
  classes: ClassDef[];
  enums: EnumDef[];
  typeAliases: TypeAliasDef[];
}

type Read =
  | { decl: ClassDecl; dynamic: boolean }
  | { decl: EnumDecl; dynamic: boolean }
  | { decl: TypeAliasDecl; dynamic: false };

/**
 * Reads a block's text against `program`, reporting problems to `sink` (offsets into `text`).
 * What it returns is meaningful only when nothing was reported.
 *
 * @example
 * readTypeBuilderBlock('dynamic enum Category {\n  DRINK\n}', program, sink).enums[0]?.values
 */
export function readTypeBuilderBlock(
  text: string,
  program: Program,
  sink: DiagnosticSink,
): TypeBuilderBlock {
  const read = parseBlock(text, sink);
  const scope = scopeOf(program, read, sink);
  const types = new TypeResolver(scope, sink);

  const aliases: Record<string, TypeAliasDef> = {};
  for (const item of read) {
    if (item.decl.kind === 'type_alias') {
      aliases[item.decl.name.value] = lowerTypeAlias(item.decl, types, sink);
    }
  }
  // Recursion is judged with the schema's aliases beside the new ones (copies: the schema's
  // definitions are never changed).
  const all: Record<string, TypeAliasDef> = {};
  for (const [name, def] of Object.entries(program.typeAliases)) all[name] = { ...def };
  Object.assign(all, aliases);
  for (const name of markRecursiveAliases(all)) {
    const decl = read.find((item) => item.decl.name.value === name)?.decl;
    if (decl) sink.report('alias_cycle', decl.name, { name });
  }

  const classes = new Map<string, ClassDef>();
  const enums = new Map<string, EnumDef>();
  const extended = new Set<string>();
  const knownAliases = { ...program.typeAliases, ...aliases };
  for (const item of read) {
    const name = item.decl.name.value;
    if (item.decl.kind === 'type_alias') continue;
    const dynamicAttribute = item.decl.attributes.find(
      (a) => a.block && a.name.value === 'dynamic',
    );
    if (dynamicAttribute)
      sink.report('type_builder_dynamic_attribute', item.decl.name, { extension: item.dynamic });
    if (item.dynamic) {
      if (extended.has(name)) {
        sink.report('duplicate_name', item.decl.name, { kind: 'dynamic block', name });
        continue;
      }
      extended.add(name);
    }
    if (item.decl.kind === 'class') {
      const lowered = lowerClass(item.decl, types, knownAliases, sink);
      if (!item.dynamic) {
        classes.set(name, { ...lowered, dynamic: true });
        continue;
      }
      const target = classes.get(name) ?? extensible('class', item.decl, program, sink);
      if (target) classes.set(name, extendClass(target as ClassDef, lowered, item.decl, sink));
    } else {
      const lowered = lowerEnum(item.decl, sink);
      if (!item.dynamic) {
        enums.set(name, { ...lowered, dynamic: true });
        continue;
      }
      const target = enums.get(name) ?? extensible('enum', item.decl, program, sink);
      if (target) enums.set(name, extendEnum(target as EnumDef, lowered, item.decl, sink));
    }
  }
  // Required fields may not make a class contain itself, through new classes or extensions.
  const changed = { ...program, classes: { ...program.classes, ...Object.fromEntries(classes) } };
  for (const cycle of findClassCycles(changed)) {
    const at = read.find((item) => cycle.includes(item.decl.name.value))?.decl.name;
    if (at) sink.report('class_cycle', at, { names: cycle });
  }
  return {
    classes: [...classes.values()],
    enums: [...enums.values()],
    typeAliases: Object.values(aliases),
  };
}

/** The declarations of a type builder block, with `dynamic` marking extensions. */
function parseBlock(text: string, sink: DiagnosticSink): Read[] {
  const p = new ParserState(text, sink);
  const read: Read[] = [];
  while (!p.is('eof')) {
    try {
      const dynamic = p.is('ident', 'dynamic');
      if (dynamic) p.advance();
      if (p.is('ident', 'class')) read.push({ decl: readClass(p), dynamic });
      else if (p.is('ident', 'enum')) read.push({ decl: readEnum(p), dynamic });
      else if (p.is('ident', 'type') && !dynamic) read.push({ decl: readTypeAlias(p), dynamic });
      else {
        sink.report('type_builder_declaration', p.token, { found: describeToken(p.token) });
        throw new ParseAbort();
      }
    } catch (error) {
      if (!(error instanceof ParseAbort)) throw error;
      p.skipToNextDeclaration();
    }
  }
  return read;
}

/**
 * The names types may refer to: the program's (as the builder has it) and the block's new ones.
 * A new name that is already taken is reported.
 */
function scopeOf(program: Program, read: Read[], sink: DiagnosticSink): Scope {
  const scope = emptyScope();
  const stub = { start: 0, end: 0 };
  const name = (value: string) => ({ value, ...stub });
  for (const [n] of Object.entries(program.classes)) {
    scope.classes.set(n, {
      declaration: { kind: 'class', name: name(n), fields: [], attributes: [], ...stub },
      file: '',
    });
  }
  for (const [n] of Object.entries(program.enums)) {
    scope.enums.set(n, {
      declaration: { kind: 'enum', name: name(n), values: [], attributes: [], ...stub },
      file: '',
    });
  }
  for (const [n, def] of Object.entries(program.typeAliases)) {
    scope.aliases.set(n, {
      declaration: {
        kind: 'type_alias',
        name: name(n),
        type: keyExpr(def.type),
        attributes: [],
        ...stub,
      },
      file: '',
    });
  }
  for (const item of read) {
    if (item.dynamic) continue;
    const n = item.decl.name.value;
    if (RESERVED_TYPE_NAMES.has(n)) {
      sink.report('reserved_name', item.decl.name, { name: n });
      continue;
    }
    if (scope.classes.has(n) || scope.enums.has(n) || scope.aliases.has(n)) {
      sink.report('duplicate_name', item.decl.name, { kind: 'type', name: n });
      continue;
    }
    const located = { file: '' };
    if (item.decl.kind === 'class') scope.classes.set(n, { declaration: item.decl, ...located });
    else if (item.decl.kind === 'enum') scope.enums.set(n, { declaration: item.decl, ...located });
    else scope.aliases.set(n, { declaration: item.decl, ...located });
  }
  return scope;
}

/**
 * A type expression standing in for a schema alias's type, enough for the resolver's check of
 * map keys (string, enums, string literals and unions of them); anything else is a tuple, which
 * is never a valid key.
 */
function keyExpr(type: Type): TypeExpr {
  const span = { start: 0, end: 0 };
  switch (type.kind) {
    case 'primitive':
    case 'enum':
    case 'class':
    case 'alias':
    case 'media':
      return { kind: 'named', name: type.name, ...span };
    case 'literal':
      return { kind: 'literal', value: type.value, raw: JSON.stringify(type.value), ...span };
    case 'union':
      return { kind: 'union', variants: type.variants.map(keyExpr), ...span };
    default:
      return { kind: 'tuple', items: [], ...span };
  }
}

/** The definition a `dynamic` block adds to, or undefined after reporting why it cannot. */
function extensible(
  written: 'class' | 'enum',
  decl: ClassDecl | EnumDecl,
  program: Program,
  sink: DiagnosticSink,
): ClassDef | EnumDef | undefined {
  const name = decl.name.value;
  const def = written === 'class' ? program.classes[name] : program.enums[name];
  const other = written === 'class' ? program.enums[name] : program.classes[name];
  if (other) {
    sink.report('type_builder_kind_mismatch', decl.name, {
      name,
      found: written === 'class' ? 'an enum' : 'a class',
      written,
    });
    return undefined;
  }
  if (Object.hasOwn(program.typeAliases, name)) {
    sink.report('type_builder_kind_mismatch', decl.name, { name, found: 'a type alias', written });
    return undefined;
  }
  if (!def) {
    const candidates = Object.keys(written === 'class' ? program.classes : program.enums);
    const suggestion = suggestName(name, candidates);
    sink.report(
      'type_builder_unknown_type',
      decl.name,
      suggestion ? { name, suggestion } : { name },
    );
    return undefined;
  }
  if (!def.dynamic) {
    sink.report('type_builder_not_dynamic', decl.name, { name });
    return undefined;
  }
  return def;
}

/** `target` with the fields (and class attributes) of a `dynamic class` block added. */
function extendClass(
  target: ClassDef,
  added: ClassDef,
  decl: ClassDecl,
  sink: DiagnosticSink,
): ClassDef {
  const { fields, ...attributes } = added;
  return {
    ...mergeAttributes(target, attributes),
    fields: addMembers(target.fields, fields, decl.fields, (at, name) =>
      sink.report('duplicate_field', at ?? decl.name, { owner: target.name, name }),
    ),
  };
}

/** `target` with the values (and enum attributes) of a `dynamic enum` block added. */
function extendEnum(
  target: EnumDef,
  added: EnumDef,
  decl: EnumDecl,
  sink: DiagnosticSink,
): EnumDef {
  const { values, ...attributes } = added;
  return {
    ...mergeAttributes(target, attributes),
    values: addMembers(target.values, values, decl.values, (at, name) =>
      sink.report('duplicate_enum_value', at ?? decl.name, { owner: target.name, name }),
    ),
  };
}

/** `existing` followed by `added`, reporting (at its name in `written`) each name already there. */
function addMembers<M extends { name: string }>(
  existing: readonly M[],
  added: readonly M[],
  written: readonly { name: Name }[],
  report: (at: Name | undefined, name: string) => void,
): M[] {
  const out = [...existing];
  for (const member of added) {
    if (out.some((m) => m.name === member.name)) {
      report(written.find((w) => w.name.value === member.name)?.name, member.name);
      continue;
    }
    out.push(member);
  }
  return out;
}

/** `target` with the type-level attributes of an extension block (its checks appended). */
function mergeAttributes<D extends ClassDef | EnumDef>(
  target: D,
  added: Omit<ClassDef, 'fields'> | Omit<EnumDef, 'values'>,
): D {
  const { name: _, dynamic: __, constraints: more, ...attributes } = added;
  const constraints = [...(target.constraints ?? []), ...(more ?? [])];
  return { ...target, ...attributes, ...(constraints.length > 0 ? { constraints } : {}) };
}
