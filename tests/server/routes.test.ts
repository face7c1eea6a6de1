import { describe, expect, it } from 'vitest';
import {
  BamlClientError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlInvalidArgumentError,
  BamlTimeoutError,
  BamlValidationError,
} from '../../src/runtime/errors/index.js';
import { makeApp, post, receiptFinal } from './fixtures.js';

const ok = () => ({ final: receiptFinal, partials: [] });

describe('debug routes', () => {
  it('/_debug/ping answers pong as text', async () => {
    const { app } = makeApp(ok);
    const response = await app.request('/_debug/ping');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(
      /^pong \(from tsbaml v\d+\.\d+\.\d+, baml 0\.226\.2 API\)\n$/,
    );
  });

  it('/_debug/ping?stream=true is an SSE of numbered pongs', async () => {
    const { app } = makeApp(ok, { pingIntervalMs: 5 });
    const response = await app.request('/_debug/ping?stream=true');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('seq 2')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('data: pong');
    expect(text).toContain(': seq 0\n\n');
  });

  it('/_debug/status reports enforcement', async () => {
    expect(await (await makeApp(ok).app.request('/_debug/status')).json()).toEqual({
      authz: { enforcement: 'none' },
    });
    const { app } = makeApp(ok, { password: 'sk-baml-secret' });
    const pass = await app.request('/_debug/status', {
      headers: { 'x-baml-api-key': 'sk-baml-secret' },
    });
    expect(pass.status).toBe(200);
    expect(await pass.json()).toEqual({ authz: { enforcement: 'active', outcome: 'pass' } });
    const fail = await app.request('/_debug/status');
    expect(fail.status).toBe(403);
    expect(await fail.json()).toEqual({
      authz: { enforcement: 'active', outcome: 'fail', reason: 'No authorization metadata' },
    });
  });
});

