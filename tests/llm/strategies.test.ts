// retry_policy, fallback, round-robin and the shorthand, against a loopback server that fails on cue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDef, RetryPolicyDef } from '../../src/ir/types.js';
import {
  BamlClientFinishReasonError,
  BamlClientHttpError,
} from '../../src/runtime/errors/index.js';
import {
  buildRequest,
  callLlm,
  type LlmStreamEvent,
  resetRoundRobin,
  retryDelay,
  streamLlm,
} from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import { type Handler, json, type LoopbackServer, sse, startLoopback } from './loopback-server.js';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  resetRoundRobin();
});

const leaf = (name: string, extra: Partial<ClientDef> = {}): ClientDef => ({
  name,
  provider: 'openai-generic',
  options: { base_url: { $env: 'BASE' }, model: name.toLowerCase(), api_key: 'sk-very-secret' },
  ...extra,
});
const ok = (text: string, finish = 'stop'): Handler =>
  json({
    model: 'm',
    choices: [{ message: { content: text }, finish_reason: finish }],
    usage: { prompt_tokens: 1, completion_tokens: 1 },
  });
const fail = (status: number): Handler =>
  json({ error: { message: `fake ${status}`, type: 'fake', code: status } }, status);
const streamOk = (text: string): Handler =>
  sse(
    `data: {"model":"m","choices":[{"delta":{"content":${JSON.stringify(text)}},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`,
  );

const constant: RetryPolicyDef = {
  name: 'Constant',
  maxRetries: 2,
  strategy: { type: 'constant_delay', delayMs: 30 },
};
const expo: RetryPolicyDef = {
  name: 'Expo',
  maxRetries: 3,
  strategy: { type: 'exponential_backoff', delayMs: 10, multiplier: 2, maxDelayMs: 25 },
};

function opts(clients: ClientDef[], entry: string, policies: RetryPolicyDef[] = []) {
  return callOptions(callProgram(clients, policies), entry, { env: { BASE: server.baseUrl } });
}
const models = () => server.requests.map((r) => r.body.model);

