// The Gemini wire format shared by `google-ai` and `vertex-ai`: `contents` of `parts`, a leading
// system message as `system_instruction` (a later one is sent as a user message), media as
// `inline_data` (base64) or `file_data` (a URL). Answers are candidates; a stream is
// `data: <GenerateContentResponse>` events with no end marker, complete once a candidate reports
// a finishReason (or the prompt was blocked).

import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, RenderedPrompt } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';
import { inStreamError } from '../llm-errors.js';
import type { ProviderAnswer } from './provider.js';
import {
  allowedMetadata,
  leadingSystem,
  numberOrNull,
  oneSystemPrompt,
  passThrough,
  promptMessages,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

function parts(message: ChatMessage, meta: Record<string, unknown>) {
  return message.parts.map((p) => {
    if (p.type === 'text') return { text: p.text, ...meta };
    const m = p.media;
    if (m.url === undefined)
      return { inline_data: { mime_type: m.mediaType, data: m.base64 }, ...meta };
    const fileData: Record<string, string> = { file_uri: m.url };
    if (m.mediaType) fileData.mime_type = m.mediaType;
    return { file_data: fileData, ...meta };
  });
}

/**
 * The request body: pass-through options (never `model`, which is in the URL), the system
 * instruction and the contents.
 */
export function geminiBody(
  prompt: RenderedPrompt,
  defaultRole: string,
  options: Record<string, ResolvedValue>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...passThrough(options, ['model']) };
  const { system, rest } = leadingSystem(
    oneSystemPrompt(promptMessages(prompt, defaultRole, options)),
  );
  if (system)
    body.system_instruction = { parts: parts(system, allowedMetadata(options, system.meta)) };
  body.contents = rest.map((m) => ({
    role: m.role,
    parts: parts(m, allowedMetadata(options, m.meta)),
  }));
  return body;
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

/** A whole `GenerateContentResponse`. */
export function parseGeminiResponse(json: unknown): ProviderAnswer {
  const r = json as Record<string, any>;
  return {
    text: candidateText(r),
    finishReason: finishOf(r),
    usage: usageOf(r.usageMetadata),
    model: typeof r.modelVersion === 'string' ? r.modelVersion : null,
  };
}

export class GeminiStreamDecoder extends ProviderStreamDecoder {
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
