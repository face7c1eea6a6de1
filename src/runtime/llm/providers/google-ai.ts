// Google AI (Gemini) `generateContent` / `streamGenerateContent?alt=sse` with an API key in
// `x-goog-api-key`. `assistant` is sent as `model` unless `remap_roles` says otherwise.

import { GeminiStreamDecoder, geminiBody, parseGeminiResponse } from './gemini-wire.js';
import { jsonPostRequest, keyCredential } from './json-post-request.js';
import type { MediaKind, MediaUrlMode, Provider } from './provider.js';
import {
  allowedRolesOption,
  apiKey,
  defaultRoleOption,
  joinUrl,
  stringOption,
  withQueryParams,
} from './provider-options.js';

/** `model` is accepted too: it is what `assistant` is renamed to. */
const GOOGLE_ROLES = ['system', 'user', 'assistant', 'model'];

const DEFAULT_MODEL = 'gemini-2.5-flash';

/** BAML's defaults: images are inlined unless they are `gs://` URLs. */
const MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_base64_unless_google_url',
  audio: 'send_url',
  pdf: 'send_url',
  video: 'send_url',
};

/** The `google-ai` provider. */
export const googleAiProvider: Provider = {
  defaultRole: (options) =>
    defaultRoleOption(options, allowedRolesOption(options, GOOGLE_ROLES), 'user'),
  allowedRoles: (options) => allowedRolesOption(options, GOOGLE_ROLES),
  mediaUrlModes: () => MEDIA_URL_MODES,

  buildRequest(input) {
    const { options, prompt, stream, env } = input;
    const key = apiKey(options, env, 'GOOGLE_API_KEY');
    const model = stringOption(options, 'model') ?? DEFAULT_MODEL;
    const base =
      stringOption(options, 'base_url') ?? 'https://generativelanguage.googleapis.com/v1beta';
    const url = withQueryParams(
      joinUrl(
        base,
        `/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      ),
      options,
    );
    const remapped =
      options.remap_roles === undefined
        ? { ...options, remap_roles: { assistant: 'model' } }
        : options;
    const body = geminiBody(prompt, this.defaultRole(options), remapped);
    return jsonPostRequest(url, body, options, keyCredential('x-goog-api-key', key));
  },

  parseResponse: parseGeminiResponse,
  createStreamDecoder: (clientName) => new GeminiStreamDecoder(clientName),
};
