// Google AI (Gemini) `generateContent` / `streamGenerateContent?alt=sse`. Roles are `user` and
// `model`; system text goes to `system_instruction`. A stream has no end marker: it is complete
// once a candidate reports a finishReason (or the prompt was blocked).

import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage } from '../../template/types.js';
import { inStreamError } from '../llm-errors.js';
import { jsonPostRequest, keyCredential } from './json-post-request.js';
import type { Provider, ProviderAnswer } from './provider.js';
import {
  allowedRolesOption,
  apiKey,
  joinUrl,
  numberOrNull,
  passThrough,
  promptMessages,
  stringOption,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

const DEFAULT_MODEL = 'gemini-2.5-flash';

function parts(message: ChatMessage) {
  return message.parts.map((p) => {
    if (p.type === 'text') return { text: p.text };
    const m = p.media;
    return m.url
      ? { file_data: { mime_type: m.mediaType, file_uri: m.url } }
      : { inline_data: { mime_type: m.mediaType, data: m.base64 } };
  });
}

function usageOf(u: unknown) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.promptTokenCount),
    outputTokens: numberOrNull(usage.candidatesTokenCount),
    cachedInputTokens: numberOrNull(usage.cachedContentTokenCount),
  };
}

/** Text of the first candidate, leaving out thought summaries. */
function candidateText(r: Record<string, any>): string {
  const candidate = Array.isArray(r.candidates) ? r.candidates[0] : undefined;
  const ps: any[] = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
  return ps
    .filter((p) => typeof p?.text === 'string' && p.thought !== true)
    .map((p) => p.text)
    .join('');
}

function finishOf(r: Record<string, any>): string | null {
  const candidate = Array.isArray(r.candidates) ? r.candidates[0] : undefined;
  return candidate?.finishReason ?? r.promptFeedback?.blockReason ?? null;
}

class GeminiStreamDecoder extends ProviderStreamDecoder {
  /** No end marker: the answer is finished at its finish reason, but the body is read to its end. */
  override get ended(): boolean {
    return false;
  }

  override push(event: EventSourceMessage): string {
    const r = this.parseEvent(event.data);
    if (r.error) throw inStreamError(this.clientName, r.error, event.data);
    if (typeof r.modelVersion === 'string') this.model = r.modelVersion;
    if (r.usageMetadata) this.usage = usageOf(r.usageMetadata);
    const finish = finishOf(r);
    if (finish) {
      this.finishReason = finish;
      this.finished = true;
    }
    return candidateText(r);
  }
}

/** The `google-ai` provider. */
export const googleAiProvider: Provider = {
  defaultRole: (options) => stringOption(options, 'default_role') ?? 'user',
  allowedRoles: (options) => allowedRolesOption(options, ['system', 'user', 'assistant', 'model']),

  buildRequest(input) {
    const { options, prompt, stream, env } = input;
    const key = apiKey(options, env, 'GOOGLE_API_KEY');
    const model = stringOption(options, 'model') ?? DEFAULT_MODEL;
    const base =
      stringOption(options, 'base_url') ?? 'https://generativelanguage.googleapis.com/v1beta';
    const url = joinUrl(
      base,
      `/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    );
    const system: unknown[] = [];
    const contents: unknown[] = [];
    for (const m of promptMessages(prompt, this.defaultRole(options), options)) {
      if (m.role === 'system') system.push(...parts(m));
      else contents.push({ role: m.role === 'assistant' ? 'model' : m.role, parts: parts(m) });
    }
    const body: Record<string, unknown> = { ...passThrough(options, ['model']), contents };
    if (system.length > 0) body.system_instruction = { parts: system };
    return jsonPostRequest(url, body, options, keyCredential('x-goog-api-key', key));
  },

  parseResponse(json): ProviderAnswer {
    const r = json as Record<string, any>;
    return {
      text: candidateText(r),
      finishReason: finishOf(r),
      usage: usageOf(r.usageMetadata),
      model: typeof r.modelVersion === 'string' ? r.modelVersion : null,
    };
  },

  createStreamDecoder: (clientName) => new GeminiStreamDecoder(clientName),
};
