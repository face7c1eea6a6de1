// A generated baml_client end to end: generate it from .baml source, import it (its "tsbaml"
// import resolves to src/runtime through the vitest alias), and drive every entry point against
// the loopback server with the real parser and LLM layer.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startFakeServer } from './support/fake-openai-server.js';
import {
  GENERATOR_AND_FAKE_CLIENT,
  importGenerated,
  writeGeneratedClient,
} from './support/generated-client.js';

const SOURCE = `${GENERATOR_AND_FAKE_CLIENT}
class Person {
  name string
  age int?
  tags string[]
}

function ExtractPerson(text: string) -> Person {
  client Fake
  prompt #"
    {{ _.role("user") }}
    {{ text }}
    {{ ctx.output_format }}
  "#
}

function Echo(text: string) -> string {
  client Fake
  prompt #"{{ text }}"#
}
`;

const out = fileURLToPath(new URL('./_output/generated-client/', import.meta.url));
let client: any;
let server: FakeServer;
let env: Record<string, string>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  writeGeneratedClient(SOURCE, out);
  client = await importGenerated(out);
  server = await startFakeServer();
  env = { FAKE_BASE_URL: server.baseUrl };
});
afterAll(() => server.close());

describe('generated client', () => {
  it('b.Fn returns the parsed value and POSTs the rendered prompt', async () => {
    server.setScript({ chunks: ['{"name": "Ada", "age": 36, "tags": ["x"]}'] });
    const person = await client.b.ExtractPerson('hello', { env });
    expect(person).toEqual({ name: 'Ada', age: 36, tags: ['x'] });
    const body = server.requests.at(-1)!.body;
    expect(body.model).toBe('fake');
    expect(body.messages[0].role).toBe('user');
    expect(body.messages[0].content).toContain('hello');
  });

  it('b.stream.Fn yields partials as they are parsed, then the final value', async () => {
    server.setScript({
      chunks: ['{"name": "A', 'da", "age": 3', '6, "tags": ["x"', ']}'],
      delayMs: 10,
    });
    const stream = client.b.stream.ExtractPerson('hello', { env });
    const partials: unknown[] = [];
    for await (const p of stream) partials.push(p);
    // Chunks that arrive in the same read are coalesced into the newest partial, so only the
    // first (the response has started) and the last are certain; every one is a real state.
    expect(partials[0]).toEqual({ name: null, age: null, tags: [] });
    expect(partials.at(-1)).toEqual({ name: 'Ada', age: 36, tags: ['x'] });
    for (const p of partials as { name: string | null }[])
      expect('Ada'.startsWith(p.name ?? '')).toBe(true);
    expect(await stream.getFinalResponse()).toEqual({ name: 'Ada', age: 36, tags: ['x'] });
  });

  it('b.parse and b.parseStream are synchronous', () => {
    expect(client.b.parse.ExtractPerson('{"name": "B", "tags": []}')).toEqual({
      name: 'B',
      age: null,
      tags: [],
    });
    expect(client.b.parseStream.ExtractPerson('{"name": "B')).toEqual({
      name: 'B',
      age: null,
      tags: [],
    });
    expect(() => client.b.parse.ExtractPerson('no json here')).toThrow(client.BamlValidationError);
  });

  it('b.streamRequest.Fn builds the streaming request without sending it', async () => {
    const before = server.requests.length;
    const request = await client.b.streamRequest.ExtractPerson('hi', { env });
    expect(request.url).toBe(`${server.baseUrl}/chat/completions`);
    expect(request.body.json()).toMatchObject({ model: 'fake', stream: true });
    expect(server.requests.length).toBe(before);
  });

  it('a "provider/model" client option builds that client, OpenRouter with its own URL and key', async () => {
    const request = await client.b.request.Echo('a', {
      env: { OPENROUTER_API_KEY: 'or-key' },
      client: 'openrouter/meta-llama/llama-3-8b',
    });
    expect(request.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(request.body.json()).toMatchObject({ model: 'meta-llama/llama-3-8b' });
    expect(request.headers.authorization).toBe('Bearer or-key');
    const openai = await client.b.request.Echo('a', {
      env: { OPENAI_API_KEY: 'sk-env' },
      client: 'openai/gpt-4o-mini',
    });
    expect(openai.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(openai.body.json()).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('withOptions sets defaults that per-call options override key by key', async () => {
    server.setScript({ chunks: ['ok'] });
    const configured = client.b.withOptions({
      env: { FAKE_BASE_URL: 'http://127.0.0.1:9/v1', OTHER: 'x' },
    });
    expect(await configured.Echo('a', { env: { FAKE_BASE_URL: server.baseUrl } })).toBe('ok');
    await expect(configured.Echo('a')).rejects.toBeInstanceOf(client.BamlError);
  });

  it('a missing argument is a BamlInvalidArgumentError', async () => {
    await expect(client.b.ExtractPerson(undefined, { env })).rejects.toBeInstanceOf(
      client.BamlInvalidArgumentError,
    );
  });

  it('a validation failure from a call carries prompt and raw_output', async () => {
    server.setScript({ chunks: ['I cannot help with that.'] });
    const error = await client.b.ExtractPerson('x', { env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.BamlValidationError);
    expect(error.raw_output).toBe('I cannot help with that.');
    expect(error.prompt).toContain('user: x');
  });

  it('an HTTP error is thrown from the iterator and from getFinalResponse', async () => {
    server.setScript({ chunks: [], status: 500 });
    const stream = client.b.stream.Echo('x', { env });
    const thrown = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(client.BamlClientHttpError);
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(client.BamlClientHttpError);
  });

  it('a connection dropped mid-stream is thrown from the iterator at once', async () => {
    server.setScript({
      chunks: ['a', 'b', 'c', 'd'],
      delayMs: (i) => (i === 2 ? 30 : 0),
      dropAfter: 2,
    });
    const stream = client.b.stream.Echo('x', { env });
    const partials: string[] = [];
    let lastAt = 0;
    const thrown = await (async () => {
      for await (const p of stream) {
        partials.push(p);
        lastAt = performance.now();
      }
    })().catch((e: unknown) => e);
    expect(client.isBamlError(thrown)).toBe(true);
    expect(partials).toContain('ab');
    // The drop happens ~30 ms after the last chunk; the error follows it, not a timeout.
    expect(performance.now() - lastAt).toBeLessThan(500);
    await expect(stream.getFinalResponse()).rejects.toBe(thrown);
  });

  it('abort closes the connection long before the stream would end and rejects with BamlAbortError', {
    retry: 2,
  }, async () => {
    server.setScript({ chunks: Array.from({ length: 200 }, () => 'x'), delayMs: 10 });
    const controller = new AbortController();
    const stream = client.b.stream.Echo('x', { env, signal: controller.signal });
    let abortedAt = 0;
    for await (const partial of stream) {
      if (partial.length >= 3 && abortedAt === 0) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    expect(performance.now() - abortedAt).toBeLessThan(500);
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(client.BamlAbortError);
    const log = server.streams.at(-1)!;
    // the script has about 2 s of chunks left: a prompt close is far under that
    for (let i = 0; i < 50 && log.closedAt == null; i++) await sleep(10);
    expect(log.closedAt).not.toBeNull();
    expect(log.closedAt! - abortedAt).toBeLessThan(500);
  });

  it('the sync client parses but says plainly that it cannot call an LLM', () => {
    expect(() => client.BamlSyncClient && new client.BamlSyncClient(null).Echo('x')).toThrow(
      /asynchronous|synchronous/,
    );
  });

  it('exports the error classes and helpers', () => {
    for (const name of [
      'BamlValidationError',
      'BamlClientHttpError',
      'BamlClientFinishReasonError',
      'BamlAbortError',
      'BamlTimeoutError',
      'BamlInvalidArgumentError',
      'isBamlError',
      'toBamlError',
    ]) {
      expect(typeof client[name], name).toBe('function');
    }
    expect(client.isBamlError(new client.BamlAbortError())).toBe(true);
  });
});
