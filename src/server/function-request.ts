// Turns a parsed request body into a function's named arguments and BAML options, rejecting
// what BAML would reject (non-object bodies, missing arguments, bad `__baml_options__`) with
// 400 `invalid_argument`, and unknown argument names too, which usually are typos.
import { acceptsNull } from '../ir/type-queries.js';
import type { FunctionDef } from '../ir/types.js';
import { HttpError } from './error-body.js';
import type { ClientRegistryEntry, ClientRegistrySpec } from './executor.js';

/** The arguments and options of one `/call` or `/stream` request. */
export interface FunctionRequest {
  args: Record<string, unknown>;
  clientRegistry?: ClientRegistrySpec;
  /** `__baml_options__.env`: a `null` value removes that variable for this call. */
  envOverrides: Record<string, string | null>;
  /** **(tsbaml)** `__baml_options__.tags`: the call's tags (they appear in its log). */
  tags?: Record<string, string>;
  /** **(tsbaml)** `__baml_options__.collect`: answer with the call's log too. */
  collect?: boolean;
  /** **(tsbaml)** `__baml_options__.tick`: with `collect`, streams send the log before each partial. */
  tick?: boolean;
}

const OPTION_FIELDS = ['client_registry', 'env', 'tags', 'collect', 'tick'];

/** Validates `body` against `fn`'s parameters. */
export function parseFunctionRequest(fn: FunctionDef, body: unknown): FunctionRequest {
  if (!isPlainObject(body)) {
    throw invalid(
      `POST data must be a JSON map of the arguments for BAML function ${fn.name}, from arg name to value`,
    );
  }
  const { __baml_options__: rawOptions, ...args } = body;
  const known = new Set(fn.params.map((p) => p.name));
  const unknown = Object.keys(args).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw invalid(
      `Unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} for BAML function ${fn.name}; its parameters are ${describeParams(fn)}.`,
    );
  }
  const missing = fn.params
    .filter((p) => !(p.name in args) && !acceptsNull(p.type))
    .map((p) => p.name);
  if (missing.length > 0) {
    throw invalid(missing.map((name) => `${name}: Missing required parameter: ${name}`).join('; '));
  }
  return { args, ...parseOptions(rawOptions) };
}

function parseOptions(raw: unknown): Omit<FunctionRequest, 'args'> {
  if (raw === undefined || raw === null) return { envOverrides: {} };
  const accepted = OPTION_FIELDS.join(', ');
  if (!isPlainObject(raw))
    throw invalid(`__baml_options__ must be an object with optional fields ${accepted}.`);
  for (const key of Object.keys(raw)) {
    if (!OPTION_FIELDS.includes(key)) {
      throw invalid(
        `Unknown field '${key}' in __baml_options__; the accepted fields are ${accepted}.`,
      );
    }
  }
  const result: Omit<FunctionRequest, 'args'> = { envOverrides: parseEnv(raw.env) };
  if (raw.client_registry !== undefined && raw.client_registry !== null) {
    result.clientRegistry = parseClientRegistry(raw.client_registry);
  }
  if (raw.tags !== undefined && raw.tags !== null) result.tags = parseTags(raw.tags);
  for (const flag of ['collect', 'tick'] as const) {
    const value = raw[flag];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') throw invalid(`__baml_options__.${flag} must be a boolean.`);
    result[flag] = value;
  }
  return result;
}

function parseTags(raw: unknown): Record<string, string> {
  const values = isPlainObject(raw) ? Object.values(raw) : [];
  if (!isPlainObject(raw) || values.some((v) => typeof v !== 'string'))
    throw invalid('__baml_options__.tags must be an object of strings.');
  return { ...(raw as Record<string, string>) };
}

function parseEnv(raw: unknown): Record<string, string | null> {
  if (raw === undefined || raw === null) return {};
  if (!isPlainObject(raw))
    throw invalid(
      '__baml_options__.env must be an object of strings (or null to unset a variable).',
    );
  const env: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== null && typeof value !== 'string') {
      throw invalid(`__baml_options__.env.${key} must be a string or null.`);
    }
    env[key] = value;
  }
  return env;
}

function parseClientRegistry(raw: unknown): ClientRegistrySpec {
  if (!isPlainObject(raw) || !Array.isArray(raw.clients)) {
    throw invalid('__baml_options__.client_registry must be an object with a "clients" array.');
  }
  const clients = raw.clients.map((client, index): ClientRegistryEntry => {
    const where = `__baml_options__.client_registry.clients[${index}]`;
    if (!isPlainObject(client))
      throw invalid(`${where} must be an object with name, provider and options.`);
    if (typeof client.name !== 'string' || client.name === '')
      throw invalid(`${where}.name must be a non-empty string.`);
    if (typeof client.provider !== 'string' || client.provider === '')
      throw invalid(`${where}.provider must be a non-empty string.`);
    const options = client.options ?? {};
    if (!isPlainObject(options)) throw invalid(`${where}.options must be an object.`);
    const entry: ClientRegistryEntry = { name: client.name, provider: client.provider, options };
    if (client.retry_policy !== undefined && client.retry_policy !== null) {
      if (typeof client.retry_policy !== 'string')
        throw invalid(`${where}.retry_policy must be a string.`);
      entry.retry_policy = client.retry_policy;
    }
    return entry;
  });
  const spec: ClientRegistrySpec = { clients };
  if (raw.primary !== undefined && raw.primary !== null) {
    if (typeof raw.primary !== 'string')
      throw invalid('__baml_options__.client_registry.primary must be a string.');
    spec.primary = raw.primary;
  }
  return spec;
}

/** Applies `overrides` to `base`; `null` deletes a variable. Returns a new object. */
export function applyEnvOverrides(
  base: Record<string, string | undefined>,
  overrides: Record<string, string | null>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete env[key];
    else env[key] = value;
  }
  return env;
}

function describeParams(fn: FunctionDef): string {
  return fn.params.length === 0 ? 'none' : fn.params.map((p) => p.name).join(', ');
}

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_argument', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
