// The same checks for every SSE provider against its recorded wire format on loopback: the
// streamed and the whole answer agree on text, usage and finish reason; 401 is not retried;
// 429 and 500 are retried under a retry_policy; a stream cut mid-way keeps what arrived.
// (aws-bedrock has its own file for the binary event stream.)
import { describe, expect, it } from 'vitest';
import type { ClientDef, RetryPolicyDef } from '../../src/ir/types.js';
import { BamlClientHttpError } from '../../src/runtime/errors/index.js';
import {
  BamlStreamInterruptedError,
  callLlm,
  type LlmResult,
  type LlmStreamEvent,
  streamLlm,
} from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import { fixture, json, sse } from './loopback-server.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback();

const RETRY: RetryPolicyDef = {
  name: 'Twice',
  maxRetries: 2,
  strategy: { type: 'constant_delay', delayMs: 1 },
};

interface Case {
  provider: string;
  options: Record<string, unknown>;
  stream: string;
  /** The non-streamed answer with the same text, in the provider's JSON. */
  whole: (text: string) => unknown;
  /** False when the recorded stream reports no usage (Azure, which BAML does not ask). */
  streamUsage?: boolean;
}

const CASES: Case[] = [
  {
    provider: 'openai',
    options: { model: 'gpt-4o-mini' },
    stream: 'openai-chat-text-usage.sse',
    whole: (text) => ({
      model: 'gpt-4o-mini',
      choices: [{ message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 6 },
    }),
  },
  {
    provider: 'azure-openai',
    options: { api_version: '2024-06-01' },
    stream: 'azure-chat-text-2024.sse',
    streamUsage: false,
    whole: (text) => ({
      choices: [{ message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 6 },
    }),
  },
  {
    provider: 'anthropic',
    options: { model: 'claude-sonnet-4-5' },
    stream: 'anthropic-text.sse',
    whole: (text) => ({
      type: 'message',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 12, output_tokens: 6 },
    }),
  },
  {
    provider: 'google-ai',
    options: { model: 'gemini-2.5-flash' },
    stream: 'gemini-text-usage.sse',
    whole: (text) => ({
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 6 },
    }),
  },
  {
    provider: 'vertex-ai',
    options: { model: 'gemini-2.5-flash', query_params: { key: 'vk' } },
    stream: 'gemini-text-usage.sse',
    whole: (text) => ({
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 6 },
    }),
  },
  {
    provider: 'openai-responses',
    options: { model: 'gpt-4o-mini' },
    stream: 'openai-responses-text-usage.sse',
    whole: (text) => ({
      model: 'gpt-4o-mini',
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text }] }],
      usage: { input_tokens: 12, output_tokens: 6 },
    }),
  },
];

function run(c: Case, retry = false) {
  const def: ClientDef = {
    name: 'C',
    provider: c.provider,
    options: {
      base_url: { $env: 'BASE' },
      api_key: 'sk-matrix',
      ...c.options,
    } as ClientDef['options'],
    ...(retry ? { retryPolicy: RETRY.name } : {}),
  };
  return callOptions(callProgram([def], [RETRY]), 'C', { env: { BASE: server.baseUrl } });
}
const text = (events: LlmStreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
function endOf(events: LlmStreamEvent[]): LlmResult {
  const last = events.at(-1);
  if (last?.type !== 'end') throw new Error('stream did not end');
  return last.result;
}

describe.each(CASES)('$provider', (c) => {
  it('streams the recording and calls without streaming: text, usage, finish reason', async () => {
    server.respond(sse(fixture(c.stream)));
    const streamed = await drain(streamLlm(run(c)));
    expect(streamed.error).toBeUndefined();
    const result = endOf(streamed.events);
    expect(result.text).toBe(text(streamed.events));
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).not.toBeNull();
    if (c.streamUsage === false) expect(result.usage.outputTokens).toBeNull();
    else expect(result.usage.outputTokens).toBeGreaterThan(0);

    server.respond(json(c.whole(result.text)));
    const whole = await callLlm(run(c));
    expect(whole.text).toBe(result.text);
    expect(whole.usage).toMatchObject({ inputTokens: 12, outputTokens: 6 });
    expect(whole.finishReason).not.toBeNull();
  });

  it('does not retry a 401, retries 429 and 500', async () => {
    server.respond(json({ error: { message: 'bad key', type: 'authentication_error' } }, 401));
    const denied = await callLlm(run(c, true)).catch((e) => e);
    expect(denied).toBeInstanceOf(BamlClientHttpError);
    expect(denied.status_code).toBe(401);
    expect(server.requests).toHaveLength(1);

    server.respond(
      json({ error: { message: 'slow down', type: 'rate_limit_error' } }, 429),
      json({ error: { message: 'oops', type: 'api_error' } }, 500),
      json(c.whole('Recovered.')),
    );
    const recovered = await callLlm(run(c, true));
    expect(recovered.text).toBe('Recovered.');
    expect(recovered.attempts.map((a) => a.status)).toEqual([429, 500, 200]);
  });

  it('keeps the text received before a stream is cut', async () => {
    const body = fixture(c.stream);
    server.respond(sse(body));
    const full = endOf((await drain(streamLlm(run(c)))).events).text;
    server.respond(sse(body, { cutAfter: Math.floor(body.length * 0.6) }));
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeInstanceOf(BamlStreamInterruptedError);
    expect(full.startsWith(text(events))).toBe(true);
    expect((error as BamlStreamInterruptedError).raw_output).toBe(text(events));
  });
});
