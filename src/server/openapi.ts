// Builds the OpenAPI 3.0 document served at /openapi.json (and written by the `rest/openapi`
// generator). It follows BAML's layout (a request body per function, schemas per class and enum,
// Baml* media schemas) and adds what BAML leaves out: the /stream routes, the partial (streaming)
// type of every class as `partial_types.<Name>`, and the error bodies of every route.

import { tsbamlVersion } from '../cli/version.js';
import { acceptsNull, neverNullInPartial } from '../ir/type-queries.js';
import type { ClassDef, EnumDef, FunctionDef, Program, Type } from '../ir/types.js';

type Schema = Record<string, unknown>;

const MEDIA_SCHEMA_NAMES = {
  image: 'BamlImage',
  audio: 'BamlAudio',
  pdf: 'BamlPdf',
  video: 'BamlVideo',
};

/** The OpenAPI 3.0.0 document for every function of `program`. */
export function buildOpenApiDocument(program: Program): Schema {
  const schemas: Record<string, Schema> = { ...fixedSchemas() };
  for (const cls of Object.values(program.classes)) {
    schemas[cls.name] = classSchema(program, cls, false);
    schemas[`partial_types.${cls.name}`] = classSchema(program, cls, true);
  }
  for (const en of Object.values(program.enums)) schemas[en.name] = enumSchema(en);
  for (const alias of Object.values(program.typeAliases)) {
    schemas[alias.name] = typeSchema(program, alias.type, false);
    schemas[`partial_types.${alias.name}`] = typeSchema(program, alias.type, true);
  }
  const requestBodies: Record<string, Schema> = {};
  const paths: Record<string, Schema> = {};
  for (const fn of Object.values(program.functions)) {
    requestBodies[fn.name] = requestBody(program, fn);
    paths[`/call/${fn.name}`] = { post: callOperation(program, fn) };
    paths[`/stream/${fn.name}`] = { post: streamOperation(program, fn) };
  }
  return {
    openapi: '3.0.0',
    info: {
      title: 'tsbaml functions',
      description: 'The BAML functions of this project, served by `tsbaml serve`.',
      version: tsbamlVersion(),
    },
    servers: [{ url: '{address}', variables: { address: { default: 'http://localhost:2024' } } }],
    paths,
    components: {
      requestBodies,
      schemas,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-baml-api-key' },
        basic: { type: 'http', scheme: 'basic' },
      },
    },
    security: [{}, { apiKey: [] }, { basic: [] }],
  };
}

function requestBody(program: Program, fn: FunctionDef): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const param of fn.params) {
    properties[param.name] = typeSchema(program, param.type, false);
    if (!acceptsNull(param.type)) required.push(param.name);
  }
  properties.__baml_options__ = { $ref: '#/components/schemas/BamlOptions', nullable: true };
  const schema: Schema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return { required: true, content: { 'application/json': { schema } } };
}

function callOperation(program: Program, fn: FunctionDef): Schema {
  return {
    operationId: fn.name,
    ...(fn.docs ? { description: fn.docs } : {}),
    requestBody: { $ref: `#/components/requestBodies/${fn.name}` },
    responses: {
      '200': {
        description: `The validated result of ${fn.name}.`,
        content: { 'application/json': { schema: typeSchema(program, fn.returnType, false) } },
      },
      ...errorResponses(),
    },
  };
}

function streamOperation(program: Program, fn: FunctionDef): Schema {
  return {
    operationId: `${fn.name}_stream`,
    description:
      'Server-sent events. By default (BAML-compatible) every event is `data: <partial>` and the last one is the final value. ' +
      'With `?protocol=events` (or `Accept: text/event-stream; protocol=events`) events are named `partial`, `final` and `error` and carry ids; ' +
      'with `?protocol=patch` partials arrive as `patch` events holding JSON-Patch operations plus `append` (see docs/serve.md). ' +
      'Errors before the first event are ordinary JSON error responses.',
    requestBody: { $ref: `#/components/requestBodies/${fn.name}` },
    responses: {
      '200': {
        description: 'A stream of partial values, then the final value.',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
        'x-tsbaml-events': {
          partial: typeSchema(program, fn.returnType, true, true),
          final: typeSchema(program, fn.returnType, false),
          patch: { type: 'array', items: { $ref: '#/components/schemas/PatchOperation' } },
          error: { $ref: '#/components/schemas/BamlErrorBody' },
        },
      },
      ...errorResponses(),
    },
  };
}

