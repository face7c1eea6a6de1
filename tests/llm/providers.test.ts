// anthropic, google-ai, openai-responses, azure-openai and openai against a loopback server
// replaying each provider's recorded wire format (tests/llm/__fixtures__, from /work/shared/provider-streams).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import { BamlClientHttpError } from '../../src/runtime/errors/index.js';
import {
  buildRequest,
  callLlm,
  type LlmStreamEvent,
  streamLlm,
} from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import {
  fixture,
  frameChunks,
  json,
  type LoopbackServer,
  sse,
  startLoopback,
} from './loopback-server.js';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const KEY = 'secret-key-987';
const ROLES_PROMPT = '{{ _.role("system") }}Be brief.{{ _.role("user") }}{{ input }}';

function run(c: ClientDef, prompt = '{{ input }}', env: Record<string, string> = {}) {
  return callOptions(callProgram([c], [], prompt), c.name, {
    env: { BASE: server.baseUrl, KEY, ...env },
  });
}
const text = (events: LlmStreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
const end = (events: LlmStreamEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== 'end') throw new Error('stream did not end');
  return last.result;
};

describe('anthropic', () => {
  const c: ClientDef = {
    name: 'Claude',
    provider: 'anthropic',
    options: { base_url: { $env: 'BASE' }, model: 'claude-sonnet-4-5', api_key: { $env: 'KEY' } },
  };

  it('sends system separately, defaults max_tokens, authenticates with x-api-key', async () => {
    const req = await buildRequest(run(c, ROLES_PROMPT), undefined, { stream: true });
    expect(req.url).toBe(`${server.baseUrl}/v1/messages`);
    expect(req.body.json()).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] }],
      stream: true,
    });
    expect(req.headers).toMatchObject({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01' });
    const plain = await buildRequest(run(c));
    expect((plain.body.json() as { messages: unknown }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] },
    ]);
  });

  it('streams the recorded events', async () => {
    server.respond(sse(fixture('anthropic-text.sse')));
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeUndefined();
    expect(text(events)).toBe('- Captain\n- Scoop');
    expect(end(events)).toMatchObject({
      finishReason: 'end_turn',
      model: 'claude-sonnet-4-5-20250929',
      usage: { inputTokens: 17, outputTokens: 10, cachedInputTokens: 0 },
    });
  });

  it('parses a whole message', async () => {
    server.respond(
      json({
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-x',
        content: [{ type: 'text', text: 'Hi' }],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 3, output_tokens: 1 },
      }),
    );
    expect(await callLlm(run(c))).toMatchObject({
      text: 'Hi',
      finishReason: 'max_tokens',
      usage: { inputTokens: 3, outputTokens: 1 },
    });
  });

  it('maps the recorded 404 body and an in-stream overloaded error', async () => {
    server.respond(json(fixture('anthropic-error-404-not-found.json'), 404));
    await expect(callLlm(run(c))).rejects.toMatchObject({
      name: 'BamlClientHttpError',
      status_code: 404,
    });
    // Not recorded anywhere: the wire form Anthropic documents for a mid-stream error.
    const head = fixture('anthropic-text.sse').split('event: content_block_stop')[0] as string;
    server.respond(
      sse(
        `${head}event: error\ndata: {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}              }\n\n`,
      ),
    );
    const { events, error } = await drain(streamLlm(run(c)));
    expect(text(events)).toBe('- Captain\n- Scoop');
    expect(error).toBeInstanceOf(BamlClientHttpError);
    expect(error).toMatchObject({ status_code: 529 });
    expect((error as Error).message).toContain('Overloaded');
  });
});

