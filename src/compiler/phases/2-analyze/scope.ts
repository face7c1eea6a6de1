// The program-wide symbol tables, built before anything is resolved so that declarations can
// refer to each other across files and in any order.

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type {
  ClassDecl,
  ConfigBlockDecl,
  Declaration,
  EnumDecl,
  ExprFunctionDecl,
  FunctionDecl,
  SourceFileAst,
  TemplateStringDecl,
  TestDecl,
  TopLevelLetDecl,
  TypeAliasDecl,
} from '../1-parse/ast.js';

/** A declaration together with the file it came from. */
export type Located<D> = { declaration: D; file: string };

/** Every declaration by name, in declaration order (files in the order given). */
export interface Scope {
  classes: Map<string, Located<ClassDecl>>;
  enums: Map<string, Located<EnumDecl>>;
  aliases: Map<string, Located<TypeAliasDecl>>;
  functions: Map<string, Located<FunctionDecl>>;
  templateStrings: Map<string, Located<TemplateStringDecl>>;
  clients: Map<string, Located<ConfigBlockDecl>>;
  retryPolicies: Map<string, Located<ConfigBlockDecl>>;
  generators: Map<string, Located<ConfigBlockDecl>>;
  /** Tests are not one namespace: a name may repeat as long as the functions differ. */
  tests: Located<TestDecl>[];
  /** Functions whose body is statements. */
  exprFunctions: Map<string, Located<ExprFunctionDecl>>;
  /** Top-level `let` bindings. */
  globals: Map<string, Located<TopLevelLetDecl>>;
}

/** Names that cannot be declared as types: built-in type names and keywords. */
export const RESERVED_TYPE_NAMES = new Set([
  'string',
  'int',
  'float',
  'bool',
  'null',
  'image',
  'audio',
  'pdf',
  'video',
  'map',
  'true',
  'false',
  'Json',
]);

const KIND_LABEL: Record<Declaration['kind'], string> = {
  class: 'type',
  enum: 'type',
  type_alias: 'type',
  function: 'function',
  template_string: 'function',
  client: 'client',
  retry_policy: 'retry policy',
  generator: 'generator',
  test: 'test',
  expr_function: 'function',
  let: 'top-level variable',
};

/** A scope with nothing declared (the type builder fills one with a program's names). */
export function emptyScope(): Scope {
  return {
    classes: new Map(),
    enums: new Map(),
    aliases: new Map(),
    functions: new Map(),
    templateStrings: new Map(),
    clients: new Map(),
    retryPolicies: new Map(),
    generators: new Map(),
    tests: [],
    exprFunctions: new Map(),
    globals: new Map(),
  };
}

/**
 * Collects all declarations of all files, reporting duplicate and reserved names. Classes, enums
 * and aliases share one namespace; so do functions and template strings (both are callable from
 * prompts).
 */
export function buildScope(files: SourceFileAst[], sink: DiagnosticSink): Scope {
  const scope = emptyScope();
  const namespaces = new Map<string, Set<string>>();
  for (const file of files) {
    sink.file = file.path;
    for (const declaration of file.declarations) {
      const name = declaration.name.value;
      if (declaration.kind === 'test') {
        scope.tests.push({ declaration, file: file.path });
        continue;
      }
      const label = KIND_LABEL[declaration.kind];
      if (label === 'type' && RESERVED_TYPE_NAMES.has(name)) {
        sink.report('reserved_name', declaration.name, { name });
        continue;
      }
      let names = namespaces.get(label);
      if (!names) {
        names = new Set();
        namespaces.set(label, names);
      }
      if (names.has(name)) {
        sink.report('duplicate_name', declaration.name, { kind: label, name });
        continue;
      }
      names.add(name);
      add(scope, declaration, file.path);
    }
  }
  return scope;
}

function add(scope: Scope, declaration: Declaration, file: string): void {
  const name = declaration.name.value;
  switch (declaration.kind) {
    case 'class':
      scope.classes.set(name, { declaration, file });
      break;
    case 'enum':
      scope.enums.set(name, { declaration, file });
      break;
    case 'type_alias':
      scope.aliases.set(name, { declaration, file });
      break;
    case 'function':
      scope.functions.set(name, { declaration, file });
      break;
    case 'template_string':
      scope.templateStrings.set(name, { declaration, file });
      break;
    case 'client':
      scope.clients.set(name, { declaration, file });
      break;
    case 'retry_policy':
      scope.retryPolicies.set(name, { declaration, file });
      break;
    case 'generator':
      scope.generators.set(name, { declaration, file });
      break;
    case 'expr_function':
      scope.exprFunctions.set(name, { declaration, file });
      break;
    case 'let':
      scope.globals.set(name, { declaration, file });
      break;
  }
}
