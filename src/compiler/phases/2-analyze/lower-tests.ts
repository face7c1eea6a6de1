// `test Name { functions [A, B]  args { … }  type_builder { … }  @@check(…) }`. A type builder
// block is kept as text (its body, without the braces): `tsbaml test` reads it with
// `TypeBuilder.addBaml`, which reports its problems when the test runs.

import type { TestDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ConfigValueNode, TestDecl } from '../1-parse/ast.js';
import { configMap, configText } from './config-values.js';
import { readProperties } from './properties.js';
import { readAttributes } from './read-attributes.js';
import type { Located, Scope } from './scope.js';

/** `function F` (one name) is BAML's older spelling of `functions [F]`, still accepted. */
const TEST_PROPERTIES = new Set(['functions', 'function', 'args']);

/**
 * Lowers a test, checking that the functions it names exist. As in BAML, a test needs both
 * `functions` (or `function`) and `args`.
 */
export function lowerTest(decl: TestDecl, scope: Scope, sink: DiagnosticSink): TestDef {
  const block = `test \`${decl.name.value}\``;
  const properties = readProperties(decl.entries, block, TEST_PROPERTIES, sink);
  const functions: string[] = [];
  const plural = properties.get('functions');
  const singular = properties.get('function');
  if (plural && singular) {
    const later = plural.start > singular.start ? plural : singular;
    sink.report('duplicate_property', later.key, { property: later.key.value });
  }
  const functionsEntry =
    plural && singular ? (plural.start < singular.start ? plural : singular) : (plural ?? singular);
  if (!functionsEntry) {
    sink.report('missing_property', decl.name, { block, property: 'functions' });
  } else {
    const items =
      functionsEntry.value.kind === 'array' ? functionsEntry.value.items : [functionsEntry.value];
    for (const item of items) {
      const name = configText(item);
      if (name === undefined) {
        sink.report('invalid_property_value', item, {
          property: 'functions',
          expected: 'a list of function names',
        });
        continue;
      }
      // BAML only warns here, so that a stale test never blocks generation; the test is then
      // not run for that name.
      if (scope.functions.has(name) || scope.exprFunctions.has(name)) functions.push(name);
      else sink.report('unknown_function', item, { name });
    }
  }
  let args: TestDef['args'] = {};
  const argsEntry = properties.get('args');
  if (!argsEntry && functionsEntry) {
    sink.report('missing_property', decl.name, { block, property: 'args' });
  } else if (argsEntry) {
    if (argsEntry.value.kind === 'map') args = configMap(argsEntry.value.entries);
    else
      sink.report('invalid_property_value', argsEntry.value, {
        property: 'args',
        expected: 'a block `{ … }`',
      });
  }
  for (const attribute of decl.entries.flatMap((entry) => entry.attributes ?? [])) {
    const name = attribute.name.value;
    if (name === 'check' || name === 'assert') {
      sink.report('constraint_on_test_field', attribute, { name });
    }
  }
  const read = readAttributes(decl.attributes, 'test', sink);
  const def: TestDef = { name: decl.name.value, functions, args };
  if (read.constraints.length > 0) def.constraints = read.constraints;
  if (decl.typeBuilders.length > 0)
    def.typeBuilder = decl.typeBuilders.map((block) => block.text.slice(1, -1)).join('\n');
  return def;
}

/** The function names a test lists, each with its node (empty when `functions` is malformed). */
function listedFunctions(decl: TestDecl): Array<{ name: string; node: ConfigValueNode }> {
  const entry = decl.entries.find((e) => e.key.value === 'functions');
  if (!entry) return [];
  const items = entry.value.kind === 'array' ? entry.value.items : [entry.value];
  return items.flatMap((node) => {
    const name = configText(node);
    return name === undefined ? [] : [{ name, node }];
  });
}

/**
 * A test name may be reused for other functions; BAML rejects only the same test name given
 * twice for one function, at both places the function is listed.
 */
export function reportDuplicateTests(tests: Located<TestDecl>[], sink: DiagnosticSink): void {
  const seen = new Map<string, { node: ConfigValueNode; file: string }>();
  for (const { declaration, file } of tests) {
    for (const { name, node } of listedFunctions(declaration)) {
      const key = JSON.stringify([declaration.name.value, name]);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { node, file });
        continue;
      }
      const params = { test: declaration.name.value, function: name };
      sink.file = file;
      sink.report('duplicate_test', node, params);
      sink.file = first.file;
      sink.report('duplicate_test', first.node, params);
    }
  }
}