describe('google-ai', () => {
  const c: ClientDef = {
    name: 'Gemini',
    provider: 'google-ai',
    options: {
      base_url: { $env: 'BASE' },
      model: 'gemini-2.5-flash',
      api_key: { $env: 'KEY' },
      generationConfig: { temperature: 0 },
    },
  };

  it('builds streamGenerateContent with alt=sse, system_instruction and the key header', async () => {
    const req = await buildRequest(run(c, ROLES_PROMPT), undefined, { stream: true });
    expect(req.url).toBe(`${server.baseUrl}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
    expect(req.body.json()).toEqual({
      generationConfig: { temperature: 0 },
      system_instruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Say this is a test' }] }],
    });
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    expect((await buildRequest(run(c))).url).toBe(
      `${server.baseUrl}/models/gemini-2.5-flash:generateContent`,
    );
  });

  it('streams the recorded CRLF-framed chunks', async () => {
    server.respond(sse(fixture('gemini-text-usage.sse')));
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeUndefined();
    expect(text(events)).toBe(Array.from({ length: 30 }, (_, i) => i + 1).join('\n'));
    expect(end(events)).toMatchObject({
      finishReason: 'STOP',
      model: 'gemini-2.5-flash',
      usage: { inputTokens: 18, outputTokens: 80 },
    });
  });

  it('reports MAX_TOKENS, a blocked prompt and the 429 quota body', async () => {
    server.respond(json(fixture('gemini-max-tokens.nonstream.json')));
    expect(await callLlm(run(c))).toMatchObject({
      text: 'The capital of France is',
      finishReason: 'MAX_TOKENS',
    });
    server.respond(sse(fixture('gemini-prompt-blocked-safety.sse')));
    const blocked = await drain(streamLlm(run(c)));
    expect(end(blocked.events)).toMatchObject({ text: '', finishReason: 'SAFETY' });
    server.respond(json(fixture('gemini-error-429-quota-retryinfo.json'), 429));
    await expect(callLlm(run(c))).rejects.toMatchObject({ status_code: 429, isRetryable: true });
  });
});

describe('openai-responses', () => {
  const c: ClientDef = {
    name: 'Resp',
    provider: 'openai-responses',
    options: { base_url: { $env: 'BASE' }, model: 'gpt-4o-mini', api_key: { $env: 'KEY' } },
  };

  it('builds input items', async () => {
    const req = await buildRequest(run(c, ROLES_PROMPT), undefined, { stream: true });
    expect(req.url).toBe(`${server.baseUrl}/responses`);
    expect(req.body.json()).toEqual({
      model: 'gpt-4o-mini',
      input: [
        { role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'Say this is a test' }] },
      ],
      stream: true,
    });
  });

  it('streams the recorded events', async () => {
    server.respond(sse(fixture('openai-responses-text-usage.sse')));
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeUndefined();
    expect(text(events)).toBe('This is a test.');
    expect(end(events)).toMatchObject({
      finishReason: 'completed',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { inputTokens: 22, outputTokens: 6, cachedInputTokens: 0 },
    });
  });

  it('turns an in-stream error event into a typed error, and maps the recorded 400', async () => {
    server.respond(
      sse(frameChunks(fixture('openai-responses-stream-error-event.chunks.txt'), true)),
    );
    const { error } = await drain(streamLlm(run(c)));
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: 429 });
    expect((error as Error).message).toContain('insufficient_quota');
    server.respond(json(fixture('openai-responses-error-400-model-not-found.json'), 400));
    await expect(callLlm(run(c))).rejects.toMatchObject({ status_code: 400, isRetryable: false });
  });

  it('parses a whole response', async () => {
    server.respond(
      json({
        id: 'resp_1',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        model: 'gpt-4o',
        output: [
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hel' }] },
        ],
        usage: { input_tokens: 2, output_tokens: 1 },
      }),
    );
    expect(await callLlm(run(c))).toMatchObject({ text: 'Hel', finishReason: 'max_output_tokens' });
  });
});

describe('azure-openai', () => {
  const c: ClientDef = {
    name: 'Az',
    provider: 'azure-openai',
    options: { base_url: { $env: 'BASE' }, api_version: '2024-02-01', api_key: { $env: 'KEY' } },
  };

  it('uses api-version and the api-key header', async () => {
    const req = await buildRequest(run(c));
    expect(req.url).toBe(`${server.baseUrl}/chat/completions?api-version=2024-02-01`);
    expect(req.headers['api-key']).toBe(KEY);
    const byResource = await buildRequest(
      run({
        ...c,
        options: { resource_name: 'res', deployment_id: 'dep', api_version: 'v1', api_key: 'k' },
      }),
    );
    expect(byResource.url).toBe(
      'https://res.openai.azure.com/openai/deployments/dep/chat/completions?api-version=v1',
    );
  });

  it('streams the recorded 2024 response (content-filter preamble) and maps the 404 body', async () => {
    server.respond(sse(fixture('azure-chat-text-2024.sse')));
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeUndefined();
    expect(text(events)).toBe(
      'Why did the Opentelemetry developer bring a ladder to the coding competition? \n\nBecause they wanted to reach new traces!',
    );
    expect(end(events)).toMatchObject({ finishReason: 'stop', model: 'gpt-35-turbo' });
    server.respond(json(fixture('azure-error-404-deployment-not-found.json'), 404));
    await expect(callLlm(run(c))).rejects.toMatchObject({ status_code: 404 });
  });
});

describe('openai', () => {
  it('defaults base_url and OPENAI_API_KEY, asks for usage when streaming', async () => {
    const c: ClientDef = { name: 'O', provider: 'openai', options: { model: 'gpt-4o' } };
    const req = await buildRequest(run(c, '{{ input }}', { OPENAI_API_KEY: 'sk-env' }), undefined, {
      stream: true,
    });
    expect(req.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-env');
    expect(req.body.json()).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'system', content: [{ type: 'text', text: 'Say this is a test' }] }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends media as content parts and puts allowed role metadata in each part', async () => {
    const c: ClientDef = {
      name: 'O',
      provider: 'openai',
      options: { model: 'gpt-4o', api_key: 'k', allowed_role_metadata: ['name'] },
    };
    const program = callProgram(
      [c],
      [],
      '{{ _.role("user", name="ann", secret="no") }}Look {{ img }}',
    );
    program.functions.Extract!.params.push({ name: 'img', type: { kind: 'media', name: 'image' } });
    const req = await buildRequest({
      program,
      functionName: 'Extract',
      clientName: 'O',
      env: {},
      args: { input: '', img: { url: 'https://x/y.png' } },
    });
    expect((req.body.json() as { messages: unknown }).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look', name: 'ann' },
          { type: 'image_url', image_url: { url: 'https://x/y.png' }, name: 'ann' },
        ],
      },
    ]);
  });
});

describe('client options shared by providers', () => {
  it('remap_roles renames roles on the way out', async () => {
    const c: ClientDef = {
      name: 'G',
      provider: 'openai-generic',
      options: { base_url: 'http://x', remap_roles: { system: 'developer' } },
    };
    const req = await buildRequest(run(c));
    expect((req.body.json() as { messages: unknown }).messages).toEqual([
      { role: 'developer', content: 'Say this is a test' },
    ]);
  });

  it('sends roles outside allowed_roles (default system/user/assistant) as the default role', async () => {
    const c: ClientDef = {
      name: 'G',
      provider: 'openai-generic',
      options: { base_url: 'http://x' },
    };
    const req = await buildRequest(run(c, '{{ _.role("tool") }}a{{ _.role("assistant") }}b'));
    expect((req.body.json() as { messages: unknown }).messages).toEqual([
      { role: 'system', content: 'a' },
      { role: 'assistant', content: 'b' },
    ]);
  });

  it('supports_streaming false calls without streaming and delivers one delta', async () => {
    const c: ClientDef = {
      name: 'G',
      provider: 'openai-generic',
      options: { base_url: { $env: 'BASE' }, supports_streaming: false },
    };
    server.respond(
      json({ model: 'm', choices: [{ message: { content: 'whole' }, finish_reason: 'stop' }] }),
    );
    const { events, error } = await drain(streamLlm(run(c)));
    expect(error).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['start', 'delta', 'end']);
    expect(text(events)).toBe('whole');
    expect(server.requests[0]?.body.stream).toBeUndefined();
  });
});
