// vertex-ai against loopback fakes of Google's token endpoint and the model endpoint: express
// mode (API key in the URL), service-account JWTs signed with Web Crypto and exchanged for a
// cached token, a token given directly, and the recorded Gemini wire format.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import { BamlClientHttpError, BamlError } from '../../src/runtime/errors/index.js';
import { buildRequest, callLlm, streamLlm } from '../../src/runtime/llm/index.js';
import { clearGoogleTokenCache } from '../../src/runtime/llm/providers/google-auth.js';
import { callOptions, callProgram, drain } from './call-program.js';
import { fixture, type Handler, json, type RecordedRequest, sse } from './loopback-server.js';
import { vertexClient } from './vertex-client.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback(clearGoogleTokenCache);
let keys: CryptoKeyPair;
let pem: string;

beforeAll(async () => {
  keys = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  const b64 = Buffer.from(der).toString('base64');
  pem = `-----BEGIN PRIVATE KEY-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----\n`;
});

const ROLES_PROMPT =
  '{{ _.role("system") }}Be brief.{{ _.role("user") }}Hi{{ _.role("assistant") }}Hello{{ _.role("user") }}{{ input }}';

function serviceAccount(): Record<string, string> {
  return {
    type: 'service_account',
    project_id: 'proj',
    private_key_id: 'kid-1',
    private_key: pem,
    client_email: 'sa@proj.iam.gserviceaccount.com',
    token_uri: `${server.baseUrl}/token`,
  };
}

const client = (options: Record<string, unknown> = {}) => vertexClient(server.baseUrl, options);
function run(c: ClientDef, env: Record<string, string> = {}, prompt = ROLES_PROMPT) {
  return callOptions(callProgram([c], [], prompt), c.name, { env });
}

/** Token endpoint and model endpoint on one loopback server. */
function google(model: Handler, tokenBody: Record<string, unknown> = {}): Handler {
  let issued = 0;
  return (req, res) => {
    if (req.url === '/token') {
      issued++;
      return json({
        access_token: `ya29.token-${issued}`,
        expires_in: 3599,
        token_type: 'Bearer',
        ...tokenBody,
      })(req, res);
    }
    return model(req, res);
  };
}
const tokenRequests = () => server.requests.filter((r) => r.url === '/token');
const modelRequests = () => server.requests.filter((r) => r.url !== '/token');

function base64UrlDecode(part: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

async function verifyJwt(req: RecordedRequest): Promise<Record<string, any>> {
  const form = new URLSearchParams(req.body as string);
  expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  const [h, c, s] = (form.get('assertion') ?? '').split('.') as [string, string, string];
  const valid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    keys.publicKey,
    base64UrlDecode(s),
    new TextEncoder().encode(`${h}.${c}`),
  );
  expect(valid).toBe(true);
  expect(JSON.parse(Buffer.from(base64UrlDecode(h)).toString())).toEqual({
    alg: 'RS256',
    typ: 'JWT',
    kid: 'kid-1',
  });
  return JSON.parse(Buffer.from(base64UrlDecode(c)).toString());
}

