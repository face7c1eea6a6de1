// OpenAI Chat Completions and compatible APIs: `openai`, `openai-generic`, `azure-openai`,
// `ollama`. One message per chat message, its content a list of parts; only `openai-generic`
// sends a text-only message as a plain string (its text parts joined by a space), as BAML does.
// Role metadata allowed by `allowed_role_metadata` goes into each content part. Streams are
// `data: <chunk>` events ended by `data: [DONE]`.

import { BamlError, BamlInvalidArgumentError } from '../../errors/index.js';
import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, MessagePart } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';
import { inStreamError } from '../llm-errors.js';
import { type Credential, jsonPostRequest, keyCredential } from './json-post-request.js';
import type {
  MediaKind,
  MediaUrlMode,
  Provider,
  ProviderAnswer,
  ProviderRequestInput,
} from './provider.js';
import {
  allowedMetadata,
  allowedRolesOption,
  apiKey,
  dataUrl,
  defaultRoleOption,
  joinUrl,
  numberOrNull,
  passThrough,
  promptMessages,
  stringOption,
  withQueryParams,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

/** BAML's `media_url_handler` defaults for the OpenAI family: only audio is inlined. */
export const OPENAI_MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_url',
  audio: 'send_base64',
  pdf: 'send_url',
  video: 'send_url',
};

/** `o1` and `o1-…` models take no system role (BAML's rule, by model name). */
function isO1(options: Record<string, ResolvedValue>): boolean {
  const model = options.model;
  return typeof model === 'string' && (model === 'o1' || model.startsWith('o1-'));
}

function openAiRoles(options: Record<string, ResolvedValue>): string[] {
  return allowedRolesOption(options, isO1(options) ? ['user', 'assistant'] : undefined);
}

/** `audio/mpeg` is sent as format `mp3`; other types lose their `audio/` prefix. */
function audioFormat(mediaType: string): string {
  const f = mediaType.replace(/^audio\//, '');
  return f === 'mpeg' ? 'mp3' : f;
}

function mediaPart(
  media: Extract<MessagePart, { type: 'media' }>['media'],
): Record<string, unknown> {
  switch (media.kind) {
    case 'image':
      return {
        type: 'image_url',
        image_url: { url: media.url ?? dataUrl(media.mediaType, media.base64 ?? '') },
      };
    case 'audio': {
      if (media.url !== undefined) {
        const format = media.mediaType ?? media.url.split('.').pop() ?? '';
        return {
          type: 'input_audio',
          input_audio: { data: media.url, format: audioFormat(format) },
        };
      }
      return {
        type: 'input_audio',
        input_audio: { data: media.base64, format: audioFormat(media.mediaType ?? '') },
      };
    }
    case 'pdf':
      return media.url !== undefined
        ? {
            type: 'file',
            file: { type: 'input_file', file_url: media.url, filename: 'document.pdf' },
          }
        : {
            type: 'file',
            file: {
              filename: 'document.pdf',
              file_data: dataUrl(media.mediaType, media.base64 ?? ''),
            },
          };
    default:
      throw new BamlError(
        "Video input is only supported on OpenAI's Realtime API (/v1/realtime), not on chat completions. Consider extracting frames from the video as images instead. See: https://platform.openai.com/docs/guides/realtime",
      );
  }
}

function content(message: ChatMessage, meta: Record<string, unknown>, plainText: boolean): unknown {
  const hasMeta = message.meta !== undefined && Object.keys(message.meta).length > 0;
  if (plainText && !hasMeta && message.parts.every((p) => p.type === 'text'))
    return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  return message.parts.map((p) => ({
    ...(p.type === 'text' ? { type: 'text', text: p.text } : mediaPart(p.media)),
    ...meta,
  }));
}

function usageOf(u: unknown) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.prompt_tokens),
    outputTokens: numberOrNull(usage.completion_tokens),
    cachedInputTokens: numberOrNull(usage.prompt_tokens_details?.cached_tokens),
  };
}

interface Endpoint {
  /** The base URL as configured (BAML's `baml-original-url` header). */
  base: string;
  url: string;
  credential: Credential;
}

