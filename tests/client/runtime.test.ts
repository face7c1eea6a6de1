// The client runtime's orchestration (options, arguments, stream delivery, errors, abort)
// against a loopback OpenAI-compatible server, with the toy engine from support/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Imported past the package entry on purpose: the orchestration runs on the fake engine only.
import { BamlRuntime, ClientRegistry, Collector } from '../../src/runtime/client/index.js';
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlInvalidArgumentError,
  BamlValidationError,
} from '../../src/runtime/errors/index.js';
import { fakeEngine } from './support/fake-engine.js';
import { type FakeServer, startFakeServer } from './support/fake-openai-server.js';
import { program } from './support/programs.js';

let server: FakeServer;
let env: Record<string, string>;
const runtime = new BamlRuntime(program, { engine: fakeEngine });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startFakeServer();
  env = { FAKE_BASE_URL: server.baseUrl };
});
afterAll(() => server.close());

describe('call', () => {
  it('returns the parsed final value and records it in collectors', async () => {
    server.setScript({ chunks: ['{"name": ', '"Ada", "age": 36}'] });
    const collector = new Collector('c');
    const person = await runtime.call(
      'Extract',
      { text: 'x' },
      { env, collector, tags: { t: '1' } },
    );
    expect(person).toEqual({ name: 'Ada', age: 36 });
    expect(collector.last?.rawLlmResponse).toBe('{"name": "Ada", "age": 36}');
    expect(collector.last?.usage.outputTokens).toBe(5);
    expect(collector.last?.tags).toEqual({ t: '1' });
    expect(collector.usage.inputTokens).toBe(3);
    expect(collector.last?.timing.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('rejects missing and mistyped arguments before sending anything', async () => {
    const before = server.requests.length;
    await expect(runtime.call('Describe', {}, { env })).rejects.toBeInstanceOf(
      BamlInvalidArgumentError,
    );
    await expect(runtime.call('Describe', { text: 3 }, { env })).rejects.toThrow(
      /text: expected a string/,
    );
    await expect(runtime.call('Describe', { text: 'a', n: 1.5 }, { env })).rejects.toThrow(
      /n: expected/,
    );
    expect(server.requests.length).toBe(before);
  });

  it('passes optional parameters as null when absent', async () => {
    server.setScript({ chunks: ['ok'] });
    await runtime.call('Describe', { text: 'a' }, { env });
    expect(server.requests.at(-1)?.body.messages[0].content).toBe('{"text":"a","n":null}');
  });

  it('a validation failure carries the prompt and the raw output', async () => {
    server.setScript({ chunks: ['not json'] });
    const error: any = await runtime.call('Extract', { text: 'x' }, { env }).catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlValidationError);
    expect(error.raw_output).toBe('not json');
    expect(error.prompt).toBe('user: {"text":"x"}');
  });

  it('a denied finish reason is a BamlClientFinishReasonError', async () => {
    server.setScript({ chunks: ['{"name": "A"}'], finishReason: 'length' });
    const error: any = await runtime
      .call('Extract', { text: 'x' }, { env, client: 'Strict' })
      .catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlClientFinishReasonError);
    expect(error.finish_reason).toBe('length');
    expect(error.raw_output).toBe('{"name": "A"}');
  });

  it('HTTP errors keep their status', async () => {
    server.setScript({ chunks: [], status: 429 });
    const error: any = await runtime.call('Describe', { text: 'x' }, { env }).catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlClientHttpError);
    expect(error.status_code).toBe(429);
  });

  it('client "provider/model" and clientRegistry pick the client', async () => {
    server.setScript({ chunks: ['ok'] });
    await runtime.call('Describe', { text: 'a' }, { env, client: 'openai/gpt-4o' });
    expect(server.requests.at(-1)?.body.model).toBe('openai/gpt-4o');
    const registry = new ClientRegistry();
    registry.addLlmClient('Mine', 'openai-generic', { model: 'm' });
    registry.setPrimary('Mine');
    await runtime.call('Describe', { text: 'a' }, { env, clientRegistry: registry });
    expect(server.requests.at(-1)?.body.model).toBe('Mine');
    await expect(
      runtime.call('Describe', { text: 'a' }, { env, client: 'Nope' }),
    ).rejects.toBeInstanceOf(BamlInvalidArgumentError);
  });

  it('an already aborted signal rejects without a request', async () => {
    const before = server.requests.length;
    const ctrl = new AbortController();
    ctrl.abort('stop');
    const error: any = await runtime
      .call('Describe', { text: 'a' }, { env, signal: ctrl.signal })
      .catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlAbortError);
    expect(error.reason).toBe('stop');
    expect(server.requests.length).toBe(before);
  });

  it('abortController is accepted as well as signal', async () => {
    server.setScript({ chunks: ['slow'], delayMs: 2000 });
    const abortController = new AbortController();
    const pending = runtime.call(
      'Describe',
      { text: 'a' },
      { env, abortController, onTick: () => {} },
    );
    setTimeout(() => abortController.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(BamlAbortError);
  });
});

