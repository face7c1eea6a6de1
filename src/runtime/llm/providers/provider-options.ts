// Option handling shared by the providers: BAML-only keys, pass-through request fields,
// headers, API keys and roles.

import { BamlInvalidArgumentError } from '../../errors/index.js';
import type { ChatMessage, RenderedPrompt } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';

/** Roles forwarded when a client sets no `allowed_roles`; others become the default role. */
export const DEFAULT_ALLOWED_ROLES = ['system', 'user', 'assistant'];

/** Options BAML interprets itself; everything else is copied into the request body. */
const BAML_KEYS = new Set([
  'api_key',
  'base_url',
  'headers',
  'default_role',
  'allowed_roles',
  'remap_roles',
  'allowed_role_metadata',
  'finish_reason_allow_list',
  'finish_reason_deny_list',
  'supports_streaming',
  'http',
  'query_params',
  'resource_name',
  'deployment_id',
  'api_version',
  'client_response_type',
  'request_timeout_ms',
  'connect_timeout_ms',
  'idle_timeout_ms',
  'time_to_first_token_timeout_ms',
  'media_url_handler',
  'strategy',
  'start',
  // vertex-ai
  'location',
  'project_id',
  'credentials',
  'credentials_content',
  'authorization',
  'anthropic_version',
  // aws-bedrock
  'region',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'profile',
  'endpoint_url',
  'model_id',
  'inference_configuration',
  'additional_model_request_fields',
]);

/** Copies the request fields the user set (temperature, max_tokens, model, …). */
export function passThrough(
  options: Record<string, ResolvedValue>,
  alsoExclude: string[] = [],
  keep: string[] = [],
): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = {};
  for (const [k, v] of Object.entries(options)) {
    if ((keep.includes(k) || !BAML_KEYS.has(k)) && !alsoExclude.includes(k)) out[k] = v;
  }
  return out;
}

/** BAML's default `max_tokens` for Anthropic: 4096 unless the client sets it. */
export function defaultMaxTokens(body: Record<string, unknown>): void {
  if (body.max_tokens === undefined) body.max_tokens = 4096;
}

/** `url` with the client's `query_params` (and `extra` first) appended. */
export function withQueryParams(
  url: string,
  options: Record<string, ResolvedValue>,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams(extra);
  const qp = options.query_params;
  if (qp && typeof qp === 'object' && !Array.isArray(qp))
    for (const [k, v] of Object.entries(qp)) query.append(k, String(v));
  const qs = query.toString();
  if (!qs) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${qs}`;
}

/**
 * BAML's rule for providers that take one system prompt (Anthropic, Gemini, Bedrock): a lone
 * system message becomes a user message, and a system message after the first message does too.
 */
export function oneSystemPrompt(messages: ChatMessage[]): ChatMessage[] {
  if (messages.length === 1 && messages[0]?.role === 'system')
    return [{ ...(messages[0] as ChatMessage), role: 'user' }];
  return messages.map((m, i) => (i > 0 && m.role === 'system' ? { ...m, role: 'user' } : m));
}

/** Splits off a leading system message (the only one such providers take). */
export function leadingSystem(messages: ChatMessage[]): {
  system: ChatMessage | undefined;
  rest: ChatMessage[];
} {
  const first = messages[0];
  return first?.role === 'system'
    ? { system: first, rest: messages.slice(1) }
    : { system: undefined, rest: messages };
}

export function stringOption(
  options: Record<string, ResolvedValue>,
  key: string,
): string | undefined {
  const v = options[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new BamlInvalidArgumentError(`client option ${key} must be a string`);
  return v;
}

/** The client's `allowed_roles`, else the roles the provider forwards by default. */
export function allowedRolesOption(
  options: Record<string, ResolvedValue>,
  fallback: string[] = DEFAULT_ALLOWED_ROLES,
): string[] {
  return stringListOption(options, 'allowed_roles') ?? fallback;
}

/**
 * BAML's default role: `default_role`, else `user` when the allowed roles have it (Anthropic,
 * Gemini, Bedrock) or the first allowed role (`prefer` absent: the OpenAI family).
 */
export function defaultRoleOption(
  options: Record<string, ResolvedValue>,
  allowed: string[],
  prefer?: string,
): string {
  const set = stringOption(options, 'default_role');
  if (set !== undefined) return set;
  if (prefer !== undefined && allowed.includes(prefer)) return prefer;
  return allowed[0] ?? prefer ?? 'user';
}

export function stringListOption(
  options: Record<string, ResolvedValue>,
  key: string,
): string[] | undefined {
  const v = options[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new BamlInvalidArgumentError(`client option ${key} must be a list of strings`);
  return v as string[];
}

/** User headers (`headers { … }`), stringified. */
export function userHeaders(options: Record<string, ResolvedValue>): Record<string, string> {
  const h = options.headers;
  if (h === undefined || h === null) return {};
  if (typeof h !== 'object' || Array.isArray(h))
    throw new BamlInvalidArgumentError('client option headers must be a map');
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]));
}

/** The API key: the option if set, else the provider's usual environment variable. */
export function apiKey(
  options: Record<string, ResolvedValue>,
  env: Record<string, string | undefined>,
  envName?: string,
): string | undefined {
  if ('api_key' in options) return stringOption(options, 'api_key');
  return envName ? env[envName] : undefined;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** Message metadata keys a client forwards (`allowed_role_metadata`: a list, "all" or "none"). */
export function allowedMetadata(
  options: Record<string, ResolvedValue>,
  meta: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!meta) return {};
  const allowed = options.allowed_role_metadata;
  if (allowed === 'all') return meta;
  if (!Array.isArray(allowed)) return {};
  return Object.fromEntries(Object.entries(meta).filter(([k]) => allowed.includes(k)));
}

/**
 * The prompt as messages: a completion becomes one message with the default role; `remap_roles`
 * (`{ assistant "model" }`) renames roles on the way out.
 */
export function promptMessages(
  prompt: RenderedPrompt,
  defaultRole: string,
  options: Record<string, ResolvedValue> = {},
): ChatMessage[] {
  const messages: ChatMessage[] =
    prompt.kind === 'chat'
      ? prompt.messages
      : [{ role: defaultRole, parts: [{ type: 'text', text: prompt.text }] }];
  const remap = options.remap_roles;
  if (!remap || typeof remap !== 'object' || Array.isArray(remap)) return messages;
  return messages.map((m) => {
    const to = remap[m.role];
    return typeof to === 'string' ? { ...m, role: to } : m;
  });
}

/** `data:` URL for a base64 media part. */
export function dataUrl(mediaType: string | undefined, base64: string): string {
  return `data:${mediaType ?? 'application/octet-stream'};base64,${base64}`;
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