function endpoint(input: ProviderRequestInput): Endpoint {
  const { options, provider, env } = input;
  const baseUrl = stringOption(options, 'base_url');
  if (provider === 'azure-openai') {
    const key = apiKey(options, env, 'AZURE_OPENAI_API_KEY');
    const resource = stringOption(options, 'resource_name');
    const deployment = stringOption(options, 'deployment_id');
    const base =
      baseUrl ??
      (resource && deployment
        ? `https://${resource}.openai.azure.com/openai/deployments/${deployment}`
        : undefined);
    if (!base)
      throw new BamlInvalidArgumentError(
        `client ${input.clientName}: azure-openai needs base_url, or resource_name and deployment_id`,
      );
    // `query_params`, when given, replace the `api-version` that `api_version` would add.
    const apiVersion = stringOption(options, 'api_version');
    const versionParam: Record<string, string> =
      options.query_params === undefined && apiVersion ? { 'api-version': apiVersion } : {};
    return {
      base,
      url: withQueryParams(joinUrl(base, '/chat/completions'), options, versionParam),
      credential: keyCredential('api-key', key),
    };
  }
  const defaults: Record<string, { url?: string; env?: string }> = {
    openai: { url: 'https://api.openai.com/v1', env: 'OPENAI_API_KEY' },
    ollama: { url: 'http://localhost:11434/v1' },
    'openai-generic': {},
  };
  const d = defaults[provider] ?? {};
  const base = baseUrl ?? d.url;
  if (!base)
    throw new BamlInvalidArgumentError(`client ${input.clientName}: ${provider} needs a base_url`);
  const key = apiKey(options, env, d.env);
  return {
    base,
    url: withQueryParams(joinUrl(base, '/chat/completions'), options),
    credential: keyCredential('authorization', key, 'bearer'),
  };
}

/** Decodes `chat.completion.chunk` events. */
class ChatStreamDecoder extends ProviderStreamDecoder {
  override push(event: EventSourceMessage): string {
    if (event.data.trim() === '[DONE]') {
      this.finished = true;
      return '';
    }
    const chunk = this.parseEvent(event.data);
    if (chunk.error) throw inStreamError(this.clientName, chunk.error, event.data);
    if (typeof chunk.model === 'string') this.model = chunk.model;
    if (chunk.usage) this.usage = usageOf(chunk.usage);
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (choice?.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice?.delta?.content;
    return typeof delta === 'string' ? delta : '';
  }
}

/** The chat-completions provider family. */
export const openAiChatProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, openAiRoles(options)),
  allowedRoles: openAiRoles,
  // o1 models could not stream when BAML was written; BAML still calls them without streaming.
  supportsStreaming: (options) => !isO1(options),
  mediaUrlModes: () => OPENAI_MEDIA_URL_MODES,

  buildRequest(input) {
    const { options, prompt, stream } = input;
    const { base, url, credential } = endpoint(input);
    const plainText = input.provider === 'openai-generic';
    const messages = promptMessages(prompt, this.defaultRole(options), options).map((m) => ({
      role: m.role,
      content: content(m, allowedMetadata(options, m.meta), plainText),
    }));
    const body: Record<string, unknown> = { ...passThrough(options), messages };
    // Azure requires max_tokens in practice; BAML sends 4096 unless the client sets it.
    // Azure: BAML sends max_tokens 4096 unless the client sets max_tokens or
    // max_completion_tokens; `max_tokens null` leaves it out.
    if (input.provider === 'azure-openai') {
      if (body.max_tokens === undefined && body.max_completion_tokens === undefined)
        body.max_tokens = 4096;
      else if (body.max_tokens === null) delete body.max_tokens;
    }
    if (stream) {
      body.stream = true;
      // api.openai.com only reports usage in a stream when asked; compatible servers may reject it.
      if (input.provider === 'openai') body.stream_options = { include_usage: true };
    }
    return jsonPostRequest(url, body, options, credential, { 'baml-original-url': base });
  },

  parseResponse(json): ProviderAnswer {
    const r = json as Record<string, any>;
    const choice = Array.isArray(r.choices) ? r.choices[0] : undefined;
    const text = choice?.message?.content;
    return {
      text: typeof text === 'string' ? text : '',
      finishReason: choice?.finish_reason ?? null,
      usage: usageOf(r.usage),
      model: typeof r.model === 'string' ? r.model : null,
    };
  },

  createStreamDecoder: (clientName) => new ChatStreamDecoder(clientName),
};

/** `ollama`: the chat-completions provider whose default role is `user` (small models prefer it). */
export const ollamaProvider: Provider = {
  ...openAiChatProvider,
  defaultRole: (options) => defaultRoleOption(options, openAiRoles(options), 'user'),
};
