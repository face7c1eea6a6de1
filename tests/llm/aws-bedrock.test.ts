// aws-bedrock against a loopback server replaying a real Converse / ConverseStream recording
// (tests/llm/__fixtures__/bedrock*, see bedrock.meta.json): the event-stream framing split at
// every byte boundary, SigV4 signing, usage, stop reasons, HTTP and in-stream errors.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientDef, RetryPolicyDef } from '../../src/ir/types.js';
import {
  BamlClientHttpError,
  BamlError,
  BamlTimeoutError,
} from '../../src/runtime/errors/index.js';
import {
  type AwsEventMessage,
  AwsEventStreamDecoder,
  AwsEventStreamError,
  crc32,
} from '../../src/runtime/llm/aws-event-stream.js';
import {
  BamlStreamInterruptedError,
  buildRequest,
  callLlm,
  type LlmStreamEvent,
  streamLlm,
} from '../../src/runtime/llm/index.js';
import { callOptions, callProgram, drain } from './call-program.js';
import { bytes, fixture, fixtureBytes, json, stall } from './loopback-server.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback();

const SECRET = 'bedrock-secret-access-key-123';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const RECORDED_TEXT =
  'The capital of France is Paris. Paris is not only the capital city but also the most populous city in France, and it is a major center for culture, commerce, fashion, and international diplomacy. Known for its historical landmarks, such as the Eiffel Tower, the Louvre Museum, and Notre-Dame Cathedral, Paris is often referred to as "The City of Light" or "The City of Love."';

