// What each provider module implements: turn a prompt into an HTTP request, and turn the
// provider's answer (whole JSON, or SSE events) into text, finish reason and usage.

import type { EventSourceMessage } from '../../sse/index.js';
import type { RenderedPrompt } from '../../template/types.js';
import type { ResolvedValue } from '../config-value.js';
import type { LlmUsage } from '../types.js';

export interface ProviderRequestInput {
  clientName: string;
  provider: string;
  options: Record<string, ResolvedValue>;
  prompt: RenderedPrompt;
  stream: boolean;
  env: Record<string, string | undefined>;
  /** True for `b.request` / `b.streamRequest` (the request is shown, not sent). */
  preview: boolean;
  /** The `fetch` calls go through (token endpoints). */
  fetch: typeof fetch;
}

/** How a media URL reaches a provider (BAML's `media_url_handler` values). */
export type MediaUrlMode =
  | 'send_url'
  | 'send_base64'
  | 'send_url_add_mime_type'
  | 'send_base64_unless_google_url';

export type MediaKind = 'image' | 'audio' | 'pdf' | 'video';

export interface ProviderRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: unknown;
  /** Values to redact whenever the request is printed (the API key). */
  secrets: string[];
}

/** What a whole response, or a finished stream, tells us. */
export interface ProviderAnswer {
  text: string;
  finishReason: string | null;
  usage: LlmUsage;
  model: string | null;
}

/** Consumes one attempt's SSE events. */
export interface StreamDecoder {
  /** Returns the text delta carried by the event (may be empty); throws on an in-stream error. */
  push(event: EventSourceMessage): string;
  /** True once the provider signalled the end of the answer. */
  readonly finished: boolean;
  /**
   * True once nothing more is expected, so reading can stop: `finished`, except for a stream
   * without an end marker, which is read until its body ends.
   */
  readonly ended: boolean;
  /** Finish reason, usage and model gathered so far (text is filled in by the caller). */
  summary(): Omit<ProviderAnswer, 'text'>;
}

export interface Provider {
  /** Role for a completion prompt and for roles outside `allowedRoles`. */
  defaultRole(options: Record<string, ResolvedValue>): string;
  allowedRoles(options: Record<string, ResolvedValue>): string[] | undefined;
  /** Whether the client streams unless `supports_streaming` says (default true). */
  supportsStreaming?(options: Record<string, ResolvedValue>): boolean;
  /** What the provider does with media URLs when `media_url_handler` does not say. */
  mediaUrlModes(options: Record<string, ResolvedValue>): Record<MediaKind, MediaUrlMode>;
  buildRequest(input: ProviderRequestInput): ProviderRequest | Promise<ProviderRequest>;
  /**
   * Headers added just before the request is sent (AWS SigV4), never shown by `b.request`.
   * The request passed in is final: url, headers and body as they go on the wire.
   */
  signRequest?(
    request: { url: string; method: string; headers: Record<string, string>; body: string },
    input: ProviderRequestInput,
  ): Promise<Record<string, string>>;
  /** How a streamed answer is framed: server-sent events (default) or AWS event stream. */
  streamFraming?: 'sse' | 'aws-event-stream';
  parseResponse(json: unknown, options: Record<string, ResolvedValue>): ProviderAnswer;
  createStreamDecoder(clientName: string, options: Record<string, ResolvedValue>): StreamDecoder;
}
