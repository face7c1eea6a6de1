// Google AI (Gemini) `generateContent` / `streamGenerateContent?alt=sse`. Roles are `user` and
// `model`; system text goes to `system_instruction`. A stream has no end marker: it is complete
// once a candidate reports a finishReason (or the prompt was blocked).

import type { ChatMessage } from '../../template/types.js';
import { inStreamError, parseJsonPayload } from '../llm-errors.js';
import type { Provider, ProviderAnswer, StreamDecoder } from './provider.js';
import {
  apiKey,
  joinUrl,
  numberOrNull,
  passThrough,
  promptMessages,
  stringListOption,
  stringOption,
  userHeaders,
} from './provider-options.js';

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

class GeminiStreamDecoder implements StreamDecoder {
  finished = false;
  private finishReason: string | null = null;
  private model: string | null = null;
  private usage = usageOf(undefined);

  constructor(private readonly clientName: string) {}

  push(event: { data: string }): string {
    const r = parseJsonPayload(this.clientName, event.data, 'stream event') as Record<string, any>;
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

  summary() {
    return { finishReason: this.finishReason, usage: this.usage, model: this.model };
  }
}

/** The `google-ai` provider. */
export const googleAiProvider: Provider = {
  defaultRole: (options) => stringOption(options, 'default_role') ?? 'user',
  allowedRoles: (options) =>
    stringListOption(options, 'allowed_roles') ?? ['system', 'user', 'assistant', 'model'],

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
    const headers = {
      'content-type': 'application/json',
      ...(key ? { 'x-goog-api-key': key } : {}),
      ...userHeaders(options),
    };
    return { url, method: 'POST', headers, body, secrets: key ? [key] : [] };
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