function client(options: Record<string, unknown> = {}, extra: Partial<ClientDef> = {}): ClientDef {
  return {
    name: 'Bedrock',
    provider: 'aws-bedrock',
    options: {
      endpoint_url: { $env: 'BASE' },
      model: MODEL,
      region: 'us-east-1',
      access_key_id: 'AKIDLOOPBACK',
      secret_access_key: { $env: 'SECRET' },
      ...options,
    } as ClientDef['options'],
    ...extra,
  };
}
function run(c: ClientDef, prompt = '{{ input }}', policies: RetryPolicyDef[] = []) {
  return callOptions(callProgram([c], policies, prompt), c.name, {
    env: { BASE: server.baseUrl, SECRET },
  });
}
const text = (events: LlmStreamEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');

/** One event-stream message (for cases no recording covers: an in-stream exception). */
function frame(headers: Record<string, string>, payload: string): Uint8Array {
  const enc = new TextEncoder();
  const h: number[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = enc.encode(name);
    const v = enc.encode(value);
    h.push(n.length, ...n, 7, v.length >> 8, v.length & 0xff, ...v);
  }
  const p = enc.encode(payload);
  const total = 12 + h.length + p.length + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, h.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(h, 12);
  out.set(p, 12 + h.length);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

describe('AWS event-stream framing', () => {
  const recorded = fixtureBytes('bedrock-converse-stream.bin');
  const whole = new AwsEventStreamDecoder().push(recorded);

  it('decodes the recorded ConverseStream body', () => {
    expect(whole.map((m) => m.headers[':event-type'])).toEqual([
      'messageStart',
      ...Array(whole.length - 4).fill('contentBlockDelta'),
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(JSON.parse(new TextDecoder().decode(whole.at(-1)?.payload)).usage).toMatchObject({
      inputTokens: 13,
      outputTokens: 82,
    });
  });

  it('gives the same messages however the bytes are split', async () => {
    const utf8 = new TextDecoder();
    const show = (ms: AwsEventMessage[]) =>
      ms.map((m) => `${String(m.headers[':event-type'])}|${utf8.decode(m.payload)}`).join('\n');
    const expected = show(whole);
    for (let cut = 0; cut <= recorded.length; cut++) {
      const d = new AwsEventStreamDecoder();
      const got = [...d.push(recorded.subarray(0, cut)), ...d.push(recorded.subarray(cut))];
      if (show(got) !== expected) expect(show(got), `split at byte ${cut}`).toBe(expected);
      expect(d.pending).toBe(false);
      // Let the test runner's own messages through on a busy machine.
      if (cut % 512 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    const d = new AwsEventStreamDecoder();
    const oneByOne = Array.from(recorded, (_, i) => d.push(recorded.subarray(i, i + 1))).flat();
    expect(show(oneByOne)).toBe(expected);
  });

  it('refuses a corrupted message', () => {
    const bad = recorded.slice();
    bad[40] = (bad[40] as number) ^ 0xff;
    expect(() => new AwsEventStreamDecoder().push(bad)).toThrow(AwsEventStreamError);
  });
});

describe('aws-bedrock requests', () => {
  it('builds the Converse request BAML shows, unsigned, with inference settings', async () => {
    const req = await buildRequest(
      run(
        client({
          inference_configuration: { max_tokens: 100, temperature: 0.5, stop_sequences: ['END'] },
          additional_model_request_fields: { top_k: 5 },
        }),
        '{{ _.role("system") }}Be brief.{{ _.role("user") }}{{ input }}',
      ),
    );
    expect(req.url).toBe(
      `${server.baseUrl}/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`,
    );
    expect(req.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(req.body.json()).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Say this is a test' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 100, temperature: 0.5, stopSequences: ['END'] },
      additionalModelRequestFields: { top_k: 5 },
    });
    expect(String(req)).not.toContain(SECRET);
  });

  it('refuses b.streamRequest like BAML, and needs a region', async () => {
    const e = await buildRequest(run(client()), undefined, { stream: true }).catch((x) => x);
    expect(e).toBeInstanceOf(BamlError);
    expect(e.message).toContain('AWS Bedrock modular streaming is not supported');
    const noRegion = await buildRequest(run(client({ region: null, endpoint_url: null }))).catch(
      (x) => x,
    );
    expect(noRegion.message).toContain('AWS region is required');
  });

  it('signs real calls with SigV4 and reads the recorded answer', async () => {
    server.respond(json(fixture('bedrock-converse.json')));
    const result = await callLlm(run(client({ session_token: 'session-tok' })));
    expect(result.text).toMatch(/^Hello! How can I assist you today\?/);
    expect(result.finishReason).toBe('end_turn');
    expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 30 });
    const sent = server.requests[0];
    expect(sent?.url).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLOOPBACK\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(sent?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(sent?.headers['x-amz-security-token']).toBe('session-tok');
    expect(JSON.stringify(sent?.headers)).not.toContain(SECRET);
    // The request the collector sees is the unsigned one.
    expect(result.request.headers.authorization).toBeUndefined();
  });

  it('takes credentials and region from AWS_* variables', async () => {
    server.respond(json(fixture('bedrock-converse.json')));
    const c = client({ access_key_id: null, secret_access_key: null, region: null });
    const call = run(c);
    call.env = {
      ...call.env,
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_REGION: 'eu-west-3',
    };
    await callLlm(call);
    expect(server.requests[0]?.headers.authorization).toContain('AKIDENV/');
    expect(server.requests[0]?.headers.authorization).toContain('/eu-west-3/bedrock/');
    // Nothing else in the chain applies: no home directory, no role, IMDS off (no network).
    call.env = { BASE: server.baseUrl, AWS_REGION: 'eu-west-3', AWS_EC2_METADATA_DISABLED: 'true' };
    const missing = await callLlm(call).catch((x) => x);
    expect(missing).toBeInstanceOf(BamlError);
    expect(missing.message).toContain('no AWS credentials');
  });

  it("signs with a profile's keys and region from the shared files", async () => {
    const home = mkdtempSync(join(tmpdir(), 'tsbaml-bedrock-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws/config'), '[profile bedrock]\nregion = ap-southeast-2\n');
    writeFileSync(
      join(home, '.aws/credentials'),
      '[bedrock]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret-key\naws_session_token = profile-session\n',
    );
    server.respond(json(fixture('bedrock-converse.json')));
    const c = client({
      access_key_id: null,
      secret_access_key: null,
      region: null,
      profile: 'bedrock',
    });
    const call = run(c);
    call.env = { ...call.env, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
    const result = await callLlm(call);
    expect(result.text).toMatch(/^Hello!/);
    const sent = server.requests[0];
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDPROFILE\/\d{8}\/ap-southeast-2\/bedrock\/aws4_request, /,
    );
    expect(sent?.headers['x-amz-security-token']).toBe('profile-session');
    expect(JSON.stringify(sent?.headers)).not.toContain('profile-secret-key');
    // Without endpoint_url the URL takes the profile's region too; b.request, like BAML's, does not.
    const regional = run(client({ endpoint_url: null, region: null, profile: 'bedrock' }));
    regional.env = call.env;
    const urls: string[] = [];
    regional.fetch = async (url) => {
      urls.push(String(url));
      return new Response(fixture('bedrock-converse.json'), {
        headers: { 'content-type': 'application/json' },
      });
    };
    await callLlm(regional);
    expect(urls).toEqual([
      'https://bedrock-runtime.ap-southeast-2.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
    ]);
    const preview = await buildRequest(regional).catch((x) => x);
    expect(preview.message).toContain('AWS region is required');
  });

  it('streams the recorded ConverseStream body', async () => {
    server.respond(bytes(fixtureBytes('bedrock-converse-stream.bin')));
    const { events, error } = await drain(streamLlm(run(client())));
    expect(error).toBeUndefined();
    expect(server.requests[0]?.url).toMatch(/\/converse-stream$/);
    expect(text(events)).toBe(RECORDED_TEXT);
    const end = events.at(-1);
    if (end?.type !== 'end') throw new Error('no end');
    expect(end.result.finishReason).toBe('end_turn');
    expect(end.result.usage).toMatchObject({ inputTokens: 13, outputTokens: 82 });
    // The raw response of a stream: every event's payload.
    expect((end.result.rawResponse as unknown[]).length).toBe(
      new AwsEventStreamDecoder().push(fixtureBytes('bedrock-converse-stream.bin')).length,
    );
  });

  it('times out a ConverseStream that stops sending', async () => {
    server.respond(stall());
    const { error } = await drain(streamLlm(run(client({ http: { idle_timeout_ms: 50 } }))));
    expect(error).toBeInstanceOf(BamlTimeoutError);
  });

  it('keeps the text of a cut stream', async () => {
    const body = fixtureBytes('bedrock-converse-stream.bin');
    server.respond(bytes(body, { cutAfter: 1200 }));
    const { events, error } = await drain(streamLlm(run(client())));
    expect(error).toBeInstanceOf(BamlStreamInterruptedError);
    expect(RECORDED_TEXT.startsWith(text(events))).toBe(true);
    expect(text(events).length).toBeGreaterThan(0);
    expect((error as BamlStreamInterruptedError).raw_output).toBe(text(events));
  });

  it('maps the recorded 400, retries a 429 and a 500, and an in-stream throttling exception', async () => {
    server.respond(json(fixture('bedrock-error-400-invalid-model.json'), 400));
    const e400 = await callLlm(run(client())).catch((x) => x);
    expect(e400).toBeInstanceOf(BamlClientHttpError);
    expect(e400.status_code).toBe(400);
    expect(e400.message).toContain('The provided model identifier is invalid.');

    const retry: RetryPolicyDef = {
      name: 'R',
      maxRetries: 2,
      strategy: { type: 'constant_delay', delayMs: 1 },
    };
    server.respond(
      json({ message: 'Too many requests' }, 429),
      json({ message: 'boom' }, 500),
      json(fixture('bedrock-converse.json')),
    );
    const ok = await callLlm(run(client({}, { retryPolicy: 'R' }), '{{ input }}', [retry]));
    expect(ok.attempts.map((a) => a.status)).toEqual([429, 500, 200]);

    const start = frame(
      {
        ':event-type': 'messageStart',
        ':content-type': 'application/json',
        ':message-type': 'event',
      },
      '{"role":"assistant"}',
    );
    const delta = frame(
      {
        ':event-type': 'contentBlockDelta',
        ':content-type': 'application/json',
        ':message-type': 'event',
      },
      '{"contentBlockIndex":0,"delta":{"text":"Par"}}',
    );
    const throttled = frame(
      {
        ':exception-type': 'throttlingException',
        ':content-type': 'application/json',
        ':message-type': 'exception',
      },
      '{"message":"Too many tokens, please wait before trying again."}',
    );
    server.respond(bytes(new Uint8Array([...start, ...delta, ...throttled])));
    const { events, error } = await drain(streamLlm(run(client())));
    expect(text(events)).toBe('Par');
    expect(error).toBeInstanceOf(BamlClientHttpError);
    expect((error as BamlClientHttpError).status_code).toBe(429);
    expect((error as Error).message).toContain('Too many tokens');
  });
});
