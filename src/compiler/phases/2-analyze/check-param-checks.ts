// BAML refuses a parameter whose type carries a `@check` anywhere inside it (on the type
// itself, on a field of a class it reaches, through aliases, lists, maps and unions): a checked
// value is an output wrapper, not something a caller can pass in. `@assert` is allowed.

import type { Program, Type } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ParamDecl } from '../1-parse/ast.js';

/** Whether `type`, or any type it reaches, carries a `@check`. */
function hasNestedCheck(root: Type, program: Program): boolean {
  const seen = new Set<string>();
  const pending: Type[] = [root];
  for (let type = pending.pop(); type; type = pending.pop()) {
    if (type.attrs?.constraints?.some((c) => c.level === 'check')) return true;
    switch (type.kind) {
      case 'class': {
        const key = `class:${type.name}`;
        if (seen.has(key)) break;
        seen.add(key);
        for (const field of program.classes[type.name]?.fields ?? []) pending.push(field.type);
        break;
      }
      case 'alias': {
        const key = `alias:${type.name}`;
        const alias = program.typeAliases[type.name];
        if (seen.has(key) || !alias) break;
        seen.add(key);
        pending.push(alias.type);
        break;
      }
      case 'list':
        pending.push(type.item);
        break;
      case 'map':
        pending.push(type.key, type.value);
        break;
      case 'union':
        pending.push(...type.variants);
        break;
      case 'tuple':
        pending.push(...type.items);
        break;
    }
  }
  return false;
}

/** Reports each parameter (of a function or template string) whose type has a `@check`. */
export function checkParameterChecks(
  decls: ParamDecl[],
  params: Array<{ name: string; type: Type }>,
  program: Program,
  sink: DiagnosticSink,
): void {
  for (const decl of decls) {
    const param = params.find((p) => p.name === decl.name.value);
    if (param && hasNestedCheck(param.type, program)) {
      sink.report('check_in_parameter', decl.type, {});
    }
  }
}
