// What a Collector records per provider from real wire formats, streamed and not: token usage,
// finish reason, and the raw response (for a stream, every event's payload).
import { describe, expect, it } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import { completeFunctionLog, newFunctionLog } from '../../src/runtime/client/collector.js';
import { callLlm, type LlmResult, streamLlm } from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import { fixture, json, sse } from './loopback-server.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback();

function run(provider: string) {
  const c: ClientDef = {
    name: 'C',
    provider,
    options: { base_url: { $env: 'BASE' }, model: 'm', api_key: 'k' },
  };
  return callOptions(callProgram([c]), 'C', { env: { BASE: server.baseUrl } });
}
async function streamed(provider: string): Promise<LlmResult> {
  const { events, error } = await drain(streamLlm(run(provider)));
  if (error) throw error;
  const end = events.at(-1);
  if (end?.type !== 'end') throw new Error('no end');
  return end.result;
}
function logOf(result: LlmResult) {
  const log = newFunctionLog('Extract', 'stream', {});
  completeFunctionLog(log, result, null);
  return log;
}

describe('collector: usage, finish reason and raw response per provider', () => {
  it.each([
    ['openai', 'openai-chat-text-usage.sse', 'stop'],
    ['anthropic', 'anthropic-text.sse', 'end_turn'],
    ['google-ai', 'gemini-text-usage.sse', 'STOP'],
    ['openai-responses', 'openai-responses-text-usage.sse', 'completed'],
  ])('%s stream', async (provider, file, finish) => {
    server.respond(sse(fixture(file)));
    const log = logOf(await streamed(provider));
    const call = log.selectedCall;
    expect(call?.finishReason).toBe(finish);
    expect(call?.usage.inputTokens).toBeGreaterThan(0);
    expect(call?.usage.outputTokens).toBeGreaterThan(0);
    expect(log.usage).toEqual(call?.usage);
    expect(Array.isArray(call?.httpResponse)).toBe(true);
    expect((call?.httpResponse as unknown[] | undefined)?.length).toBeGreaterThan(1);
    expect(log.rawLlmResponse?.length).toBeGreaterThan(0);
  });

  it('keeps the whole JSON body of a call', async () => {
    const body = JSON.parse(fixture('gemini-max-tokens.nonstream.json'));
    server.respond(json(body));
    const log = logOf(await callLlm(run('google-ai')));
    expect(log.selectedCall?.httpResponse).toEqual(body);
    expect(log.selectedCall?.finishReason).toBe('MAX_TOKENS');
    expect(log.usage).toMatchObject({ inputTokens: 15, outputTokens: 5 });
  });
});
