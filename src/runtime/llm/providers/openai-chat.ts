// OpenAI Chat Completions and compatible APIs: `openai`, `openai-generic`, `azure-openai`,
// `ollama`. One message per chat message; for `openai-generic` text-only content is a plain
// string (what BAML sends), otherwise a list of parts. Streams are `data: <chunk>` events ended
// by `data: [DONE]`.

import { BamlInvalidArgumentError } from '../../errors/index.js';
import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, MessagePart } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';
import { inStreamError } from '../llm-errors.js';
import { type Credential, jsonPostRequest, keyCredential } from './json-post-request.js';
import type { Provider, ProviderAnswer, ProviderRequestInput } from './provider.js';
import {
  allowedMetadata,
  allowedRolesOption,
  apiKey,
  dataUrl,
  joinUrl,
  numberOrNull,
  passThrough,
  promptMessages,
  stringOption,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

function part(p: MessagePart): Record<string, unknown> {
  if (p.type === 'text') return { type: 'text', text: p.text };
  const m = p.media;
  const url = m.url ?? dataUrl(m.mediaType, m.base64 ?? '');
  switch (m.kind) {
    case 'image':
      return { type: 'image_url', image_url: { url } };
    case 'audio':
      return {
        type: 'input_audio',
        input_audio: {
          data: m.base64 ?? m.url,
          format: (m.mediaType ?? 'audio/mp3').replace(/^audio\//, ''),
        },
      };
    default:
      return { type: 'file', file: { file_data: url } };
  }
}

/**
 * A message's content as BAML sends it: for `openai-generic`, text parts without role metadata
 * are joined with a space into one string; anything else is a list of parts, each carrying the
 * role metadata the client allows.
 */
function content(
  message: ChatMessage,
  provider: string,
  options: Record<string, ResolvedValue>,
): unknown {
  if (provider === 'openai-generic' && message.parts.every((p) => p.type === 'text' && !p.meta))
    return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  return message.parts.map((p) => ({ ...part(p), ...allowedMetadata(options, p.meta) }));
}

function usageOf(u: unknown) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.prompt_tokens),
    outputTokens: numberOrNull(usage.completion_tokens),
    cachedInputTokens: numberOrNull(usage.prompt_tokens_details?.cached_tokens),
  };
}

function endpoint(input: ProviderRequestInput): { url: string; credential: Credential } {
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
    const query = new URLSearchParams();
    const apiVersion = stringOption(options, 'api_version');
    if (apiVersion) query.set('api-version', apiVersion);
    const qp = options.query_params;
    if (qp && typeof qp === 'object' && !Array.isArray(qp))
      for (const [k, v] of Object.entries(qp)) query.set(k, String(v));
    const qs = query.toString();
    return {
      url: joinUrl(base, '/chat/completions') + (qs ? `?${qs}` : ''),
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
    url: joinUrl(base, '/chat/completions'),
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
  defaultRole: (options) => stringOption(options, 'default_role') ?? 'system',
  allowedRoles: (options) => allowedRolesOption(options),

  buildRequest(input) {
    const { options, prompt, stream } = input;
    const { url, credential } = endpoint(input);
    const messages = promptMessages(prompt, this.defaultRole(options), options).map((m) => ({
      role: m.role,
      content: content(m, input.provider, options),
    }));
    const body: Record<string, unknown> = { ...passThrough(options), messages };
    if (stream) {
      body.stream = true;
      // api.openai.com only reports usage in a stream when asked; compatible servers may reject it.
      if (input.provider === 'openai' && body.stream_options === undefined)
        body.stream_options = { include_usage: true };
    }
    return jsonPostRequest(url, body, options, credential);
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
