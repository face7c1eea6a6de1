// Functions and template strings. The prompt is kept exactly as written between the block
// string delimiters: the runtime dedents it when rendering, and keeping the raw text means
// the IR can always be traced back to the source.

import type { FunctionDef, ParamDef, TemplateStringDef } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { FunctionDecl, ParamDecl, TemplateStringDecl } from '../1-parse/ast.js';
import { configText } from './config-values.js';
import { joinDocs } from './lower-types.js';
import { readProperties } from './properties.js';
import { readAttributes } from './read-attributes.js';
import { type TypeResolver, withAttributes } from './resolve-types.js';
import { uniqueMembers } from './unique-members.js';

const FUNCTION_PROPERTIES = new Set(['client', 'prompt']);

/** A function's client reference as written, with its span, for later resolution. */
export interface ClientReference {
  name: string;
  start: number;
  end: number;
  file: string;
}

function lowerParams(
  owner: string,
  params: ParamDecl[],
  types: TypeResolver,
  sink: DiagnosticSink,
): ParamDef[] {
  return uniqueMembers(params, owner, 'duplicate_parameter', sink).map((param) => {
    const type = types.resolve(param.type);
    // BAML takes `@description`/`@alias` on a parameter and does nothing with them.
    const kept = (param.attributes ?? []).filter(
      (a) => a.block || (a.name.value !== 'description' && a.name.value !== 'alias'),
    );
    if (kept.length === 0) return { name: param.name.value, type };
    return {
      name: param.name.value,
      type: withAttributes(type, readAttributes(kept, 'type', sink)),
    };
  });
}

/** Lowers a function; its client is returned separately so clients can be resolved last. */
export function lowerFunction(
  decl: FunctionDecl,
  types: TypeResolver,
  sink: DiagnosticSink,
): { def: FunctionDef; client?: ClientReference } {
  const name = decl.name.value;
  const params = lowerParams(name, decl.params, types, sink);
  const returnRead = readAttributes(decl.returnAttributes, 'type', sink);
  const returnType = withAttributes(types.resolve(decl.returnType), returnRead);
  const block = `function \`${name}\``;
  const properties = readProperties(decl.body, block, FUNCTION_PROPERTIES, sink);

  let client: ClientReference | undefined;
  const clientEntry = properties.get('client');
  if (!clientEntry) {
    sink.report('missing_property', decl.name, { block, property: 'client' });
  } else {
    const text = configText(clientEntry.value);
    if (text === undefined || text === '') {
      sink.report('invalid_property_value', clientEntry.value, {
        property: 'client',
        expected: 'a client name or "provider/model"',
      });
    } else {
      const { start, end } = clientEntry.value;
      client = { name: text, start, end, file: sink.file };
    }
  }

  let prompt = '';
  const promptEntry = properties.get('prompt');
  if (!promptEntry) {
    sink.report('missing_property', decl.name, { block, property: 'prompt' });
  } else if (promptEntry.value.kind !== 'string') {
    sink.report('invalid_property_value', promptEntry.value, {
      property: 'prompt',
      expected: 'a string, usually a block string `#"…"#`',
    });
  } else {
    prompt = promptEntry.value.value;
  }

  const def: FunctionDef = { name, params, returnType, client: client?.name ?? '', prompt };
  const docs = joinDocs(decl.docs);
  if (docs !== undefined) def.docs = docs;
  return client ? { def, client } : { def };
}

/** Lowers a template string, keeping its template text exactly as written. */
export function lowerTemplateString(
  decl: TemplateStringDecl,
  types: TypeResolver,
  sink: DiagnosticSink,
): TemplateStringDef {
  const name = decl.name.value;
  return {
    name,
    params: lowerParams(name, decl.params, types, sink),
    template: decl.template.value,
  };
}
