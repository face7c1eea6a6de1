// The client options BAML checks when it builds a client: the `http` timeout block, the role
// options (`allowed_roles`, `default_role`, `remap_roles`) and `client_response_type`. Every
// other option is passed to the provider as written. Messages follow BAML's wording.

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { editDistance } from '../../utils/suggest-name.js';
import type { ConfigEntry, ConfigValueNode } from '../1-parse/ast.js';
import { configValue } from './config-values.js';

const COMPOSITE_PROVIDERS = new Set(['fallback', 'round-robin']);
/** Providers built on BAML's OpenAI client, the only ones that read `client_response_type`. */
const OPENAI_FAMILY = new Set([
  'openai',
  'openai-generic',
  'openai-responses',
  'azure-openai',
  'ollama',
  'openrouter',
]);
const RESPONSE_TYPES = new Set([
  'openai',
  'openai-responses',
  'openai-transcription',
  'anthropic',
  'google',
  'vertex',
]);
const RESPONSE_TYPES_TEXT =
  '"openai", "openai-responses", "openai-transcription", "anthropic", "google", or "vertex"';
const REGULAR_TIMEOUTS = [
  'connect_timeout_ms',
  'request_timeout_ms',
  'time_to_first_token_timeout_ms',
  'idle_timeout_ms',
];
const DEFAULT_ROLES = ['user', 'assistant', 'system'];
const ADD_ROLES = 'add allowed_roles ["user", "assistant", "system", ...]';

/** Checks the options of a client whose provider is `provider`. */
export function checkClientOptions(
  provider: string,
  options: ConfigEntry[],
  sink: DiagnosticSink,
): void {
  const report = (at: { start: number; end: number }, message: string) =>
    sink.report('invalid_client_option', at, { message });
  const byKey = new Map(options.map((entry) => [entry.key.value, entry]));
  const composite = COMPOSITE_PROVIDERS.has(provider);
  const http = byKey.get('http');
  if (http) checkHttp(http.value, composite, report);
  if (composite) return;
  checkRoles(byKey, report);
  const responseType = byKey.get('client_response_type');
  if (responseType && OPENAI_FAMILY.has(provider)) {
    const value = configValue(responseType.value);
    if (typeof value !== 'string' || !RESPONSE_TYPES.has(value)) {
      const got = isEnv(value) ? ' and not an environment variable' : `. Got: ${String(value)}`;
      report(responseType.key, `client_response_type must be one of ${RESPONSE_TYPES_TEXT}${got}`);
    }
  }
}

type Report = (at: { start: number; end: number }, message: string) => void;

/** BAML's name for the type of a config value, as its messages print it. */
function typeName(node: ConfigValueNode): string {
  if (node.kind === 'map') return 'map';
  if (node.kind === 'array') return 'array';
  const value = configValue(node);
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (value === null) return 'null';
  return 'string';
}

function isEnv(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '$env' in value;
}

/** The text of a string value (`env.X` included, as BAML accepts either), else undefined. */
function stringOf(node: ConfigValueNode): string | undefined {
  if (typeName(node) !== 'string') return undefined;
  const value = configValue(node);
  return typeof value === 'string' ? value : `env.${(value as { $env: string }).$env}`;
}

function checkHttp(node: ConfigValueNode, composite: boolean, report: Report): void {
  if (node.kind !== 'map') {
    report(node, 'http must be a configuration block with timeout settings');
    return;
  }
  const allowed = composite ? ['total_timeout_ms'] : REGULAR_TIMEOUTS;
  const unknown: string[] = [];
  for (const entry of node.entries) {
    const key = entry.key.value;
    if (allowed.includes(key)) {
      checkTimeout(key, entry.value, report);
    } else if (!(key === 'enable_connection_pooling' && !composite)) {
      unknown.push(key);
    }
  }
  for (const field of unknown) report(node, unknownHttpField(field, composite));
}

function checkTimeout(key: string, value: ConfigValueNode, report: Report): void {
  if (typeName(value) !== 'number') {
    report(value, `${key} must be an integer. Got: ${typeName(value)}`);
    return;
  }
  const number = configValue(value) as number;
  // BAML reads the number as an integer and takes a fraction as -1.
  const read = Number.isInteger(number) ? number : -1;
  if (read < 0) report(value, `${key} must be non-negative, got: ${read}ms`);
}

function unknownHttpField(field: string, composite: boolean): string {
  const head = `Unrecognized field '${field}' in http configuration block.`;
  if (composite) {
    const suggestion = closest(field, ['total_timeout_ms']);
    const only = 'Composite clients (fallback/round-robin) only support: total_timeout_ms';
    return suggestion ? `${head} Did you mean '${suggestion}'? ${only}` : `${head} ${only}`;
  }
  if (field === 'total_timeout_ms') {
    return `${head} 'total_timeout_ms' is only available for composite clients (fallback/round-robin). For regular clients, use: enable_connection_pooling, ${REGULAR_TIMEOUTS.join(', ')}`;
  }
  const suggestion = closest(field, [...REGULAR_TIMEOUTS, 'total_timeout_ms']);
  if (suggestion === 'total_timeout_ms') {
    return `${head} Did you mean 'total_timeout_ms'? Note: 'total_timeout_ms' is only available for composite clients (fallback/round-robin)`;
  }
  if (suggestion) return `${head} Did you mean '${suggestion}'?`;
  return `${head} Supported timeout fields are: ${REGULAR_TIMEOUTS.join(', ')}`;
}

function checkRoles(byKey: Map<string, ConfigEntry>, report: Report): void {
  let roles = DEFAULT_ROLES;
  const allowedEntry = byKey.get('allowed_roles');
  if (allowedEntry) {
    const node = allowedEntry.value;
    if (node.kind !== 'array') {
      report(node, `allowed_roles must be an array. Got: ${typeName(node)}`);
    } else {
      if (node.items.length === 0) report(node, 'allowed_roles must not be empty');
      roles = [];
      for (const item of node.items) {
        const role = stringOf(item);
        if (role === undefined) {
          report(item, `values in allowed_roles must be strings. Got: ${typeName(item)}`);
        } else {
          roles.push(role);
        }
      }
    }
  }
  const listed = roles.map((role) => `Value("${role}")`).join(', ');
  const defaultEntry = byKey.get('default_role');
  if (defaultEntry) {
    const role = stringOf(defaultEntry.value);
    if (role === undefined) {
      report(
        defaultEntry.value,
        `default_role must be a string. Got: ${typeName(defaultEntry.value)}`,
      );
    } else if (!roles.includes(role)) {
      report(
        defaultEntry.value,
        `default_role must be one of ${listed}. Got: ${role}. To support different default roles, ${ADD_ROLES}`,
      );
    }
  }
  const remapEntry = byKey.get('remap_roles');
  if (!remapEntry) return;
  const remap = remapEntry.value;
  if (remap.kind !== 'map') {
    report(remap, `remap_roles must be a map. Got: ${typeName(remap)}`);
    return;
  }
  for (const entry of remap.entries) {
    if (stringOf(entry.value) === undefined) {
      report(
        entry.value,
        `remap_role must be a map of strings to strings. Got: ${typeName(entry.value)}`,
      );
    } else if (!roles.includes(entry.key.value)) {
      report(
        entry.key,
        `remap_roles values must be one of: ${listed}. Got: ${entry.key.value}. To support different remap roles, ${ADD_ROLES}`,
      );
    }
  }
}

/** BAML's typo match: the nearest candidate within half the length plus one edits. */
function closest(typo: string, candidates: string[]): string | undefined {
  const target = typo.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance && distance <= Math.floor(target.length / 2) + 1) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