describe('auth (BAML_PASSWORD)', () => {
  const password = 'sk-baml-secret';
  const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;

  it('is off without a password', async () => {
    const { app } = makeApp(ok);
    expect((await post(app, '/call/Extract', { text: 'x' })).status).toBe(200);
  });

  it.each([
    [{}, 'No authorization metadata'],
    [{ 'x-baml-api-key': 'wrong' }, 'Incorrect x-baml-api-key'],
    [{ authorization: basic('me', 'wrong') }, 'Incorrect password provided in basic auth'],
    [{ authorization: 'Basic !!!not-base64' }, 'Incorrect password provided in basic auth'],
  ])('refuses %o with 403 text/plain', async (headers, reason) => {
    const { app, calls } = makeApp(ok, { password });
    const response = await post(
      app,
      '/call/Extract',
      { text: 'x' },
      headers as Record<string, string>,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(reason);
    expect(calls).toHaveLength(0);
  });

  it('accepts x-baml-api-key or basic auth with any user name', async () => {
    const { app } = makeApp(ok, { password });
    expect(
      (await post(app, '/call/Extract', { text: 'x' }, { 'x-baml-api-key': password })).status,
    ).toBe(200);
    expect(
      (
        await post(
          app,
          '/call/Extract',
          { text: 'x' },
          { authorization: basic('anyone', password) },
        )
      ).status,
    ).toBe(200);
    expect(
      (await post(app, '/stream/Extract', { text: 'x' }, { authorization: basic('', password) }))
        .status,
    ).toBe(200);
  });

  it('guards /openapi.json, /docs and ping?stream=true, but not the bare ping', async () => {
    const { app } = makeApp(ok, { password });
    expect((await app.request('/openapi.json')).status).toBe(403);
    expect((await app.request('/docs')).status).toBe(403);
    expect((await app.request('/_debug/ping?stream=true')).status).toBe(403);
    expect((await app.request('/_debug/ping')).status).toBe(200);
  });
});

describe('POST /call/{fn}', () => {
  it('returns the final value as pretty JSON with a trailing newline', async () => {
    const { app, calls } = makeApp(ok);
    const response = await post(app, '/call/Extract', { text: 'a receipt' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(`${JSON.stringify(receiptFinal, null, 2)}\n`);
    expect(calls[0]?.args).toEqual({ text: 'a receipt' });
  });

  it('passes __baml_options__: env overrides over the server env (null unsets) and the client registry', async () => {
    const { app, calls } = makeApp(ok);
    const clients = [
      { name: 'Mine', provider: 'openai', options: { model: 'gpt-4o' }, retry_policy: 'Twice' },
    ];
    await post(app, '/call/Extract', {
      text: 'x',
      hint: null,
      __baml_options__: {
        env: { EXTRA: 'y', SECRET: null },
        client_registry: { clients, primary: 'Mine' },
      },
    });
    const options = calls[0]!.options;
    expect(options.env).toEqual({ BASE: '1', EXTRA: 'y' });
    expect(options.clientRegistry).toEqual({ clients, primary: 'Mine' });
    expect(calls[0]!.args).toEqual({ text: 'x', hint: null });
    expect(options.signal.aborted).toBe(false);
  });
});

describe('error bodies', () => {
  const expectError = async (
    response: Response,
    status: number,
    error: string,
    fields: Record<string, unknown> = {},
  ) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body).toMatchObject({
      error,
      documentation_url: 'https://docs.boundaryml.com/get-started/debugging/exception-handling',
      ...fields,
    });
    expect(typeof body.message).toBe('string');
    return body;
  };

  it('malformed JSON → 400 invalid_argument', async () => {
    const { app } = makeApp(ok);
    const body = await expectError(
      await post(app, '/call/Extract', '{"text": '),
      400,
      'invalid_argument',
    );
    expect(body.message).toMatch(/not valid JSON/);
  });

  it("a body that is not an object → 400 with BAML's message", async () => {
    const { app } = makeApp(ok);
    await expectError(await post(app, '/call/Extract', '[1,2]'), 400, 'invalid_argument', {
      message:
        'POST data must be a JSON map of the arguments for BAML function Extract, from arg name to value',
    });
  });

  it('missing and unknown arguments → 400', async () => {
    const { app, calls } = makeApp(ok);
    const missing = await expectError(
      await post(app, '/call/Extract', { hint: 'x' }),
      400,
      'invalid_argument',
    );
    expect(missing.message).toContain('Missing required parameter: text');
    const unknown = await expectError(
      await post(app, '/stream/Extract', { text: 'x', txet: 'y' }),
      400,
      'invalid_argument',
    );
    expect(unknown.message).toContain("'txet'");
    expect(calls).toHaveLength(0);
  });

  it('bad __baml_options__ → 400', async () => {
    const { app } = makeApp(ok);
    for (const options of [
      'nope',
      { env: { A: 1 } },
      { client_registry: { clients: [{ provider: 'openai' }] } },
      { client_registry: { clients: 'x' } },
      { clent_registry: {} },
    ]) {
      await expectError(
        await post(app, '/call/Extract', { text: 'x', __baml_options__: options }),
        400,
        'invalid_argument',
      );
    }
  });

  it('unknown function → 404 function_not_found listing the functions (BAML: 500)', async () => {
    const { app } = makeApp(ok);
    const body = await expectError(
      await post(app, '/call/Nope', { text: 'x' }),
      404,
      'function_not_found',
    );
    expect(body.message).toContain('Available functions: Extract, Stateful');
    await expectError(await post(app, '/stream/Nope', {}), 404, 'function_not_found');
    await expectError(await post(app, '/call/toString', {}), 404, 'function_not_found');
  });

  it('oversized body → 413, by Content-Length and while streaming a chunked body', async () => {
    const { app, calls } = makeApp(ok, { maxBodyBytes: 64 });
    await expectError(
      await post(app, '/call/Extract', { text: 'x'.repeat(100) }),
      413,
      'payload_too_large',
    );
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++)
          controller.enqueue(new TextEncoder().encode('{"text":"xxxxxxxxxx"}'));
        controller.close();
      },
    });
    const response = await app.request('/call/Extract', {
      method: 'POST',
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectError(response, 413, 'payload_too_large');
    expect(calls).toHaveLength(0);
  });

  it('unknown route → 404 JSON', async () => {
    const { app } = makeApp(ok);
    await expectError(await app.request('/call/Extract'), 404, 'not_found');
    await expectError(await app.request('/nothing'), 404, 'not_found');
  });

  it.each([
    [
      'argument error from the runtime',
      new BamlInvalidArgumentError('Extract: text: expected a string'),
      400,
      'invalid_argument',
      {},
    ],
    [
      'validation failure',
      new BamlValidationError('the prompt', 'the raw output', 'Failed to parse'),
      500,
      'validation_failure',
      { prompt: 'the prompt', raw_output: 'the raw output' },
    ],
    [
      'finish reason',
      new BamlClientFinishReasonError('p', 'r', 'length not allowed', 'length'),
      500,
      'finish_reason_error',
      { prompt: 'p', raw_output: 'r', finish_reason: 'length' },
    ],
    [
      'provider HTTP 429',
      new BamlClientHttpError('Fake', 429, 'rate limited'),
      429,
      'client_http_error',
      { client_name: 'Fake', status_code: 429 },
    ],
    [
      'timeout',
      new BamlTimeoutError('Fake', 'too slow'),
      408,
      'client_http_error',
      { status_code: 408 },
    ],
    [
      'provider unreachable',
      new BamlClientHttpError('Fake', 0, 'connection refused'),
      502,
      'client_http_error',
      { status_code: 0 },
    ],
    ['other client error', new BamlClientError('no route to model'), 502, 'client_error', {}],
    ['anything else', new TypeError('boom'), 500, 'internal_error', { message: 'boom' }],
  ])(
    '%s → status and kind on /call and before a /stream starts',
    async (_, error, status, kind, fields) => {
      const { app } = makeApp(() => ({ errorFirst: error }));
      await expectError(await post(app, '/call/Extract', { text: 'x' }), status, kind, fields);
      await expectError(await post(app, '/stream/Extract', { text: 'x' }), status, kind, fields);
    },
  );
});

describe('/openapi.json and /docs', () => {
  it('describes call and stream routes, request bodies and partial types', async () => {
    const { app } = makeApp(ok);
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.paths['/call/Extract'].post.operationId).toBe('Extract');
    expect(
      doc.paths['/call/Extract'].post.responses['200'].content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/Receipt' });
    expect(doc.paths['/stream/Extract'].post.responses['200'].content).toHaveProperty(
      'text/event-stream',
    );
    const body = doc.components.requestBodies.Extract.content['application/json'].schema;
    expect(body.required).toEqual(['text']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties).toHaveProperty('__baml_options__');
    expect(doc.components.schemas.Receipt.required).toEqual(['venue', 'items']);
    const partial = doc.components.schemas['partial_types.Receipt'];
    expect(partial.properties.venue).toEqual({ type: 'string', nullable: true });
    expect(partial.properties.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/partial_types.Item' },
    });
    expect(
      doc.components.schemas['partial_types.Note'].properties.body.properties.state.enum,
    ).toEqual(['Pending', 'Incomplete', 'Complete']);
  });

  it('/docs is a Swagger UI page pointing at openapi.json', async () => {
    const { app } = makeApp(ok);
    const response = await app.request('/docs');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('swagger-ui');
    expect(html).toContain("url: 'openapi.json'");
  });
});
