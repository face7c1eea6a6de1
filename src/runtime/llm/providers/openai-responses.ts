// OpenAI Responses API (`openai-responses`): `input` items with `input_text` parts, answers as
// `output[].content[].output_text`. Streams are typed events; the answer ends with
// `response.completed` or `response.incomplete`, and failures arrive as `error` /
// `response.failed` events after HTTP 200.

import { BamlError } from '../../errors/index.js';
import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, MessagePart } from '../../template/types.js';
import { inStreamError } from '../llm-errors.js';
import { jsonPostRequest, keyCredential } from './json-post-request.js';
import { OPENAI_MEDIA_URL_MODES } from './openai-chat.js';
import type { Provider, ProviderAnswer } from './provider.js';
import {
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

function mediaItem(
  role: string,
  media: Extract<MessagePart, { type: 'media' }>['media'],
): Record<string, unknown> {
  if (role === 'assistant')
    throw new BamlError(
      'BAML internal error (openai-responses): assistant messages must be text; media not supported for assistant in Responses API',
    );
  const inline = dataUrl(media.mediaType, media.base64 ?? '');
  switch (media.kind) {
    case 'image':
      return { type: 'input_image', detail: 'auto', image_url: media.url ?? inline };
    case 'audio':
      if (media.url !== undefined)
        throw new BamlError(
          'BAML internal error (openai-responses): audio must be base64 encoded for Responses API',
        );
      return {
        type: 'input_audio',
        input_audio: {
          data: media.base64,
          format: (media.mediaType ?? '').replace(/^audio\//, ''),
        },
      };
    case 'pdf':
      return media.url !== undefined
        ? { type: 'input_file', file_url: media.url, filename: 'document.pdf' }
        : { type: 'input_file', file_data: inline, filename: 'document.pdf' };
    default:
      throw new BamlError(
        'BAML internal error (openai-responses): video is not yet supported by OpenAI Responses API',
      );
  }
}

function inputItem(message: ChatMessage) {
  const textType = message.role === 'assistant' ? 'output_text' : 'input_text';
  return {
    role: message.role,
    content: message.parts.map((p) =>
      p.type === 'text' ? { type: textType, text: p.text } : mediaItem(message.role, p.media),
    ),
  };
}

function usageOf(u: unknown) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.input_tokens),
    outputTokens: numberOrNull(usage.output_tokens),
    cachedInputTokens: numberOrNull(usage.input_tokens_details?.cached_tokens),
  };
}

/** `completed` → "stop"-like status; `incomplete` carries the reason (e.g. max_output_tokens). */
function finishReasonOf(response: Record<string, any>): string | null {
  if (response.status === 'incomplete') return response.incomplete_details?.reason ?? 'incomplete';
  return typeof response.status === 'string' ? response.status : null;
}

function outputText(response: Record<string, any>): string {
  const output: any[] = Array.isArray(response.output) ? response.output : [];
  return output
    .filter((item) => item?.type === 'message')
    .flatMap((item) => (Array.isArray(item.content) ? item.content : []))
    .filter((c: any) => c?.type === 'output_text')
    .map((c: any) => c.text)
    .join('');
}

class ResponsesStreamDecoder extends ProviderStreamDecoder {
  override push(event: EventSourceMessage): string {
    if (event.data.trim() === '[DONE]') return '';
    const payload = this.parseEvent(event.data);
    const type = payload.type ?? event.event;
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
        this.model = payload.response?.model ?? this.model;
        return '';
      case 'response.output_text.delta':
        return typeof payload.delta === 'string' ? payload.delta : '';
      case 'response.completed':
      case 'response.incomplete':
        this.finished = true;
        this.model = payload.response?.model ?? this.model;
        this.usage = usageOf(payload.response?.usage);
        this.finishReason = finishReasonOf(payload.response ?? {});
        return '';
      case 'error':
        throw inStreamError(this.clientName, payload.error ?? payload, event.data);
      case 'response.failed':
        throw inStreamError(this.clientName, payload.response?.error ?? payload, event.data);
      default:
        return '';
    }
  }
}

/** The `openai-responses` provider. */
export const openAiResponsesProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, allowedRolesOption(options)),
  allowedRoles: (options) => allowedRolesOption(options),
  mediaUrlModes: () => OPENAI_MEDIA_URL_MODES,

  buildRequest(input) {
    const { options, prompt, stream, env } = input;
    const key = apiKey(options, env, 'OPENAI_API_KEY');
    const base = stringOption(options, 'base_url') ?? 'https://api.openai.com/v1';
    const body: Record<string, unknown> = {
      ...passThrough(options),
      input: promptMessages(prompt, this.defaultRole(options), options).map(inputItem),
    };
    if (stream) body.stream = true;
    return jsonPostRequest(
      withQueryParams(joinUrl(base, '/responses'), options),
      body,
      options,
      keyCredential('authorization', key, 'bearer'),
      { 'baml-original-url': base },
    );
  },

  parseResponse(json): ProviderAnswer {
    const r = json as Record<string, any>;
    return {
      text: outputText(r),
      finishReason: finishReasonOf(r),
      usage: usageOf(r.usage),
      model: typeof r.model === 'string' ? r.model : null,
    };
  },

  createStreamDecoder: (clientName) => new ResponsesStreamDecoder(clientName),
};
