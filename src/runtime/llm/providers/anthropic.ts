// Anthropic Messages API. A leading system message goes to the top-level `system` field (a later
// one is sent as a user message, BAML's one-system-prompt rule), `max_tokens` (required by the
// API) defaults to 4096 and `query_params` lands in the body, like BAML. Role metadata allowed by
// `allowed_role_metadata` (e.g. `cache_control`) goes into each content block.
// Streams use named events: message_start, content_block_delta, message_delta, message_stop,
// and `error` (which can arrive after HTTP 200).

import { BamlError } from '../../errors/index.js';
import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, RenderedPrompt } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';
import { inStreamError } from '../llm-errors.js';
import { jsonPostRequest, keyCredential } from './json-post-request.js';
import type { MediaKind, MediaUrlMode, Provider, ProviderAnswer } from './provider.js';
import {
  allowedMetadata,
  allowedRolesOption,
  apiKey,
  defaultMaxTokens,
  defaultRoleOption,
  joinUrl,
  leadingSystem,
  numberOrNull,
  oneSystemPrompt,
  passThrough,
  promptMessages,
  stringOption,
  userHeaders,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

/** BAML's defaults: PDFs from a URL are fetched and inlined, everything else is linked. */
const MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_url',
  audio: 'send_url',
  pdf: 'send_base64',
  video: 'send_url',
};

function blocks(message: ChatMessage, meta: Record<string, unknown>): Record<string, unknown>[] {
  return message.parts.map((p) => {
    if (p.type === 'text') return { type: 'text', text: p.text, ...meta };
    const m = p.media;
    if (m.kind === 'video')
      throw new BamlError(
        'Video input is not yet supported by Anthropic Claude models. Consider extracting frames from the video as images instead. See: https://docs.anthropic.com/en/docs/vision',
      );
    const source =
      m.url !== undefined
        ? { type: 'url', url: m.url }
        : { type: 'base64', media_type: m.mediaType, data: m.base64 };
    return { type: m.kind === 'pdf' ? 'document' : m.kind, source, ...meta };
  });
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

export class AnthropicStreamDecoder extends ProviderStreamDecoder {
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

/**
 * A Messages API body: the pass-through options (`keep` lists BAML keys that go into the body
 * too), `max_tokens` defaulted, a leading system message as `system`, the other messages.
 */
export function anthropicBody(
  prompt: RenderedPrompt,
  defaultRole: string,
  options: Record<string, ResolvedValue>,
  keep: string[] = [],
): Record<string, unknown> {
  const { system, rest } = leadingSystem(
    oneSystemPrompt(promptMessages(prompt, defaultRole, options)),
  );
  const body: Record<string, unknown> = { ...passThrough(options, [], keep) };
  defaultMaxTokens(body);
  if (system) body.system = blocks(system, allowedMetadata(options, system.meta));
  body.messages = rest.map((m) => ({
    role: m.role,
    content: blocks(m, allowedMetadata(options, m.meta)),
  }));
  return body;
}

/** The `anthropic` provider. */
export const anthropicProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, allowedRolesOption(options), 'user'),
  allowedRoles: (options) => allowedRolesOption(options),
  mediaUrlModes: () => MEDIA_URL_MODES,

  buildRequest(input) {
    const { options, prompt, stream, env } = input;
    const key = apiKey(options, env, 'ANTHROPIC_API_KEY');
    const base = stringOption(options, 'base_url') ?? 'https://api.anthropic.com';
    const body = anthropicBody(prompt, this.defaultRole(options), options, ['query_params']);
    if (stream) body.stream = true;
    // The user's `headers` may replace the API version.
    const version = userHeaders(options)['anthropic-version'] ?? '2023-06-01';
    return jsonPostRequest(
      joinUrl(base, '/v1/messages'),
      body,
      options,
      keyCredential('x-api-key', key),
      { 'anthropic-version': version, 'baml-original-url': base },
    );
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
