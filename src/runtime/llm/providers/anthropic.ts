// Anthropic Messages API. System messages move to the top-level `system` field, consecutive
// roles are sent as they are, and `max_tokens` (required by the API) defaults to 4096 like BAML.
// Streams use named events: message_start, content_block_delta, message_delta, message_stop,
// and `error` (which can arrive after HTTP 200).

import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage } from '../../template/types.js';
import { inStreamError } from '../llm-errors.js';
import { jsonPostRequest, keyCredential } from './json-post-request.js';
import type { Provider, ProviderAnswer } from './provider.js';
import {
  allowedMetadata,
  allowedRolesOption,
  apiKey,
  joinUrl,
  numberOrNull,
  passThrough,
  promptMessages,
  stringOption,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

const DEFAULT_MAX_TOKENS = 4096;

function blocks(message: ChatMessage, meta: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = message.parts.map((p) => {
    if (p.type === 'text') return { type: 'text', text: p.text };
    const m = p.media;
    const type = m.kind === 'pdf' ? 'document' : 'image';
    const source = m.url
      ? { type: 'url', url: m.url }
      : { type: 'base64', media_type: m.mediaType, data: m.base64 };
    return { type, source };
  });
  // Per-message metadata such as cache_control belongs on the last content block.
  const last = out[out.length - 1];
  if (last) Object.assign(last, meta);
  return out;
}

function usageOf(u: unknown, previous?: ProviderAnswer['usage']) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.input_tokens) ?? previous?.inputTokens ?? null,
    outputTokens: numberOrNull(usage.output_tokens) ?? previous?.outputTokens ?? null,
    cachedInputTokens:
      numberOrNull(usage.cache_read_input_tokens) ?? previous?.cachedInputTokens ?? null,
  };
}

class AnthropicStreamDecoder extends ProviderStreamDecoder {
  override push(event: EventSourceMessage): string {
    const payload = this.parseEvent(event.data);
    const type = payload.type ?? event.event;
    switch (type) {
      case 'message_start':
        this.model = payload.message?.model ?? null;
        this.usage = usageOf(payload.message?.usage, this.usage);
        return '';
      case 'content_block_delta':
        return payload.delta?.type === 'text_delta' && typeof payload.delta.text === 'string'
          ? payload.delta.text
          : '';
      case 'message_delta':
        if (payload.delta?.stop_reason) this.finishReason = payload.delta.stop_reason;
        this.usage = usageOf(payload.usage, this.usage);
        return '';
      case 'message_stop':
        this.finished = true;
        return '';
      case 'error':
        throw inStreamError(this.clientName, payload.error, event.data);
      default:
        return '';
    }
  }
}

/** The `anthropic` provider. */
export const anthropicProvider: Provider = {
  defaultRole: (options) => stringOption(options, 'default_role') ?? 'user',
  allowedRoles: (options) => allowedRolesOption(options),

  buildRequest(input) {
    const { options, prompt, stream, env } = input;
    const key = apiKey(options, env, 'ANTHROPIC_API_KEY');
    const url = joinUrl(
      stringOption(options, 'base_url') ?? 'https://api.anthropic.com',
      '/v1/messages',
    );
    const system: Record<string, unknown>[] = [];
    const messages: Record<string, unknown>[] = [];
    for (const m of promptMessages(prompt, this.defaultRole(options), options)) {
      const content = blocks(m, allowedMetadata(options, m.meta));
      if (m.role === 'system') system.push(...content);
      else messages.push({ role: m.role, content });
    }
    const body: Record<string, unknown> = {
      max_tokens: DEFAULT_MAX_TOKENS,
      ...passThrough(options),
      messages,
    };
    if (system.length > 0) body.system = system;
    if (stream) body.stream = true;
    return jsonPostRequest(url, body, options, keyCredential('x-api-key', key), {
      'anthropic-version': '2023-06-01',
    });
  },

  parseResponse(json): ProviderAnswer {
    const r = json as Record<string, any>;
    const content: any[] = Array.isArray(r.content) ? r.content : [];
    return {
      text: content
        .filter((b) => b?.type === 'text')
        .map((b) => b.text)
        .join(''),
      finishReason: r.stop_reason ?? null,
      usage: usageOf(r.usage),
      model: typeof r.model === 'string' ? r.model : null,
    };
  },

  createStreamDecoder: (clientName) => new AnthropicStreamDecoder(clientName),
};