function errorResponses(): Record<string, Schema> {
  const body = (description: string): Schema => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/BamlErrorBody' } } },
  });
  return {
    '400': body(
      'Malformed body, missing or invalid arguments, or bad `__baml_options__` (`invalid_argument`).',
    ),
    '403': {
      description: 'Wrong or missing credentials while BAML_PASSWORD is set.',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
    '404': body('No function with this name (`function_not_found`).'),
    '413': body('The body is larger than the server accepts (`payload_too_large`).'),
    '500': body(
      'The answer could not be parsed (`validation_failure`), a disallowed finish reason (`finish_reason_error`) or another failure (`internal_error`).',
    ),
    '502': body(
      'The LLM client failed (`client_error`); provider HTTP errors keep the provider status (`client_http_error`).',
    ),
  };
}

function classSchema(program: Program, cls: ClassDef, partial: boolean): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const field of cls.fields) {
    if (field.skip) continue;
    const schema = typeSchema(program, field.type, partial);
    if (field.description) schema.description = field.description;
    properties[field.name] = schema;
    // Partials always carry every field (null while unknown), so every field is required there.
    if (partial || !acceptsNull(field.type)) required.push(field.name);
  }
  const schema: Schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  if (cls.dynamic) schema.additionalProperties = true;
  else schema.additionalProperties = false;
  if (cls.description) schema.description = cls.description;
  return schema;
}

function enumSchema(en: EnumDef): Schema {
  const schema: Schema = {
    type: 'string',
    enum: en.values.filter((v) => !v.skip).map((v) => v.name),
  };
  if (en.description) schema.description = en.description;
  return schema;
}

/**
 * JSON schema of a type occurrence, final or partial. Partial forms follow spec §4.2 as the
 * generated `partial_types` do: lists and maps (and their items and values), union variants,
 * `@stream.not_null` values and the top level of a stream are never null; anything else may be
 * null until it arrives; `@stream.done` values use the final schemas; `@stream.with_state`
 * values are wrapped in `{ value, state }`.
 */
export function typeSchema(
  program: Program,
  type: Type,
  partial: boolean,
  needed = false,
  inDone = false,
): Schema {
  const done = inDone || type.attrs?.streamDone === true;
  const asPartial = partial && !done;
  let schema = baseSchema(program, type, asPartial);
  if (type.attrs?.constraints?.some((c) => c.level === 'check')) {
    schema = {
      type: 'object',
      properties: {
        value: schema,
        checks: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Check' } },
      },
      required: ['value', 'checks'],
    };
  }
  if (!partial) return schema;
  const isNeeded = neverNullInPartial(program, type, needed);
  if (type.attrs?.streamWithState) {
    return {
      type: 'object',
      properties: {
        value: isNeeded ? schema : nullable(schema),
        state: { type: 'string', enum: ['Pending', 'Incomplete', 'Complete'] },
      },
      required: ['value', 'state'],
    };
  }
  return isNeeded ? schema : nullable(schema);
}

function baseSchema(program: Program, type: Type, partial: boolean): Schema {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return { type: 'string' };
        case 'int':
          return { type: 'integer' };
        case 'float':
          return { type: 'number' };
        case 'bool':
          return { type: 'boolean' };
        case 'null':
          return { nullable: true, enum: [null] };
      }
      break;
    case 'media':
      return { $ref: `#/components/schemas/${MEDIA_SCHEMA_NAMES[type.name]}` };
    case 'literal':
      return { type: literalType(type.value), enum: [type.value] };
    case 'class':
    case 'alias':
      return { $ref: `#/components/schemas/${partial ? 'partial_types.' : ''}${type.name}` };
    case 'enum':
      return { $ref: `#/components/schemas/${type.name}` };
    case 'list':
      return { type: 'array', items: typeSchema(program, type.item, partial, true) };
    case 'map':
      return {
        type: 'object',
        additionalProperties: typeSchema(program, type.value, partial, true),
      };
    case 'tuple':
      return {
        type: 'array',
        items: { oneOf: type.items.map((t) => typeSchema(program, t, partial, true)) },
      };
    case 'union': {
      const variants = type.variants.filter((v) => !(v.kind === 'primitive' && v.name === 'null'));
      const hasNull = variants.length !== type.variants.length;
      const first = variants[0];
      let inner: Schema;
      if (variants.length === 1 && first) inner = typeSchema(program, first, partial, true);
      else if (
        variants.every(
          (v) =>
            v.kind === 'literal' &&
            literalType(v.value) === literalType((first as { value: string }).value),
        )
      ) {
        // "a" | "b" | "c" is one enum, not three one-value schemas.
        const values = variants.map((v) => (v as { value: string | number | boolean }).value);
        inner = { type: literalType(values[0] as string), enum: values };
      } else inner = { oneOf: variants.map((v) => typeSchema(program, v, partial, true)) };
      return hasNull ? nullable(inner) : inner;
    }
  }
  return {};
}

