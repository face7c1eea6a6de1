// With a `python/pydantic` generator, BAML refuses names the generated Python cannot hold:
// Python keywords as field names, enum values or parameters (plus builtin type names such as
// `list` for parameters), and a field named exactly like its own type (`ETA ETA?`).

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { TypeExpr } from '../1-parse/ast.js';
import type { Scope } from './scope.js';

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try ' +
    'while with yield'
  ).split(' '),
);
const PYTHON_PARAMETER_NAMES = new Set([
  'list',
  'dict',
  'set',
  'tuple',
  'int',
  'float',
  'str',
  'bool',
]);

/** The type a field names, ignoring a trailing `?` (what BAML compares the field name with). */
function namedType(type: TypeExpr): string | undefined {
  if (type.kind === 'optional') return namedType(type.inner);
  return type.kind === 'named' ? type.name : undefined;
}

/** Reports names the Python client cannot use, when a generator writes Python. */
export function checkPythonNames(outputTypes: string[], scope: Scope, sink: DiagnosticSink): void {
  if (!outputTypes.includes('python/pydantic')) return;
  for (const { declaration, file } of scope.classes.values()) {
    sink.file = file;
    for (const field of declaration.fields) {
      const name = field.name.value;
      if (PYTHON_KEYWORDS.has(name)) {
        sink.report('python_reserved_name', field.name, {
          message: `Field \`${name}\` in class \`${declaration.name.value}\`: Field name is a reserved word in generated python/pydantic clients.`,
        });
      }
      if (namedType(field.type) === name) {
        sink.report('python_reserved_name', field.name, {
          message: `Field \`${name}\` in class \`${declaration.name.value}\`: When using the python/pydantic generator, a field name must not be exactly equal to the type name. Consider changing the field name and using an alias.`,
        });
      }
    }
  }
  for (const { declaration, file } of scope.enums.values()) {
    sink.file = file;
    for (const value of declaration.values) {
      const name = value.name.value;
      if (!PYTHON_KEYWORDS.has(name)) continue;
      sink.report('python_reserved_name', value.name, {
        message: `Enum value '${name}' in enum \`${declaration.name.value}\` is a reserved word in Python, try changing the name and using \`OtherValueName @alias("${name}")\`.`,
      });
    }
  }
  for (const { declaration, file } of scope.functions.values()) {
    sink.file = file;
    for (const param of declaration.params) {
      const name = param.name.value;
      if (!PYTHON_KEYWORDS.has(name) && !PYTHON_PARAMETER_NAMES.has(name)) continue;
      sink.report('python_reserved_name', param.name, {
        message: `${name} is a reserved word in python/pydantic`,
      });
    }
  }
}
