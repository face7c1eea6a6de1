// Phase 2: from the syntax trees of all files to one IR `Program`. Names are collected first
// (so order and file boundaries do not matter), then every declaration is lowered, then the
// cross-references that need the whole program (clients, retry policies, alias cycles).

import { emptyProgram } from '../../../ir/empty-program.js';
import type { Program } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { SourceFileAst } from '../1-parse/ast.js';
import { findClassCycles } from './check-class-cycles.js';
import { findUnsupportedOutput } from './check-outputs.js';
import { checkParameterChecks } from './check-param-checks.js';
import { checkPythonNames } from './check-python-names.js';
import { checkTypeBuilders } from './check-type-builders.js';
import {
  type LoweredClient,
  lowerClient,
  reportFallbackCycles,
  resolveClientReference,
} from './lower-clients.js';
import { type ClientReference, lowerFunction, lowerTemplateString } from './lower-functions.js';
import { lowerGenerator } from './lower-generator.js';
import { lowerRetryPolicy } from './lower-retry-policy.js';
import { lowerStatements } from './lower-statements.js';
import { lowerTest, reportDuplicateTests } from './lower-tests.js';
import { lowerClass, lowerEnum, lowerTypeAlias } from './lower-types.js';
import { markRecursiveAliases } from './recursive-aliases.js';
import { TypeResolver } from './resolve-types.js';
import { buildScope } from './scope.js';

/**
 * Lowers parsed files into a program, reporting analysis errors to `sink`. `texts` (the source
 * of each file by path) lets messages quote the code they are about.
 */
export function analyze(
  files: SourceFileAst[],
  sink: DiagnosticSink,
  texts: ReadonlyMap<string, string> = new Map(),
): Program {
  const parsedCleanly = !sink.hasErrors();
  const scope = buildScope(files, sink);
  const types = new TypeResolver(scope, sink);
  const program = emptyProgram();

  // Aliases first: classes look through them (`@skip` on a field typed `MaybeName`).
  for (const [name, { declaration, file }] of scope.aliases) {
    sink.file = file;
    program.typeAliases[name] = lowerTypeAlias(declaration, types, sink);
  }
  for (const [name, { declaration, file }] of scope.classes) {
    sink.file = file;
    program.classes[name] = lowerClass(declaration, types, program.typeAliases, sink);
  }
  for (const [name, { declaration, file }] of scope.enums) {
    sink.file = file;
    program.enums[name] = lowerEnum(declaration, sink);
  }
  for (const cycle of findClassCycles(program)) {
    const first = cycle[0] ?? '';
    const located = scope.classes.get(first);
    if (!located) continue;
    sink.file = located.file;
    sink.report('class_cycle', located.declaration.name, { names: cycle });
  }
  for (const name of markRecursiveAliases(program.typeAliases)) {
    const located = scope.aliases.get(name);
    if (!located) continue;
    sink.file = located.file;
    sink.report('alias_cycle', located.declaration.name, { name });
  }

  const clientReferences: ClientReference[] = [];
  for (const [name, { declaration, file }] of scope.functions) {
    sink.file = file;
    const { def, client } = lowerFunction(declaration, types, sink);
    program.functions[name] = def;
    if (client) clientReferences.push(client);
  }
  for (const [name, { declaration, file }] of scope.functions) {
    const def = program.functions[name];
    const unsupported = def && findUnsupportedOutput(def.returnType, program);
    if (!unsupported) continue;
    sink.file = file;
    sink.report('unsupported_output_type', declaration.returnType, { name, ...unsupported });
  }
  for (const [name, { declaration, file }] of scope.templateStrings) {
    sink.file = file;
    program.templateStrings[name] = lowerTemplateString(declaration, types, sink);
  }
  lowerStatements(scope, program, sink, parsedCleanly, texts);
  for (const [name, { declaration, file }] of [...scope.functions, ...scope.templateStrings]) {
    const def = program.functions[name] ?? program.templateStrings[name];
    sink.file = file;
    if (def) checkParameterChecks(declaration.params, def.params, program, sink);
  }

  const lowered: LoweredClient[] = [];
  for (const [name, { declaration, file }] of scope.clients) {
    sink.file = file;
    const client = lowerClient(declaration, sink);
    program.clients[name] = client.def;
    lowered.push(client);
  }
  for (const [name, { declaration, file }] of scope.retryPolicies) {
    sink.file = file;
    program.retryPolicies[name] = lowerRetryPolicy(declaration, sink);
  }
  for (const client of lowered) {
    for (const reference of client.strategy) clientReferences.push(reference);
    const policy = client.retryPolicy;
    if (policy && !Object.hasOwn(program.retryPolicies, policy.name)) {
      sink.file = policy.file;
      sink.report('unknown_retry_policy', policy, { name: policy.name });
    }
  }
  for (const reference of clientReferences) {
    resolveClientReference(reference, program.clients, sink);
  }

  for (const { declaration, file } of scope.generators.values()) {
    sink.file = file;
    program.generators.push(lowerGenerator(declaration, sink));
  }
  checkPythonNames(
    program.generators.map((generator) => generator.outputType),
    scope,
    sink,
  );
  for (const { declaration, file } of scope.tests) {
    sink.file = file;
    program.tests.push(lowerTest(declaration, scope, sink));
  }
  reportDuplicateTests(scope.tests, sink);
  // Like BAML, test type builders are checked, and fallback cycles looked for, only in an
  // otherwise valid program.
  if (!sink.hasErrors()) checkTypeBuilders(scope, program, sink);
  if (!sink.hasErrors()) reportFallbackCycles(lowered, scope, sink);
  return program;
}
