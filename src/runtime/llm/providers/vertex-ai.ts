// Google Vertex AI (`vertex-ai`). Gemini models: the Gemini wire format (roles sent as
// written, no `assistant` → `model` renaming) at
// `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}`
// (`aiplatform.googleapis.com` for location `global`), or `{base_url}/{model}`. Anthropic models
// (a model named `claude…`, or any model with `anthropic_version` set), as BAML 0.226.2 sends
// them: the same URL with `:rawPredict` / `:streamRawPredict` (still `publishers/google` unless
// `base_url` points at `…/publishers/anthropic/models`, as BAML's docs advise), and an Anthropic
// Messages body without `model`: the pass-through options, `anthropic_version` (default
// `vertex-2023-10-16`), `max_tokens` (default 4096), `system`, `messages` (no role metadata such
// as `cache_control`, whatever `allowed_role_metadata` says). Streams add
// `stream: true` and are read as Anthropic SSE (docs/differences.md: BAML reads them as Gemini
// and gets no text). Authentication, in BAML's order: an API key in `query_params { key … }`
// (express mode, no header), a token given as `authorization`, else Google credentials
// (google-auth.ts), which also give the project when `project_id` is not set.

import { BamlError, BamlInvalidArgumentError } from '../../errors/index.js';
import type { ResolvedValue } from '../config-value.js';
import { AnthropicStreamDecoder, anthropicBody, anthropicProvider } from './anthropic.js';
import { GeminiStreamDecoder, geminiBody, parseGeminiResponse } from './gemini-wire.js';
import { credentialSource, type GoogleAuth, googleAuth } from './google-auth.js';
import { type Credential, jsonPostRequest, keyCredential } from './json-post-request.js';
import type { MediaKind, MediaUrlMode, Provider, ProviderRequestInput } from './provider.js';
import {
  allowedRolesOption,
  defaultRoleOption,
  stringOption,
  withQueryParams,
} from './provider-options.js';

const MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_url_add_mime_type',
  audio: 'send_url_add_mime_type',
  pdf: 'send_url',
  video: 'send_url',
};
const DEFAULT_ANTHROPIC_VERSION = 'vertex-2023-10-16';

/** BAML's rule: Anthropic's format for a `claude…` model or whenever `anthropic_version` is set. */
function isClaude(options: Record<string, ResolvedValue>): boolean {
  const model = options.model;
  return (
    (typeof model === 'string' && model.startsWith('claude')) ||
    typeof options.anthropic_version === 'string'
  );
}

function hasQueryKey(input: ProviderRequestInput): boolean {
  const qp = input.options.query_params;
  return !!qp && typeof qp === 'object' && !Array.isArray(qp) && 'key' in qp;
}

/** The client's Google credentials, loaded once per request and only when needed. */
type AuthOnce = () => Promise<GoogleAuth>;

async function modelUrl(input: ProviderRequestInput, auth: AuthOnce): Promise<string> {
  const { options, stream, clientName } = input;
  const model = stringOption(options, 'model');
  if (!model) throw new BamlInvalidArgumentError(`client ${clientName}: vertex-ai needs a model`);
  const method = isClaude(options)
    ? stream
      ? 'streamRawPredict'
      : 'rawPredict'
    : stream
      ? 'streamGenerateContent?alt=sse'
      : 'generateContent';
  const baseUrl = stringOption(options, 'base_url');
  if (baseUrl !== undefined)
    return `${baseUrl}${baseUrl.endsWith('/') ? '' : '/'}${model}:${method}`;
  const location = stringOption(options, 'location');
  if (!location)
    throw new BamlInvalidArgumentError(
      `client ${clientName}: vertex-ai clients must specify a GCP region in options.location (e.g. us-central1)`,
    );
  let project = stringOption(options, 'project_id');
  if (project === undefined) {
    if (hasQueryKey(input))
      throw new BamlError(
        "options.project_id is required when using API key auth with Vertex 'location' URLs;",
      );
    project = await (await auth()).projectId();
  }
  const host =
    location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
  return `https://${host}/v1/projects/${project}/locations/${location}/publishers/google/models/${model}:${method}`;
}

async function credential(input: ProviderRequestInput, auth: AuthOnce): Promise<Credential> {
  if (hasQueryKey(input)) return { headers: {}, secrets: [] };
  const given = stringOption(input.options, 'authorization');
  if (given !== undefined)
    return keyCredential('authorization', given.replace(/^Bearer\s+/i, ''), 'bearer');
  return keyCredential('authorization', await (await auth()).token(), 'bearer');
}

/** The Anthropic body in BAML's key order, `anthropic_version` and `max_tokens` after the options. */
function claudeBody(input: ProviderRequestInput, defaultRole: string): Record<string, unknown> {
  const { options, prompt } = input;
  // BAML converts the messages with a stand-in Anthropic client that allows no role metadata.
  const messages = anthropicBody(prompt, defaultRole, {
    ...options,
    allowed_role_metadata: 'none',
  });
  const userMaxTokens = options.max_tokens !== undefined;
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(messages))
    if (!['model', 'system', 'messages'].includes(k) && (k !== 'max_tokens' || userMaxTokens))
      body[k] = v;
  body.anthropic_version = stringOption(options, 'anthropic_version') ?? DEFAULT_ANTHROPIC_VERSION;
  if (!userMaxTokens) body.max_tokens = messages.max_tokens;
  if (messages.system !== undefined) body.system = messages.system;
  body.messages = messages.messages;
  if (input.stream) body.stream = true;
  return body;
}

/** The `vertex-ai` provider. */
export const vertexAiProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, allowedRolesOption(options), 'user'),
  allowedRoles: (options) => allowedRolesOption(options),
  // BAML resolves media URLs with the Vertex client's rules for Anthropic models too.
  mediaUrlModes: () => MEDIA_URL_MODES,

  async buildRequest(input) {
    const { options } = input;
    let loaded: Promise<GoogleAuth> | undefined;
    const auth: AuthOnce = () => {
      loaded ??= googleAuth(credentialSource(options, input.env), input.env, input.fetch);
      return loaded;
    };
    const url = withQueryParams(await modelUrl(input, auth), options);
    const role = this.defaultRole(options);
    const body = isClaude(options)
      ? claudeBody(input, role)
      : geminiBody(input.prompt, role, options);
    const request = jsonPostRequest(url, body, options, await credential(input, auth));
    // The express-mode key sits in the URL: redact it wherever the request is printed.
    const key = (options.query_params as Record<string, unknown> | undefined)?.key;
    if (typeof key === 'string' && key) request.secrets.push(key);
    return request;
  },

  parseResponse: (json, options) =>
    isClaude(options) ? anthropicProvider.parseResponse(json, options) : parseGeminiResponse(json),
  createStreamDecoder: (clientName, options) =>
    isClaude(options)
      ? new AnthropicStreamDecoder(clientName)
      : new GeminiStreamDecoder(clientName),
};