describe('stream', () => {
  it('yields the empty partial, one partial per chunk, then the final value', async () => {
    server.setScript({ chunks: ['Hel', 'lo ', 'world'], delayMs: 5 });
    const stream = runtime.stream<string, string>('Describe', { text: 'x' }, { env });
    const partials: string[] = [];
    for await (const p of stream) partials.push(p);
    expect(partials).toEqual(['', 'Hel', 'Hello ', 'Hello world']);
    expect(await stream.getFinalResponse()).toBe('Hello world');
  });

  // Timing assertions: retried, since a loaded CI machine can stall the event loop itself.
  it('delivers each partial as soon as its chunk arrives (no polling tick)', {
    retry: 2,
  }, async () => {
    server.setScript({ chunks: ['a', 'b', 'c', 'd', 'e'], delayMs: 30 });
    const stream = runtime.stream<string, string>('Describe', { text: 'x' }, { env });
    const seen: number[] = [];
    for await (const p of stream) if (p) seen.push(performance.now());
    // Each chunk is its own partial (a 50–100 ms polling loop would merge some of them), and it
    // arrives within a few milliseconds of the server writing it, not on a timer tick.
    expect(seen.length).toBe(5);
    const writes = server.streams.at(-1)!.writes;
    const latencies = seen.map((t, i) => t - writes[i]!).sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(20);
  });

  it('a slow consumer gets the newest partial, never a backlog', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => `${i % 10}`);
    server.setScript({ chunks, delayMs: (i) => (i % 5 === 0 ? 2 : 0) });
    const stream = runtime.stream<string, string>('Describe', { text: 'x' }, { env });
    const partials: string[] = [];
    for await (const p of stream) {
      partials.push(p);
      await sleep(40);
    }
    expect(partials.length).toBeLessThan(20);
    expect(partials.at(-1)).toBe(chunks.join(''));
    for (let i = 1; i < partials.length; i++)
      expect(partials[i]!.length).toBeGreaterThan(partials[i - 1]!.length);
  });

  it('throws from the iterator as soon as the connection fails', async () => {
    server.setScript({
      chunks: ['a', 'b', 'c', 'd'],
      delayMs: (i) => (i === 2 ? 40 : 0),
      dropAfter: 2,
    });
    const stream = runtime.stream<string, string>('Describe', { text: 'x' }, { env });
    const partials: string[] = [];
    const started = performance.now();
    const error = await (async () => {
      for await (const p of stream) partials.push(p);
    })().catch((e: any) => e);
    expect(error).toBeDefined();
    expect(error.name).toMatch(/^Baml/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(partials).toContain('ab');
    await expect(stream.getFinalResponse()).rejects.toBe(error);
  });

  it('HTTP errors are thrown from the iterator and getFinalResponse, typed', async () => {
    server.setScript({ chunks: [], status: 500 });
    const stream = runtime.stream('Describe', { text: 'x' }, { env });
    const error = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlClientHttpError);
    expect(error.status_code).toBe(500);
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(BamlClientHttpError);
  });

  it('a validation failure is thrown after the partials, with raw_output', async () => {
    server.setScript({ chunks: ['{"name": 1', ' oops'] });
    const stream = runtime.stream('Extract', { text: 'x' }, { env });
    const error = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlValidationError);
    expect(error.raw_output).toBe('{"name": 1 oops');
    const final = await stream.getFinalResponse().catch((e: any) => e);
    expect(final).toBe(error);
  });

  it('a denied finish reason: the iterator reports a validation error, the final the finish reason', async () => {
    server.setScript({ chunks: ['{"name": "A"}'], finishReason: 'length' });
    const stream = runtime.stream('Extract', { text: 'x' }, { env, client: 'Strict' });
    const partials: unknown[] = [];
    const error = await (async () => {
      for await (const p of stream) partials.push(p);
    })().catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlValidationError);
    expect(error.cause).toBeInstanceOf(BamlClientFinishReasonError);
    expect(partials).toEqual([{ name: 'A' }]);
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(BamlClientFinishReasonError);
  });

  it('abort closes the HTTP connection long before the stream would end and ends the iterator', {
    retry: 2,
  }, async () => {
    server.setScript({ chunks: Array.from({ length: 100 }, () => 'x'), delayMs: 20 });
    const ctrl = new AbortController();
    const stream = runtime.stream<string, string>(
      'Describe',
      { text: 'x' },
      { env, signal: ctrl.signal },
    );
    const partials: string[] = [];
    let abortedAt = 0;
    for await (const p of stream) {
      partials.push(p);
      if (p.length >= 3 && abortedAt === 0) {
        abortedAt = performance.now();
        ctrl.abort('enough');
      }
    }
    const iteratorEnded = performance.now();
    expect(iteratorEnded - abortedAt).toBeLessThan(500);
    expect(partials.at(-1)!.length).toBeLessThan(6);
    const error = await stream.getFinalResponse().catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlAbortError);
    expect(error.reason).toBe('enough');
    const log = server.streams.at(-1)!;
    // the script has about 2 s of chunks left: a prompt close is far under that
    for (let i = 0; i < 50 && log.closedAt == null; i++) await sleep(10);
    expect(log.closedAt).not.toBeNull();
    expect(log.closedAt! - abortedAt).toBeLessThan(500);
    expect(log.sent).toBeLessThan(10);
  });

  it('argument errors surface from the stream, not from b.stream itself', async () => {
    const stream = runtime.stream('Describe', {}, { env });
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(BamlInvalidArgumentError);
    const iterate = async () => {
      for await (const _ of stream) {
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(BamlInvalidArgumentError);
  });

  it('toStreamable() emits NDJSON partials then the final value', async () => {
    server.setScript({ chunks: ['a', 'b'], delayMs: 5 });
    const stream = runtime.stream('Describe', { text: 'x' }, { env });
    const text = await new Response(stream.toStreamable()).text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual({ final: 'ab' });
    expect(lines.slice(0, -1).map((l) => l.partial)).toEqual(['', 'a', 'ab']);
  });

  it('toStreamable() ends with an error line on failure', async () => {
    server.setScript({ chunks: [], status: 400 });
    const text = await new Response(
      runtime.stream('Describe', { text: 'x' }, { env }).toStreamable(),
    ).text();
    const last = JSON.parse(text.trim().split('\n').at(-1)!);
    expect(typeof last.error).toBe('string');
    expect(JSON.parse(last.error)).toMatchObject({ name: 'BamlClientHttpError', status_code: 400 });
  });

  it('cancelling toStreamable() aborts the LLM call', async () => {
    server.setScript({ chunks: Array.from({ length: 100 }, () => 'x'), delayMs: 20 });
    const stream = runtime.stream('Describe', { text: 'x' }, { env });
    const reader = stream.toStreamable().getReader();
    await reader.read();
    await reader.read();
    await reader.cancel('gone');
    const error: any = await stream.getFinalResponse().catch((e: any) => e);
    expect(error).toBeInstanceOf(BamlAbortError);
    expect(error.reason).toBe('gone');
    await sleep(60);
    expect(server.streams.at(-1)!.closedAt).not.toBeNull();
  });
});

