// Expression functions, class methods and top-level `let` in the program: each expression
// function becomes a `FunctionDef` (so generators give it a method like any function) carrying
// its body, and every body is type-checked. As in BAML 0.226.2, each expression function and
// each top-level `let` is warned about as experimental, and bodies are only type-checked when
// the files parsed without errors.

import type { FunctionDef, Program, Type } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ExprFunctionDecl } from '../1-parse/ast.js';
import { BAML_KEYWORDS } from './baml-keywords.js';
import { BodyChecker, type Callable, type StatementContext } from './check-statements.js';
import { assignable, typeName, valueTypeName, widen } from './expr-types.js';
import { lowerBlock, lowerExpr } from './lower-bodies.js';
import { joinDocs } from './lower-types.js';
import { TypeResolver } from './resolve-types.js';
import type { Scope } from './scope.js';

/** Names BAML's prelude takes: an expression function may not use them. */
const PRELUDE = new Set(['baml.fetch_as', 'baml.HttpRequest']);

interface Lowered {
  decl: ExprFunctionDecl;
  file: string;
  callable: Callable;
}

/**
 * Adds the expression functions of `scope` to `program.functions` and checks every body.
 * `parsedCleanly` is false when a file had a syntax error (bodies are then not checked).
 */
export function lowerStatements(
  scope: Scope,
  program: Program,
  sink: DiagnosticSink,
  parsedCleanly: boolean,
  texts: ReadonlyMap<string, string> = new Map(),
): void {
  const types = new TypeResolver(scope, sink, false);
  const functions = new Map<string, Callable>();
  for (const [name, def] of Object.entries(program.functions)) {
    functions.set(name, { params: def.params, returnType: def.returnType });
  }
  for (const [name, { declaration, file }] of scope.templateStrings) {
    sink.file = file;
    const params = declaration.params.map((p) => ({
      name: p.name.value,
      type: types.resolve(p.type),
    }));
    functions.set(name, { params, returnType: { kind: 'primitive', name: 'string' } });
  }

  const lowered: Lowered[] = [];
  for (const [name, { declaration, file }] of scope.exprFunctions) {
    sink.file = file;
    sink.report('workflow_experimental', declaration.name, {});
    if (scope.classes.has(name) || scope.globals.has(name) || PRELUDE.has(name)) {
      sink.report('duplicate_expr_function', declaration.name, { name });
    }
    for (const param of declaration.params) {
      if (BAML_KEYWORDS.has(param.name.value)) {
        sink.report('reserved_keyword', declaration, { name: param.name.value });
      }
    }
    const callable = lowerCallable(declaration, types);
    functions.set(name, callable);
    program.functions[name] = functionDef(declaration, callable);
    lowered.push({ decl: declaration, file, callable });
  }

  const methods = new Map<string, Callable>();
  const methodBodies: Lowered[] = [];
  for (const [className, { declaration, file }] of scope.classes) {
    sink.file = file;
    const classDef = program.classes[className];
    for (const method of declaration.methods ?? []) {
      const callable = lowerCallable(method, types);
      methods.set(`${className}.${method.name.value}`, callable);
      methodBodies.push({ decl: method, file, callable });
      if (!classDef) continue;
      classDef.methods ??= {};
      classDef.methods[method.name.value] = {
        name: method.name.value,
        params: method.params.map((p) => p.name.value),
        body: lowerBlock(method.body),
      };
    }
  }

  const globals = new Map<string, Type | undefined>();
  for (const { declaration } of scope.globals.values()) {
    globals.set(declaration.name.value, undefined);
    program.globals ??= [];
    program.globals.push({ name: declaration.name.value, value: lowerExpr(declaration.value) });
  }
  const ctx: StatementContext = {
    program,
    sink,
    functions,
    methods,
    globals,
    typeOf: (type) => types.resolve(type),
    sourceOf: (span) => texts.get(sink.file)?.slice(span.start, span.end),
  };

  for (const [name, { declaration, file }] of scope.globals) {
    sink.file = file;
    sink.report('variable_experimental', declaration.value, {});
    if (!parsedCleanly) continue;
    const checker = new BodyChecker(ctx, undefined, []);
    const valueType = checker.expr(declaration.value);
    if (!declaration.type) {
      globals.set(name, valueType === undefined ? undefined : widen(valueType));
      continue;
    }
    const declared = types.resolve(declaration.type);
    globals.set(name, declared);
    if (!assignable(valueType, declared, program)) {
      sink.report('statement_type_error', declaration, {
        message: `Type mismatch: global '${name}' annotated as ${typeName(declared)} but got ${valueTypeName(valueType)}`,
      });
    }
  }
  if (!parsedCleanly) return;
  for (const { decl, file, callable } of [...methodBodies, ...lowered]) {
    sink.file = file;
    new BodyChecker(ctx, callable.returnType, callable.params).checkFunctionBody(decl.body);
  }
}

function lowerCallable(decl: ExprFunctionDecl, types: TypeResolver): Callable {
  const params = decl.params.map((p) => ({ name: p.name.value, type: types.resolve(p.type) }));
  return { params, returnType: decl.returnType ? types.resolve(decl.returnType) : undefined };
}

function functionDef(decl: ExprFunctionDecl, callable: Callable): FunctionDef {
  const def: FunctionDef = {
    name: decl.name.value,
    params: callable.params,
    returnType: callable.returnType ?? { kind: 'primitive', name: 'null' },
    client: '',
    prompt: '',
    expression: true,
    body: lowerBlock(decl.body),
  };
  const docs = joinDocs(decl.docs);
  if (docs !== undefined) def.docs = docs;
  return def;
}