function nullable(schema: Schema): Schema {
  if (schema.nullable === true) return schema;
  // OpenAPI 3.0.3: with `enum`, null must also be listed for `nullable` to allow it.
  if (Array.isArray(schema.enum) && !schema.enum.includes(null))
    return { ...schema, enum: [...schema.enum, null], nullable: true };
  // OpenAPI 3.0 ignores siblings of $ref, so a nullable reference goes through allOf.
  if ('$ref' in schema) return { allOf: [schema], nullable: true };
  return { ...schema, nullable: true };
}

function literalType(value: string | number | boolean): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return Number.isInteger(value) ? 'integer' : 'number';
}

function mediaSchema(kind: string): Schema {
  return {
    oneOf: [
      {
        type: 'object',
        title: `${kind}Base64`,
        properties: { base64: { type: 'string' }, media_type: { type: 'string' } },
        required: ['base64'],
      },
      {
        type: 'object',
        title: `${kind}Url`,
        properties: { url: { type: 'string' }, media_type: { type: 'string' } },
        required: ['url'],
      },
    ],
  };
}

function fixedSchemas(): Record<string, Schema> {
  return {
    BamlImage: mediaSchema('BamlImage'),
    BamlAudio: mediaSchema('BamlAudio'),
    BamlPdf: mediaSchema('BamlPdf'),
    BamlVideo: mediaSchema('BamlVideo'),
    BamlOptions: {
      type: 'object',
      properties: {
        client_registry: {
          type: 'object',
          nullable: true,
          properties: {
            clients: { type: 'array', items: { $ref: '#/components/schemas/ClientProperty' } },
            primary: { type: 'string', nullable: true },
          },
          required: ['clients'],
        },
        env: {
          type: 'object',
          nullable: true,
          additionalProperties: { type: 'string', nullable: true },
        },
      },
    },
    ClientProperty: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        provider: { type: 'string' },
        retry_policy: { type: 'string', nullable: true },
        options: { type: 'object', additionalProperties: true },
      },
      required: ['name', 'provider', 'options'],
    },
    Check: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        expr: { type: 'string' },
        status: { type: 'string' },
      },
      required: ['name', 'expr', 'status'],
    },
    BamlErrorBody: {
      type: 'object',
      properties: {
        error: {
          type: 'string',
          enum: [
            'invalid_argument',
            'function_not_found',
            'payload_too_large',
            'client_error',
            'client_http_error',
            'validation_failure',
            'finish_reason_error',
            'internal_error',
          ],
        },
        message: { type: 'string' },
        prompt: { type: 'string' },
        raw_output: { type: 'string' },
        finish_reason: { type: 'string', nullable: true },
        client_name: { type: 'string' },
        status_code: { type: 'integer' },
        documentation_url: { type: 'string' },
      },
      required: ['error', 'message'],
    },
    PatchOperation: {
      type: 'object',
      description:
        'RFC 6902 `add` / `replace` / `remove` at an RFC 6901 pointer, plus `append`: concatenate `value` to the string at `path`.',
      properties: {
        op: { type: 'string', enum: ['add', 'replace', 'remove', 'append'] },
        path: { type: 'string' },
        value: {},
      },
      required: ['op', 'path'],
    },
  };
}