describe('parse', () => {
  it('parse and parseStream are synchronous', () => {
    const value = runtime.parse('Extract', '{"name": "A", "age": null}');
    expect(value).toEqual({ name: 'A', age: null });
    expect(runtime.parseStream('Describe', 'par')).toBe('par');
    expect(() => runtime.parse('Extract', 'nope')).toThrow(BamlValidationError);
    expect(() => runtime.parse('Nope', 'x')).toThrow(BamlInvalidArgumentError);
  });
});

describe('request', () => {
  it('builds the provider request without sending it', async () => {
    const before = server.requests.length;
    const request = await runtime.buildRequest('Describe', { text: 'a' }, { env }, true);
    expect(request.method).toBe('POST');
    expect(request.body.json()).toMatchObject({ stream: true });
    expect(server.requests.length).toBe(before);
  });

  it('call, buildRequest and stream report a failure while preparing as the same BamlError', async () => {
    const broken = { env, clientRegistry: {} as unknown as ClientRegistry };
    const viaCall = await runtime.call('Describe', { text: 'a' }, broken).catch((e: any) => e);
    const viaRequest = await runtime
      .buildRequest('Describe', { text: 'a' }, broken, false)
      .catch((e: any) => e);
    const viaStream: any = await runtime
      .stream('Describe', { text: 'a' }, broken)
      .getFinalResponse()
      .catch((e: any) => e);
    for (const error of [viaCall, viaRequest, viaStream]) {
      expect(BamlError.isInstance(error)).toBe(true);
      expect(error.name).toBe('BamlError');
      expect(error.message).toBe(viaStream.message);
    }
  });
});