describe('vertex-ai', () => {
  it('builds the regional and global URLs; express mode puts the key in the URL only', async () => {
    const express = {
      base_url: null,
      location: 'us-central1',
      project_id: 'p1',
      query_params: { key: 'vk-secret' },
    };
    const req = await buildRequest(run(client(express)), undefined, { stream: true });
    expect(req.url).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=vk-secret',
    );
    expect(req.headers).toEqual({ 'content-type': 'application/json' });
    // Roles are sent as written (no assistant → model renaming, unlike google-ai).
    expect(req.body.json()).toEqual({
      system_instruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'assistant', parts: [{ text: 'Hello' }] },
        { role: 'user', parts: [{ text: 'Say this is a test' }] },
      ],
    });
    expect(JSON.stringify(req.toJSON())).not.toContain('vk-secret');
    const global = await buildRequest(run(client({ ...express, location: 'global' })));
    expect(global.url).toBe(
      'https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-flash:generateContent?key=vk-secret',
    );
  });

  it('signs a JWT with the service account key, exchanges it, and caches the token', async () => {
    server.respond(google(json(JSON.parse(fixture('gemini-max-tokens.nonstream.json')))));
    const call = run(client({ credentials: serviceAccount() }));
    const first = await callLlm(call);
    expect(first.finishReason).toBe('MAX_TOKENS');
    await callLlm(call);
    expect(tokenRequests()).toHaveLength(1);
    const claims = await verifyJwt(tokenRequests()[0] as RecordedRequest);
    expect(claims).toMatchObject({
      iss: 'sa@proj.iam.gserviceaccount.com',
      aud: `${server.baseUrl}/token`,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(modelRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer ya29.token-1',
      'Bearer ya29.token-1',
    ]);
    expect(modelRequests()[0]?.url).toBe(
      '/v1/projects/proj/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    // The token never shows when the request is printed.
    expect(String(first.request)).not.toContain('ya29.token-1');
  });

  it('asks for a new token once the cached one is about to expire', async () => {
    server.respond(
      google(json(JSON.parse(fixture('gemini-max-tokens.nonstream.json'))), { expires_in: 30 }),
    );
    const call = run(client({ credentials: JSON.stringify(serviceAccount()) }));
    await callLlm(call);
    await callLlm(call);
    expect(tokenRequests()).toHaveLength(2);
    expect(modelRequests()[1]?.headers.authorization).toBe('Bearer ya29.token-2');
  });

  it('reads GOOGLE_APPLICATION_CREDENTIALS as JSON text or as a file path', async () => {
    server.respond(google(sse(fixture('gemini-text-usage.sse'))));
    const fromJson = await drain(
      streamLlm(
        run(client({}), { GOOGLE_APPLICATION_CREDENTIALS: JSON.stringify(serviceAccount()) }),
      ),
    );
    expect(fromJson.error).toBeUndefined();
    const path = join(mkdtempSync(join(tmpdir(), 'tsbaml-vertex-')), 'sa.json');
    writeFileSync(path, JSON.stringify({ ...serviceAccount(), private_key_id: 'kid-2' }));
    const fromFile = await drain(
      streamLlm(run(client({}), { GOOGLE_APPLICATION_CREDENTIALS: path })),
    );
    expect(fromFile.error).toBeUndefined();
    const end = fromFile.events.at(-1);
    expect(end?.type === 'end' && end.result.usage.outputTokens).toBeGreaterThan(0);
    expect(tokenRequests()).toHaveLength(2);
    expect(modelRequests()[0]?.url).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  it('builds Claude requests as BAML 0.226.2 does: publishers/google unless base_url says otherwise', async () => {
    const claude = client({
      model: 'claude-sonnet-4-5@20250929',
      base_url: null,
      location: 'us-east5',
      project_id: 'p1',
      authorization: 'tok',
      temperature: 0,
    });
    const streamed = await buildRequest(run(claude), undefined, { stream: true });
    expect(streamed.url).toBe(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/p1/locations/us-east5/publishers/google/models/claude-sonnet-4-5@20250929:streamRawPredict',
    );
    expect(streamed.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer tok',
    });
    // No `model`; the options first, then anthropic_version and max_tokens, then the messages.
    expect(JSON.stringify(streamed.body.json())).toBe(
      JSON.stringify({
        temperature: 0,
        anthropic_version: 'vertex-2023-10-16',
        max_tokens: 4096,
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
          { role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] },
        ],
        stream: true,
      }),
    );
    const whole = await buildRequest(run(claude));
    expect(whole.url).toMatch(/publishers\/google\/models\/claude-sonnet-4-5@20250929:rawPredict$/);
    expect(whole.body.json()).not.toHaveProperty('stream');
    // A user's max_tokens keeps its place; anthropic_version makes any model an Anthropic one.
    const llama = client({
      model: 'some-partner-model',
      anthropic_version: 'vertex-2099-01-01',
      max_tokens: 100,
      authorization: 'tok',
      base_url:
        'https://us-east5-aiplatform.googleapis.com/v1/projects/p1/locations/us-east5/publishers/anthropic/models',
    });
    const partner = await buildRequest(run(llama));
    expect(partner.url).toBe(
      'https://us-east5-aiplatform.googleapis.com/v1/projects/p1/locations/us-east5/publishers/anthropic/models/some-partner-model:rawPredict',
    );
    expect(Object.keys(partner.body.json() as object)).toEqual([
      'max_tokens',
      'anthropic_version',
      'system',
      'messages',
    ]);
    expect(partner.body.json()).toMatchObject({
      anthropic_version: 'vertex-2099-01-01',
      max_tokens: 100,
    });
  });

  it('sends Claude no role metadata, whatever allowed_role_metadata says, like BAML', async () => {
    const prompt = '{{ _.role("user", cache_control={"type": "ephemeral"}) }}{{ input }}';
    const claude = client({ model: 'claude-sonnet-4-5', authorization: 'tok' });
    const withMeta = { ...claude, options: { ...claude.options, allowed_role_metadata: 'all' } };
    const req = await buildRequest(run(withMeta as ClientDef, {}, prompt));
    expect((req.body.json() as { messages: unknown }).messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] },
    ]);
    // The same client with an Anthropic provider would send it: the rule is Vertex's.
    const anthropic = await buildRequest(
      run({ ...withMeta, provider: 'anthropic' } as ClientDef, {}, prompt),
    );
    expect(JSON.stringify(anthropic.body.json())).toContain('"cache_control":{"type":"ephemeral"}');
  });

  it('reads a Claude stream in Anthropic SSE and a whole Claude answer', async () => {
    server.respond(google(sse(fixture('anthropic-text.sse'))));
    const local = client({ model: 'claude-sonnet-4-5', credentials: serviceAccount() });
    const { events, error } = await drain(streamLlm(run(local)));
    expect(error).toBeUndefined();
    const end = events.at(-1);
    expect(end?.type === 'end' && end.result.text).toBe('- Captain\n- Scoop');
    expect(end?.type === 'end' && end.result.finishReason).toBe('end_turn');
    expect(end?.type === 'end' && end.result.usage).toMatchObject({
      inputTokens: 17,
      outputTokens: 10,
    });
    const sent = modelRequests()[0] as RecordedRequest;
    expect(sent.url).toBe(
      '/v1/projects/proj/locations/us-central1/publishers/google/models/claude-sonnet-4-5:streamRawPredict',
    );
    expect(sent.headers.authorization).toBe('Bearer ya29.token-1');
    expect(sent.body).toMatchObject({
      anthropic_version: 'vertex-2023-10-16',
      stream: true,
    });
    server.respond(
      google(
        json({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [{ type: 'text', text: 'Four.' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 9, output_tokens: 3 },
        }),
      ),
    );
    const answer = await callLlm(run(local));
    expect(answer.text).toBe('Four.');
    expect(answer.finishReason).toBe('end_turn');
    expect(modelRequests().at(-1)?.url).toMatch(/claude-sonnet-4-5:rawPredict$/);
  });

  it('uses a token given as authorization as it is', async () => {
    server.respond(google(json(JSON.parse(fixture('gemini-max-tokens.nonstream.json')))));
    await callLlm(run(client({ authorization: 'given-token' })));
    expect(tokenRequests()).toHaveLength(0);
    expect(modelRequests()[0]?.headers.authorization).toBe('Bearer given-token');
  });

  it('refuses bad credentials like BAML: BamlError to b.request, status 2 on a call', async () => {
    const empty = await buildRequest(run(client({ credentials: '{}' }))).catch((e) => e);
    expect(empty).toBeInstanceOf(BamlError);
    expect(empty.message).toContain('missing field `private_key`');
    // Like gcp_auth's ServiceAccountKey, BAML's needs token_uri too.
    const { token_uri: _, ...noUri } = serviceAccount();
    const uriless = await buildRequest(run(client({ credentials: noUri }))).catch((e) => e);
    expect(uriless.message).toContain('missing field `token_uri`');
    const badKey = client({ credentials: { ...serviceAccount(), private_key: 'not a key' } });
    const e = await buildRequest(run(badKey)).catch((x) => x);
    expect(e.message).toBe('no private key found in credentials private key data');
    const onCall = await callLlm(run(badKey)).catch((x) => x);
    expect(onCall).toBeInstanceOf(BamlClientHttpError);
    expect(onCall.status_code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it('reports a token endpoint refusal and a model 429 as typed errors', async () => {
    server.respond((req, res) =>
      req.url === '/token'
        ? json({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, 400)(
            req,
            res,
          )
        : json({}, 500)(req, res),
    );
    const denied = await callLlm(run(client({ credentials: serviceAccount() }))).catch((x) => x);
    expect(denied).toBeInstanceOf(BamlClientHttpError);
    expect(denied.message).toContain('invalid_grant');
    clearGoogleTokenCache();
    server.respond(google(json(JSON.parse(fixture('gemini-error-429-quota-retryinfo.json')), 429)));
    const limited = await callLlm(run(client({ credentials: serviceAccount() }))).catch((x) => x);
    expect(limited.status_code).toBe(429);
  });
});
