// `test Name { functions [A, B]  args { … }  type_builder { … }  @@check(…) }`. A type builder
// block is kept as text (its body, without the braces): `tsbaml test` reads it with
// `TypeBuilder.addBaml`, which reports its problems when the test runs.

import type { TestDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { TestDecl } from '../1-parse/ast.js';
import { configMap, configText } from './config-values.js';
import { readProperties } from './properties.js';
import { readAttributes } from './read-attributes.js';
import type { Scope } from './scope.js';

const TEST_PROPERTIES = new Set(['functions', 'args']);

/** Lowers a test, checking that the functions it names exist. */
export function lowerTest(decl: TestDecl, scope: Scope, sink: DiagnosticSink): TestDef {
  const block = `test \`${decl.name.value}\``;
  const properties = readProperties(decl.entries, block, TEST_PROPERTIES, sink);
  const functions: string[] = [];
  const functionsEntry = properties.get('functions');
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
      if (!scope.functions.has(name) && !scope.exprFunctions.has(name))
        sink.report('unknown_function', item, { name });
      functions.push(name);
    }
  }
  let args: TestDef['args'] = {};
  const argsEntry = properties.get('args');
  if (argsEntry) {
    if (argsEntry.value.kind === 'map') args = configMap(argsEntry.value.entries);
    else
      sink.report('invalid_property_value', argsEntry.value, {
        property: 'args',
        expected: 'a block `{ … }`',
      });
  }
  const read = readAttributes(decl.attributes, 'test', sink);
  const def: TestDef = { name: decl.name.value, functions, args };
  if (read.constraints.length > 0) def.constraints = read.constraints;
  if (decl.typeBuilders.length > 0)
    def.typeBuilder = decl.typeBuilders.map((block) => block.text.slice(1, -1)).join('\n');
  return def;
}
