// `{ tb }` through a generated baml_client end to end (loopback server, real parser and LLM
// layer): every entry point uses the program with the builder's additions, and calls without
// it, or running at the same time, are not affected.
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
  @@dynamic
}

enum Category {
  FOOD
  @@dynamic
}

function ExtractPerson(text: string) -> Person {
  client Fake
  prompt #"
    {{ text }}
    {{ ctx.output_format }}
  "#
}

function Classify(text: string) -> Category {
  client Fake
  prompt #"
    {{ text }}
    {{ ctx.output_format }}
  "#
}
`;

const out = fileURLToPath(new URL('./_output/type-builder/', import.meta.url));
let client: any;
let TypeBuilder: any;
let server: FakeServer;
let env: Record<string, string>;

beforeAll(async () => {
  writeGeneratedClient(SOURCE, out);
  client = await importGenerated(out);
  TypeBuilder = (await importGenerated(out, 'type_builder')).default;
  server = await startFakeServer();
  env = { FAKE_BASE_URL: server.baseUrl };
});
afterAll(() => server.close());

function withAge() {
  const tb = new TypeBuilder();
  tb.Person.addProperty('age', tb.int()).description('in years').alias('years');
  return tb;
}

const ANSWER = '{"name": "Ada", "years": 36}';

describe('{ tb } on every path', () => {
  it('b.Fn: the prompt shows the new field, the answer is parsed into it', async () => {
    server.setScript({ chunks: [ANSWER] });
    expect(await client.b.ExtractPerson('hi', { env, tb: withAge() })).toEqual({
      name: 'Ada',
      age: 36,
    });
    const prompt = server.requests.at(-1)!.body.messages[0].content as string;
    expect(prompt).toContain('// in years\n  years: int,');
    // Without a builder: the schema as declared.
    expect(await client.b.ExtractPerson('hi', { env })).toEqual({ name: 'Ada' });
    expect(server.requests.at(-1)!.body.messages[0].content).not.toContain('years');
  });

  it('b.stream.Fn: partials carry the new field, the final value validates against it', async () => {
    server.setScript({ chunks: ['{"name": "Ada", ', '"years": 3', '6}'], delayMs: 5 });
    const stream = client.b.stream.ExtractPerson('hi', { env, tb: withAge() });
    const partials: unknown[] = [];
    for await (const partial of stream) partials.push(partial);
    expect(partials[0]).toEqual({ name: null, age: null });
    expect(partials.at(-1)).toEqual({ name: 'Ada', age: 36 });
    expect(await stream.getFinalResponse()).toEqual({ name: 'Ada', age: 36 });
  });

  it('b.parse, b.parseStream, b.request, b.streamRequest and withOptions', async () => {
    const tb = withAge();
    expect(client.b.parse.ExtractPerson(ANSWER, { tb })).toEqual({ name: 'Ada', age: 36 });
    expect(client.b.parseStream.ExtractPerson('{"name": "Ada", "years": 3', { tb })).toEqual({
      name: 'Ada',
      age: null,
    });
    for (const request of [
      await client.b.request.ExtractPerson('hi', { env, tb }),
      await client.b.streamRequest.ExtractPerson('hi', { env, tb }),
    ]) {
      expect(request.body.json().messages[0].content).toContain('years: int');
    }
    const configured = client.b.withOptions({ tb });
    expect(configured.parse.ExtractPerson(ANSWER)).toEqual({ name: 'Ada', age: 36 });
    expect(client.b.parse.ExtractPerson(ANSWER)).toEqual({ name: 'Ada' });
  });

  it('a required dynamic field that is missing fails the final validation', () => {
    expect(() => client.b.parse.ExtractPerson('{"name": "Ada"}', { tb: withAge() })).toThrow(
      client.BamlValidationError,
    );
  });

  it('enum values added, aliased and skipped', async () => {
    const tb = new TypeBuilder();
    tb.Category.addValue('TRAVEL').alias('trip');
    tb.Category.value('FOOD').skip();
    expect(client.b.parse.Classify('trip', { tb })).toBe('TRAVEL');
    expect(() => client.b.parse.Classify('FOOD', { tb })).toThrow();
    expect(client.b.parse.Classify('FOOD')).toBe('FOOD');
    const request = await client.b.request.Classify('x', { env, tb });
    expect(request.body.json().messages[0].content).toContain('- trip');
  });

  it('concurrent calls with different builders, and without one, do not see each other', async () => {
    server.setScript({
      chunks: ['{"name": "Ada", ', '"years": 36, ', '"city": "Oslo"}'],
      delayMs: 5,
    });
    const other = new TypeBuilder();
    other.Person.addProperty('city', other.string());
    const [a, b, c] = await Promise.all([
      client.b.ExtractPerson('hi', { env, tb: withAge() }),
      client.b.ExtractPerson('hi', { env, tb: other }),
      client.b.ExtractPerson('hi', { env }),
    ]);
    expect(a).toEqual({ name: 'Ada', age: 36 });
    expect(b).toEqual({ name: 'Ada', city: 'Oslo' });
    expect(c).toEqual({ name: 'Ada' });
  });

  it('a call keeps the types it started with when the builder changes meanwhile', async () => {
    server.setScript({ chunks: ['{"name": "Ada", ', '"years": 36}'], delayMs: 20 });
    const tb = withAge();
    const stream = client.b.stream.ExtractPerson('hi', { env, tb });
    tb.Person.removeProperty('age');
    expect(await stream.getFinalResponse()).toEqual({ name: 'Ada', age: 36 });
    expect(client.b.parse.ExtractPerson(ANSWER, { tb })).toEqual({ name: 'Ada' });
  });

  it('a builder whose construction failed is reported, and a foreign tb is rejected', async () => {
    const tb = new TypeBuilder();
    expect(() => tb.addBaml('dynamic class Nope {\n  x int\n}')).toThrow(/Nope/);
    await expect(client.b.ExtractPerson('hi', { env, tb: { Person: {} } })).rejects.toThrow(
      client.BamlError,
    );
  });
});
