// `TypeBuilder.addBaml(text)`: the text of a `type_builder` block read with the compiler's front
// end (its lexer, parser and the analysis that lowers classes, enums and aliases to IR), against
// the program as the builder has it.
//
// Accepted: `class`, `enum` and `type` declarations (new names only), and `dynamic class X { … }`
// / `dynamic enum X { … }`, which add fields or values to a `@@dynamic` type (or to one the
// builder created). Any problem throws an Error whose message shows each diagnostic with the
// line and a caret, as `tsbaml check` prints them.
import { DiagnosticSink } from '../compiler/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../compiler/diagnostics/format-diagnostics.js';
import type {
  ClassDecl,
  EnumDecl,
  Name,
  TypeAliasDecl,
  TypeExpr,
} from '../compiler/phases/1-parse/ast.js';
import { ParseAbort, ParserState } from '../compiler/phases/1-parse/parser-state.js';
import {
  readClass,
  readEnum,
  readTypeAlias,
} from '../compiler/phases/1-parse/read/type-declarations.js';
import { describeToken } from '../compiler/phases/1-parse/tokens.js';
import { lowerClass, lowerEnum, lowerTypeAlias } from '../compiler/phases/2-analyze/lower-types.js';
import { markRecursiveAliases } from '../compiler/phases/2-analyze/recursive-aliases.js';
import { TypeResolver } from '../compiler/phases/2-analyze/resolve-types.js';
import { emptyScope, RESERVED_TYPE_NAMES, type Scope } from '../compiler/phases/2-analyze/scope.js';
import { suggestName } from '../compiler/utils/suggest-name.js';
import type { ClassDef, EnumDef, Program, Type, TypeAliasDef } from '../ir/types.js';
import { BamlError } from '../runtime/errors/index.js';
import type { BamlTypeReader } from '../runtime/type-builder/index.js';

/** The file name diagnostics show for `addBaml` text. */
const FILE = 'TypeBuilder::add_baml';

type Read =
  | { decl: ClassDecl; dynamic: boolean }
  | { decl: EnumDecl; dynamic: boolean }
  | { decl: TypeAliasDecl; dynamic: false };

/** Reads `addBaml` text; see the file comment. */
export const readTypeBuilderBaml: BamlTypeReader = (baml, program) => {
  const sink = new DiagnosticSink(FILE);
  const read = parseBlock(baml, sink);
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
  const knownAliases = { ...program.typeAliases, ...aliases };
  for (const item of read) {
    const name = item.decl.name.value;
    if (item.decl.kind === 'class') {
      const lowered = lowerClass(item.decl, types, knownAliases, sink);
      if (!item.dynamic) {
        classes.set(name, { ...lowered, dynamic: true });
        continue;
      }
      const target =
        classes.get(name) ?? extensible(program.classes[name], item.decl, program, sink);
      if (target) classes.set(name, extendClass(target, lowered, item.decl, sink));
    } else if (item.decl.kind === 'enum') {
      const lowered = lowerEnum(item.decl, sink);
      if (!item.dynamic) {
        enums.set(name, { ...lowered, dynamic: true });
        continue;
      }
      const target = enums.get(name) ?? extensible(program.enums[name], item.decl, program, sink);
      if (target) enums.set(name, extendEnum(target, lowered, item.decl, sink));
    }
  }

  if (sink.hasErrors()) {
    const text = formatDiagnostics(sink.diagnostics, [{ path: FILE, text: baml }]);
    throw new BamlError(`TypeBuilder.addBaml: ${text}`);
  }
  return {
    classes: [...classes.values()],
    enums: [...enums.values()],
    typeAliases: Object.values(aliases),
  };
};

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
      file: FILE,
    });
  }
  for (const [n] of Object.entries(program.enums)) {
    scope.enums.set(n, {
      declaration: { kind: 'enum', name: name(n), values: [], attributes: [], ...stub },
      file: FILE,
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
      file: FILE,
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
    const located = { file: FILE };
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
function extensible<D extends ClassDef | EnumDef>(
  def: D | undefined,
  decl: ClassDecl | EnumDecl,
  program: Program,
  sink: DiagnosticSink,
): D | undefined {
  const name = decl.name.value;
  if (!def) {
    const candidates = Object.keys(decl.kind === 'class' ? program.classes : program.enums);
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
