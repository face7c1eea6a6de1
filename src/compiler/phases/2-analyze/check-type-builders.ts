// The checks BAML makes on a test's `type_builder` (tsbaml does not run type builders, but a
// program BAML refuses must be refused here too). Each test's builder is checked on its own,
// against the program's types:
//   - a new class or enum may not reuse a type name nor carry `@@dynamic`;
//   - `dynamic class X` / `dynamic enum X` must extend a class / enum (not an alias) that has
//     `@@dynamic`, at most once per builder, and may not carry `@@dynamic` itself;
//   - field types must resolve, and (once everything else is valid) the classes with their
//     added fields must not require themselves.

import type { Program } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { suggestName } from '../../utils/suggest-name.js';
import type { ClassDecl, EnumDecl, TypeBuilderItem } from '../1-parse/ast.js';
import { findClassCycles } from './check-class-cycles.js';
import { lowerClass, lowerEnum, lowerTypeAlias } from './lower-types.js';
import { TypeResolver } from './resolve-types.js';
import type { Located, Scope } from './scope.js';

const hasDynamic = (decl: ClassDecl | EnumDecl) =>
  decl.attributes.some((a) => a.block && a.name.value === 'dynamic');

/** Checks the type builder of every test (the program must otherwise be valid). */
export function checkTypeBuilders(scope: Scope, program: Program, sink: DiagnosticSink): void {
  for (const { declaration, file } of scope.tests) {
    const builder = declaration.typeBuilders[0];
    if (!builder) continue;
    sink.file = file;
    checkBuilder(builder.items, file, scope, program, sink);
  }
}

function checkBuilder(
  items: TypeBuilderItem[],
  file: string,
  scope: Scope,
  program: Program,
  sink: DiagnosticSink,
): void {
  const local: Scope = {
    ...scope,
    classes: new Map(scope.classes),
    enums: new Map(scope.enums),
    aliases: new Map(scope.aliases),
  };
  const extended = new Map<string, TypeBuilderItem>();
  const added: Array<Located<ClassDecl>> = [];
  for (const item of items) {
    const decl = item.declaration;
    const name = decl.name.value;
    if (item.dynamic) {
      if (decl.kind === 'type_alias') continue;
      const at = { start: item.dynamic.start, end: decl.end };
      const kind = decl.kind === 'class' ? 'class' : 'enum';
      const duplicate = extended.get(name);
      if (duplicate) {
        const first = { start: duplicate.dynamic?.start ?? 0, end: duplicate.declaration.end };
        sink.report('type_redefined', first, { kind, name });
        sink.report('type_redefined', at, { kind, name });
        continue;
      }
      extended.set(name, item);
      if (hasDynamic(decl)) sink.report('dynamic_in_dynamic_block', at, {});
      const target = scope.classes.get(name) ?? scope.enums.get(name);
      if (scope.aliases.has(name)) sink.report('dynamic_on_alias', at, { name });
      else if (!target) {
        const names = [...(decl.kind === 'class' ? scope.classes : scope.enums).keys()];
        const suggestion = suggestName(name, names);
        sink.report(
          'type_builder_unknown_type',
          decl.name,
          suggestion ? { name, suggestion } : { name },
        );
      } else if (target.declaration.kind !== decl.kind) {
        sink.report('dynamic_kind_mismatch', at, { name, actual: target.declaration.kind, kind });
      } else if (!hasDynamic(target.declaration)) {
        sink.report('dynamic_not_allowed', at, { name });
      } else if (decl.kind === 'class') {
        added.push({ declaration: decl, file });
      }
      continue;
    }
    if (decl.kind !== 'type_alias' && hasDynamic(decl)) {
      sink.report('dynamic_in_type_builder', decl, {});
    }
    const existing = local.classes.get(name) ?? local.enums.get(name) ?? local.aliases.get(name);
    if (existing) {
      const kind = decl.kind === 'enum' ? 'enum' : 'class';
      sink.file = existing.file;
      sink.report('type_redefined', existing.declaration.name, { kind, name });
      sink.file = file;
      sink.report('type_redefined', decl.name, { kind, name });
      continue;
    }
    if (decl.kind === 'class') {
      local.classes.set(name, { declaration: decl, file });
      added.push({ declaration: decl, file });
    } else if (decl.kind === 'enum') local.enums.set(name, { declaration: decl, file });
    else local.aliases.set(name, { declaration: decl, file });
  }
  lowerAndFindCycles(items, added, local, program, sink);
}

/** Lowers the builder's types over a copy of the program and reports new class cycles. */
function lowerAndFindCycles(
  items: TypeBuilderItem[],
  added: Array<Located<ClassDecl>>,
  local: Scope,
  program: Program,
  sink: DiagnosticSink,
): void {
  const before = sink.diagnostics.length;
  const types = new TypeResolver(local, sink);
  const merged: Program = {
    ...program,
    classes: { ...program.classes },
    enums: { ...program.enums },
    typeAliases: { ...program.typeAliases },
  };
  for (const { declaration } of items) {
    if (declaration.kind === 'type_alias') {
      merged.typeAliases[declaration.name.value] = lowerTypeAlias(declaration, types, sink);
    } else if (declaration.kind === 'enum') lowerEnum(declaration, sink);
  }
  const origin = new Map<string, { start: number; end: number }>();
  for (const item of items) {
    const decl = item.declaration;
    if (decl.kind !== 'class' || !added.some((a) => a.declaration === decl)) continue;
    const def = lowerClass(decl, types, merged.typeAliases, sink);
    const name = decl.name.value;
    const base = item.dynamic ? merged.classes[name] : undefined;
    merged.classes[name] = base ? { ...base, fields: [...base.fields, ...def.fields] } : def;
    origin.set(name, item.dynamic ? { start: item.dynamic.start, end: decl.end } : decl);
  }
  if (sink.diagnostics.length > before || sink.hasErrors()) return;
  for (const cycle of findClassCycles(merged)) {
    const at = cycle.map((name) => origin.get(name)).find((span) => span);
    if (at) sink.report('class_cycle', at, { names: cycle });
  }
}
