// openai-generic against a loopback server replaying OpenAI's recorded chat-completions wire format.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlTimeoutError,
} from '../../src/runtime/errors/index.js';
import {
  BamlMalformedResponseError,
  BamlStreamInterruptedError,
  buildRequest,
  callLlm,
  streamLlm,
} from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import {
  fixture,
  json,
  type LoopbackServer,
  sse,
  stall,
  startLoopback,
} from './loopback-server.js';

const SECRET = 'sk-test-SECRET-123456';
let server: LoopbackServer;

function client(options: Record<string, unknown> = {}): ClientDef {
  return {
    name: 'Local',
    provider: 'openai-generic',
    options: {
      base_url: { $env: 'BASE' },
      model: 'gpt-4',
      api_key: { $env: 'KEY' },
      ...(options as ClientDef['options']),
    },
  };
}
function opts(c: ClientDef = client(), extra = {}) {
  return callOptions(callProgram([c]), c.name, {
    env: { BASE: `${server.baseUrl}/v1`, KEY: SECRET },
    ...extra,
  });
}

beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('openai-generic', () => {
  it('builds the request BAML sends (string content, stream flag, bearer key)', async () => {
    const req = await buildRequest(opts(client({ temperature: 0.2 })), undefined, { stream: true });
    expect(req.url).toBe(`${server.baseUrl}/v1/chat/completions`);
    expect(req.method).toBe('POST');
    expect(req.body.json()).toEqual({
      model: 'gpt-4',
      temperature: 0.2,
      messages: [{ role: 'system', content: 'Say this is a test' }],
      stream: true,
    });
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(new TextDecoder().decode(req.body.raw())).toBe(req.body.text());
  });

  it('never prints the API key (toJSON, toString, inspect)', async () => {
    const req = await buildRequest(opts());
    expect(JSON.stringify(req)).not.toContain(SECRET);
    expect(String(req)).not.toContain(SECRET);
    expect(inspect(req)).not.toContain(SECRET);
    expect(JSON.stringify(req)).toContain('[REDACTED]');
  });

  it('streams the recorded text with usage and finish reason', async () => {
    server.respond(sse(fixture('openai-chat-text-usage.sse')));
    const { events, error } = await drain(streamLlm(opts()));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({
      type: 'start',
      attempt: 1,
      clientName: 'Local',
      provider: 'openai-generic',
    });
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(text).toBe('"This is a test."');
    const end = events.at(-1);
    expect(end?.type).toBe('end');
    if (end?.type !== 'end') return;
    expect(end.result).toMatchObject({
      text,
      finishReason: 'stop',
      model: 'gpt-4-0613',
      usage: { inputTokens: 12, outputTokens: 5, cachedInputTokens: 0 },
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, model: 'gpt-4' });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('passes on the opening empty delta: it tells a stream consumer the answer began', async () => {
    server.respond(sse(fixture('openai-chat-text-usage.sse')));
    const { events } = await drain(streamLlm(opts()));
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['start', 'delta']);
    expect(deltas[0]).toBe('');
    // Later events without text (the finish reason, usage) are not deltas.
    expect(deltas.slice(1).every((d) => d !== '')).toBe(true);
  });

  it('calls without streaming', async () => {
    server.respond(
      json({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'gpt-4-0613',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'This is a test.' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
      }),
    );
    const result = await callLlm(opts());
    expect(result).toMatchObject({
      text: 'This is a test.',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 5 },
    });
    expect(server.requests[0]?.body.stream).toBeUndefined();
    expect(result.attempts).toHaveLength(1);
  });

  it('accepts a length finish by default, rejects it with a deny list (not retried)', async () => {
    server.respond(sse(fixture('openai-chat-length-finish.sse')));
    const ok = await drain(streamLlm(opts()));
    expect(ok.error).toBeUndefined();
    const denied = client({ finish_reason_deny_list: ['length'] });
    const program = callProgram(
      [{ ...denied, retryPolicy: 'Twice' }],
      [{ name: 'Twice', maxRetries: 2, strategy: { type: 'constant_delay', delayMs: 1 } }],
    );
    server.requests.length = 0;
    const { error } = await drain(
      streamLlm(
        callOptions(program, 'Local', { env: { BASE: `${server.baseUrl}/v1`, KEY: SECRET } }),
      ),
    );
    expect(error).toBeInstanceOf(BamlClientFinishReasonError);
    expect(error).toMatchObject({
      finish_reason: 'length',
      raw_output: '{"',
      message: 'Finish reason not allowed',
      prompt: 'system: Say this is a test',
      detailed_message:
        'Finish reason not allowed\nPrompt: system: Say this is a test\n\nRaw Response: {"\nFinish Reason: length',
    });
    expect(server.requests).toHaveLength(1);
    server.respond(
      json({
        model: 'm',
        choices: [{ message: { content: 'The capital' }, finish_reason: 'length' }],
      }),
    );
    const allow = client({ finish_reason_allow_list: ['stop'] });
    await expect(callLlm(opts(allow))).rejects.toMatchObject({
      name: 'BamlClientFinishReasonError',
      finish_reason: 'length',
      raw_output: 'The capital',
    });
  });

  it('turns HTTP errors into BamlClientHttpError with the status and body (401 vs 429)', async () => {
    server.respond(json(fixture('openai-chat-error-404-model-not-found.json'), 404));
    const e404 = await callLlm(opts()).catch((e) => e);
    expect(e404).toBeInstanceOf(BamlClientHttpError);
    expect(e404).toMatchObject({ status_code: 404, client_name: 'Local' });
    expect(e404.message).toContain('model_not_found');
    expect(e404.message).toMatch(
      /^Request failed with status code: 404 Not Found\. \{\n {2}"error"/,
    );
    server.respond(
      json(
        {
          error: {
            message: `Incorrect API key provided: ${SECRET}`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
        401,
      ),
    );
    const e401 = await callLlm(opts()).catch((e) => e);
    server.respond(
      json(
        { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
        429,
      ),
    );
    const e429 = await callLlm(opts()).catch((e) => e);
    expect([e401.status_code, e401.isRetryable]).toEqual([401, false]);
    expect([e429.status_code, e429.isRetryable]).toEqual([429, true]);
    expect(e401.message).not.toContain(SECRET);
    expect(e401.raw_response).not.toContain(SECRET);
  });

  it('times out with BamlTimeoutError', async () => {
    server.respond(stall());
    const e = await callLlm(opts(client({ http: { request_timeout_ms: 50 } }))).catch((err) => err);
    expect(e).toBeInstanceOf(BamlTimeoutError);
    expect(e.status_code).toBe(408);
    server.respond(stall());
    const s = await drain(streamLlm(opts(client({ http: { idle_timeout_ms: 50 } }))));
    expect(s.error).toBeInstanceOf(BamlTimeoutError);
  });

  it('reports a stream cut mid-way with the text received so far', async () => {
    const body = fixture('openai-chat-text-usage.sse');
    server.respond(sse(body, { cutAfter: body.indexOf('" a"') + 10 }));
    const { events, error } = await drain(streamLlm(opts()));
    expect(error).toBeInstanceOf(BamlStreamInterruptedError);
    const received = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(received).toBe('"This is');
    expect((error as BamlStreamInterruptedError).raw_output).toBe(received);
  });

  it('reports a stream that ends without [DONE] as interrupted', async () => {
    const body = fixture('openai-chat-text-usage.sse').replace('data: [DONE]', '');
    server.respond(sse(body));
    const { error } = await drain(streamLlm(opts()));
    expect(error).toBeInstanceOf(BamlStreamInterruptedError);
    expect((error as BamlStreamInterruptedError).raw_output).toBe('"This is a test."');
  });

  it('reports malformed SSE data clearly', async () => {
    server.respond(sse('data: {"choices":[{"delta":{"content":"hi"}}]}\n\ndata: {not json\n\n'));
    const { error } = await drain(streamLlm(opts()));
    expect(error).toBeInstanceOf(BamlMalformedResponseError);
    expect((error as Error).message).toMatch(
      /Malformed stream event from client Local: not valid JSON: \{not json/,
    );
  });

  it('aborts the fetch at once and rejects with BamlAbortError', async () => {
    server.respond(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
      await new Promise((r) => setTimeout(r, 5_000));
      res.end();
    });
    const controller = new AbortController();
    const started = Date.now();
    const events: string[] = [];
    const error = await (async () => {
      for await (const e of streamLlm(opts(client(), { signal: controller.signal }))) {
        events.push(e.type);
        if (e.type === 'delta') controller.abort('user stop');
      }
    })().catch((err) => err);
    expect(error).toBeInstanceOf(BamlAbortError);
    expect((error as BamlAbortError).reason).toBe('user stop');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(events).toEqual(['start', 'delta']);
    const pre = new AbortController();
    pre.abort();
    await expect(callLlm(opts(client(), { signal: pre.signal }))).rejects.toBeInstanceOf(
      BamlAbortError,
    );
  });
});