describe('retry_policy', () => {
  it('computes constant and exponential delays (capped)', () => {
    expect([1, 2].map((i) => retryDelay(constant, i))).toEqual([30, 30]);
    expect([1, 2, 3].map((i) => retryDelay(expo, i))).toEqual([10, 20, 25]);
  });

  it('retries 429 and 5xx with the policy delays, then succeeds', async () => {
    server.respond(fail(429), fail(503), ok('done'));
    const started = Date.now();
    const result = await callLlm(opts([leaf('A', { retryPolicy: 'Constant' })], 'A', [constant]));
    expect(result.text).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(
      result.attempts.map((a) => [a.attempt, a.clientName, a.status, a.delayMs, a.ok]),
    ).toEqual([
      [1, 'A', 429, 0, false],
      [2, 'A', 503, 30, false],
      [3, 'A', 200, 30, true],
    ]);
  });

  it('gives up after max_retries with every attempt in detailed_message', async () => {
    server.respond(fail(500));
    const error = await callLlm(opts([leaf('A', { retryPolicy: 'Expo' })], 'A', [expo])).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BamlClientHttpError);
    expect(error.status_code).toBe(500);
    expect(server.requests).toHaveLength(4);
    const lines = (error.detailed_message as string)
      .split('\n')
      .filter((l: string) => l.startsWith('Attempt '));
    expect(lines).toHaveLength(4);
    expect(lines.map((l: string) => /status=(\d+) delay=(\d+)ms/.exec(l)?.slice(1))).toEqual([
      ['500', '0'],
      ['500', '10'],
      ['500', '20'],
      ['500', '25'],
    ]);
    expect(error.detailed_message).not.toContain('sk-very-secret');
  });

  it('does not retry a 401', async () => {
    server.respond(fail(401));
    await expect(
      callLlm(opts([leaf('A', { retryPolicy: 'Constant' })], 'A', [constant])),
    ).rejects.toMatchObject({ status_code: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it('restarts a stream with a new start event after a failed attempt', async () => {
    server.respond(fail(429), streamOk('hello'));
    const { events, error } = await drain(
      streamLlm(opts([leaf('A', { retryPolicy: 'Constant' })], 'A', [constant])),
    );
    expect(error).toBeUndefined();
    expect(events.map((e: LlmStreamEvent) => e.type)).toEqual(['start', 'start', 'delta', 'end']);
    expect(events[1]).toMatchObject({ attempt: 2 });
  });
});

describe('fallback', () => {
  const clients = [
    leaf('A'),
    leaf('B'),
    leaf('C'),
    { name: 'Inner', provider: 'fallback', options: { strategy: ['B', 'C'] } },
    { name: 'Outer', provider: 'fallback', options: { strategy: ['A', 'Inner'] } },
  ];

  it('walks nested fallbacks in order and records each attempt', async () => {
    server.respond(fail(500), fail(401), ok('from C'));
    const result = await callLlm(opts(clients, 'Outer'));
    expect(result).toMatchObject({ text: 'from C', clientName: 'C' });
    expect(models()).toEqual(['a', 'b', 'c']);
    expect(result.attempts.map((a) => `${a.clientName}:${a.status}`)).toEqual([
      'A:500',
      'B:401',
      'C:200',
    ]);
  });

  it('throws the last error with the whole history', async () => {
    server.respond(fail(500), fail(429), fail(401));
    const error = await callLlm(opts(clients, 'Outer')).catch((e) => e);
    expect(error).toMatchObject({ status_code: 401, client_name: 'C' });
    expect(error.detailed_message).toMatch(
      /Attempt 1: client=A .*status=500[\s\S]*Attempt 2: client=B .*status=429[\s\S]*Attempt 3: client=C .*status=401/,
    );
  });

  it('a retry policy on a fallback repeats the whole chain', async () => {
    const withRetry = clients.map((c) =>
      c.name === 'Outer' ? { ...c, retryPolicy: 'Constant' } : c,
    );
    server.respond(fail(500), fail(500), fail(500), ok('second round'));
    const result = await callLlm(opts(withRetry, 'Outer', [constant]));
    expect(models()).toEqual(['a', 'b', 'c', 'a']);
    expect(result.attempts.at(-1)).toMatchObject({ clientName: 'A', delayMs: 30, ok: true });
  });

  it('stops on a disallowed finish reason (no fallback, no retry)', async () => {
    const strict = [
      leaf('A', { options: { ...leaf('A').options, finish_reason_allow_list: ['stop'] } }),
      leaf('B'),
      { name: 'F', provider: 'fallback', options: { strategy: ['A', 'B'] } },
    ];
    server.respond(ok('cut', 'length'), ok('never'));
    await expect(callLlm(opts(strict, 'F'))).rejects.toBeInstanceOf(BamlClientFinishReasonError);
    expect(models()).toEqual(['a']);
  });
});

describe('faults under strategies', () => {
  it('falls back when a stream is cut mid-way, and a start event tells the consumer to reset', async () => {
    const body =
      'data: {"model":"m","choices":[{"delta":{"content":"par"}}]}\n\ndata: {"model":"m","choices":[{"delta":{"content":"tial"}}]}\n\n';
    server.respond(sse(body, { cutAfter: body.length - 3 }), streamOk('complete'));
    const clients = [
      leaf('A'),
      leaf('B'),
      { name: 'F', provider: 'fallback', options: { strategy: ['A', 'B'] } },
    ];
    const { events, error } = await drain(streamLlm(opts(clients, 'F')));
    expect(error).toBeUndefined();
    expect(
      events.map((e) =>
        e.type === 'delta' ? e.text : e.type === 'start' ? `start:${e.clientName}` : e.type,
      ),
    ).toEqual(['start:A', 'par', 'start:B', 'complete', 'end']);
    const end = events.at(-1);
    expect(
      end?.type === 'end' && end.result.attempts.map((a) => [a.clientName, a.errorName ?? 'ok']),
    ).toEqual([
      ['A', 'BamlStreamInterruptedError'],
      ['B', 'ok'],
    ]);
  });

  it('retries a timeout (408) per policy', async () => {
    const slow: Handler = (_req, res) => {
      setTimeout(() => res.destroyed || res.end(), 1_000);
    };
    server.respond(slow, ok('in time'));
    const a = leaf('A', {
      retryPolicy: 'Constant',
      options: { ...leaf('A').options, http: { request_timeout_ms: 40 } },
    });
    const result = await callLlm(opts([a], 'A', [constant]));
    expect(result.text).toBe('in time');
    expect(result.attempts.map((x) => [x.status, x.errorName ?? 'ok'])).toEqual([
      [408, 'BamlTimeoutError'],
      [200, 'ok'],
    ]);
  });
});

describe('round-robin', () => {
  const clients = [
    leaf('A'),
    leaf('B'),
    leaf('C'),
    { name: 'RR', provider: 'round-robin', options: { strategy: ['A', 'B', 'C'], start: 1 } },
  ];

  it('rotates per call from start', async () => {
    server.respond(ok('x'));
    for (let i = 0; i < 4; i++) await callLlm(opts(clients, 'RR'));
    expect(models()).toEqual(['b', 'c', 'a', 'b']);
  });

  it('builds the request for the start client', async () => {
    const req = await buildRequest(opts(clients, 'RR'));
    expect((req.body.json() as { model: string }).model).toBe('b');
  });
});

describe('client selection', () => {
  it('resolves the provider/model shorthand with the provider key from env', async () => {
    const req = await buildRequest({
      ...opts([leaf('A')], 'openai/gpt-4o-mini'),
      env: { OPENAI_API_KEY: 'sk-env' },
    });
    expect(req.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(req.body.json()).toMatchObject({ model: 'gpt-4o-mini' });
    expect(req.headers.authorization).toBe('Bearer sk-env');
  });

  it('lets a registry client shadow the program and render with its own ctx.client', async () => {
    const program = callProgram(
      [leaf('A')],
      [],
      '{{ ctx.client.name }}/{{ ctx.client.provider }}: {{ input }}',
    );
    const registry = {
      clients: { A: { ...leaf('A'), options: { ...leaf('A').options, model: 'override' } } },
    };
    const req = await buildRequest({
      program,
      functionName: 'Extract',
      clientName: 'A',
      registry,
      env: { BASE: server.baseUrl },
      args: { input: 'hi' },
    });
    expect(req.body.json()).toMatchObject({
      model: 'override',
      messages: [{ role: 'system', content: 'A/openai-generic: hi' }],
    });
  });

  it('uses the registry primary instead of the function client', async () => {
    const registry = { clients: { B: leaf('B') }, primary: 'B' };
    const req = await buildRequest({ ...opts([leaf('A')], 'A'), registry });
    expect((req.body.json() as { model: string }).model).toBe('b');
    server.respond(ok('from b'));
    expect(await callLlm({ ...opts([leaf('A')], 'A'), registry })).toMatchObject({
      clientName: 'B',
      text: 'from b',
    });
  });

  it('rejects an unknown client', async () => {
    await expect(buildRequest(opts([leaf('A')], 'Nope'))).rejects.toMatchObject({
      name: 'BamlInvalidArgumentError',
    });
  });
});
