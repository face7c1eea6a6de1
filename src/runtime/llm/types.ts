import type { ClientDef, Program } from '../../ir/types.js';
import type { RenderedPrompt } from '../template/types.js';
import type { HTTPRequest } from './http-request.js';

/** Everything needed to call a function's LLM. */
export interface LlmCallOptions {
  program: Program;
  functionName: string;
  /** A client key (`program.clients` or `registry.clients`) or the `"provider/model"` shorthand. */
  clientName: string;
  /**
   * Clients added at run time (ClientRegistry); they shadow the program's clients. `primary`,
   * when set, is used instead of `clientName`.
   */
  registry?: { clients: Record<string, ClientDef>; primary?: string };
  /** Read for `env.X` option values and default API keys. */
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  tags?: Record<string, string>;
  /** Function arguments, used when the prompt is rendered here. */
  args?: Record<string, unknown>;
  /** Replaces `fetch` (tests, proxies). */
  fetch?: typeof fetch;
  /** Called for each attempt as it finishes (collector hooks). */
  onAttempt?: (attempt: AttemptRecord) => void;
}

/** One HTTP attempt under the client's strategy (retries, fallbacks, round-robin). */
export interface AttemptRecord {
  /** 1-based, across the whole call. */
  attempt: number;
  clientName: string;
  provider: string;
  /** How long we waited before this attempt (retry back-off). */
  delayMs: number;
  /** HTTP status of the response, when one arrived. */
  status?: number;
  ok: boolean;
  /** The error message for a failed attempt (API keys never appear here). */
  error?: string;
  errorName?: string;
  durationMs: number;
}

/** Token counts as reported by the provider (`null` when it did not say). */
export interface LlmUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens?: number | null;
}

/** The answer of the attempt that succeeded. */
export interface LlmResult {
  text: string;
  finishReason: string | null;
  usage: LlmUsage;
  clientName: string;
  provider: string;
  model: string | null;
  prompt: RenderedPrompt;
  attempts: AttemptRecord[];
  request: HTTPRequest;
  rawResponse?: unknown;
}

/**
 * Events of a streaming call. `start` opens every attempt: after a retry or fallback the
 * consumer must reset whatever it built from earlier deltas. The first `delta` of an attempt
 * comes with the response's first event and may be empty: it says the answer has begun (BAML
 * yields the empty-answer partial then).
 */
export type LlmStreamEvent =
  | { type: 'start'; attempt: number; clientName: string; provider: string; prompt: RenderedPrompt }
  | { type: 'delta'; text: string }
  | { type: 'end'; result: LlmResult };
