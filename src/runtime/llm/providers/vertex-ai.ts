// Google Vertex AI (`vertex-ai`). Gemini models: the Gemini wire format (roles sent as
// written, no `assistant` → `model` renaming) at
// `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}`
// (`aiplatform.googleapis.com` for location `global`). Claude models (`claude-…`): the
// Anthropic Messages format at `publishers/anthropic/models/{model}:rawPredict` (or
// `:streamRawPredict`), with `anthropic_version` in the body instead of `model`. Authentication, in BAML's order: an API
// key in `query_params { key … }` (express mode, no header), a token given as `authorization`,
// else a service account's access token (google-auth.ts).

import { BamlError, BamlInvalidArgumentError } from '../../errors/index.js';
import type { ResolvedValue } from '../config-value.js';
import { AnthropicStreamDecoder, anthropicBody, anthropicProvider } from './anthropic.js';
import { GeminiStreamDecoder, geminiBody, parseGeminiResponse } from './gemini-wire.js';
import { credentialSource, googleAccessToken } from './google-auth.js';
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
const CLAUDE_MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_url',
  audio: 'send_url',
  pdf: 'send_url',
  video: 'send_url',
};
const DEFAULT_ANTHROPIC_VERSION = 'vertex-2023-10-16';

function isClaude(options: Record<string, ResolvedValue>): boolean {
  const model = options.model;
  return typeof model === 'string' && model.startsWith('claude');
}

function modelUrl(input: ProviderRequestInput): string {
  const { options, stream, clientName } = input;
  const model = stringOption(options, 'model');
  if (!model) throw new BamlInvalidArgumentError(`client ${clientName}: vertex-ai needs a model`);
  const claude = isClaude(options);
  const method = claude
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
  const project = stringOption(options, 'project_id');
  if (!location)
    throw new BamlInvalidArgumentError(
      `client ${clientName}: vertex-ai clients must specify a GCP region in options.location (e.g. us-central1)`,
    );
  if (!project)
    throw new BamlInvalidArgumentError(
      `client ${clientName}: vertex-ai clients need options.project_id`,
    );
  const host =
    location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
  const publisher = claude ? 'anthropic' : 'google';
  return `https://${host}/v1/projects/${project}/locations/${location}/publishers/${publisher}/models/${model}:${method}`;
}

function hasQueryKey(input: ProviderRequestInput): boolean {
  const qp = input.options.query_params;
  return !!qp && typeof qp === 'object' && !Array.isArray(qp) && 'key' in qp;
}

async function credential(input: ProviderRequestInput): Promise<Credential> {
  if (hasQueryKey(input)) return { headers: {}, secrets: [] };
  const given = stringOption(input.options, 'authorization');
  if (given !== undefined)
    return keyCredential('authorization', given.replace(/^Bearer\s+/i, ''), 'bearer');
  const source = credentialSource(input.options, input.env);
  if (!source)
    throw new BamlError(
      `client ${input.clientName}: vertex-ai found no credentials: set options.credentials, GOOGLE_APPLICATION_CREDENTIALS, or an API key in query_params { key … }`,
    );
  const token = await googleAccessToken(source, input.fetch);
  return keyCredential('authorization', token, 'bearer');
}

/** The `vertex-ai` provider. */
export const vertexAiProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, allowedRolesOption(options), 'user'),
  allowedRoles: (options) => allowedRolesOption(options),
  mediaUrlModes: (options) => (isClaude(options) ? CLAUDE_MEDIA_URL_MODES : MEDIA_URL_MODES),

  async buildRequest(input) {
    const { options, prompt } = input;
    const url = withQueryParams(modelUrl(input), options);
    let body: Record<string, unknown>;
    if (isClaude(options)) {
      body = anthropicBody(prompt, this.defaultRole(options), options);
      delete body.model;
      body.anthropic_version =
        stringOption(options, 'anthropic_version') ?? DEFAULT_ANTHROPIC_VERSION;
      if (input.stream) body.stream = true;
    } else body = geminiBody(prompt, this.defaultRole(options), options);
    const request = jsonPostRequest(url, body, input.options, await credential(input));
    // The express-mode key sits in the URL: redact it wherever the request is printed.
    const key = (input.options.query_params as Record<string, unknown> | undefined)?.key;
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
