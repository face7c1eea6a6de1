// `generator Name { output_type "typescript" output_dir "../" … }`. Every property is kept in
// `options` as written; the well-known ones are also lifted into typed fields and checked.

import type { GeneratorDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ConfigBlockDecl } from '../1-parse/ast.js';
import { configMap, configText } from './config-values.js';
import { readProperties } from './properties.js';

/** The `output_type` values BAML 0.226 accepts. */
export const GENERATOR_OUTPUT_TYPES = new Set([
  'typescript',
  'typescript/react',
  'python/pydantic',
  'python/pydantic/v1',
  'ruby/sorbet',
  'go',
  'rust',
  'rest/openapi',
  'boundary-cloud',
]);

/** The properties a generator block may have; BAML checks nothing else once one is unknown. */
const GENERATOR_PROPERTIES = new Set([
  'version',
  'on_generate',
  'project',
  'output_type',
  'output_dir',
  'module_format',
  'client_package_name',
  'default_client_mode',
]);

/** Lowers a generator block. */
export function lowerGenerator(decl: ConfigBlockDecl, sink: DiagnosticSink): GeneratorDef {
  const block = `generator \`${decl.name.value}\``;
  const reported = sink.diagnostics.length;
  const properties = readProperties(decl.entries, block, GENERATOR_PROPERTIES, sink);
  const def: GeneratorDef = {
    name: decl.name.value,
    outputType: '',
    outputDir: '../',
    options: configMap(decl.entries),
  };
  if (sink.diagnostics.length > reported) return def;
  const text = (key: string): string | undefined => {
    const entry = properties.get(key);
    if (!entry) return undefined;
    const value = configText(entry.value);
    if (value === undefined) {
      sink.report('invalid_property_value', entry.value, { property: key, expected: 'a string' });
    }
    return value;
  };

  let outputType = text('output_type');
  const outputTypeEntry = properties.get('output_type');
  if (outputType === undefined) {
    if (!outputTypeEntry)
      sink.report('missing_property', decl.name, { block, property: 'output_type' });
    outputType = '';
  } else if (!GENERATOR_OUTPUT_TYPES.has(outputType) && outputTypeEntry) {
    sink.report('unknown_generator_output_type', outputTypeEntry.value, { name: outputType });
  }

  def.outputType = outputType;
  def.outputDir = text('output_dir') ?? '../';
  const version = text('version');
  if (version !== undefined) def.version = version;

  const mode = text('default_client_mode');
  if (mode === 'sync' || mode === 'async') def.defaultClientMode = mode;
  else if (mode !== undefined) {
    sink.report(
      'invalid_property_value',
      properties.get('default_client_mode')?.value ?? decl.name,
      {
        property: 'default_client_mode',
        expected: '`sync` or `async`',
      },
    );
  }
  const format = text('module_format');
  if (format === 'cjs' || format === 'esm') def.moduleFormat = format;
  else if (format !== undefined) {
    sink.report('invalid_property_value', properties.get('module_format')?.value ?? decl.name, {
      property: 'module_format',
      expected: '`cjs` or `esm`',
    });
  }
  return def;
}
