// vertex-ai with no credentials named: application default credentials in BAML's order (the
// gcloud ADC file, the metadata server, the gcloud CLI), against a loopback token endpoint and
// metadata server, an ADC file in a temporary HOME and a fake `gcloud` on a temporary PATH.
// Also the project id taken from the credentials, token refresh, and no secret in any error.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import { BamlClientHttpError, BamlError } from '../../src/runtime/errors/index.js';
import { buildRequest, callLlm } from '../../src/runtime/llm/index.js';
import { adcFilePath } from '../../src/runtime/llm/providers/google-adc.js';
import { clearGoogleTokenCache } from '../../src/runtime/llm/providers/google-auth.js';
import { callOptions, callProgram } from './call-program.js';
import { fixture, type Handler, json, type RecordedRequest } from './loopback-server.js';
import { vertexClient } from './vertex-client.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback(clearGoogleTokenCache);
const REFRESH_TOKEN = '1//refresh-secret-do-not-print';
const CLIENT_SECRET = 'd-FL95Q19q7MQmFpd7hHD0Ty';
let closedPort: number;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});

const metadataHost = () => server.baseUrl.replace(/^http:\/\//, '');
const deadMetadata = () => `127.0.0.1:${closedPort}`;

function user(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'authorized_user',
    client_id: '764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com',
    client_secret: CLIENT_SECRET,
    refresh_token: REFRESH_TOKEN,
    quota_project_id: 'adc-proj',
    token_uri: `${server.baseUrl}/user-token`,
    ...extra,
  };
}

/** A HOME whose gcloud config holds `adc` (none when undefined). */
function home(adc?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbaml-adc-'));
  if (adc) {
    mkdirSync(join(dir, '.config', 'gcloud'), { recursive: true });
    writeFileSync(
      join(dir, '.config', 'gcloud', 'application_default_credentials.json'),
      JSON.stringify(adc),
    );
  }
  return dir;
}

/** A PATH holding only a fake `gcloud` that prints `token` and `project` (or fails). */
function gcloudPath(token?: string, project = 'gcloud-proj'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbaml-gcloud-'));
  const script = token
    ? `#!/bin/sh\nif [ "$1 $2" = "auth print-access-token" ]; then echo "${token}"; exit 0; fi\nif [ "$1 $2 $3" = "config get-value project" ]; then echo "${project}"; exit 0; fi\nexit 1\n`
    : '#!/bin/sh\necho "ERROR: (gcloud.auth) You do not currently have an active account" >&2\nexit 1\n';
  writeFileSync(join(dir, 'gcloud'), script);
  chmodSync(join(dir, 'gcloud'), 0o755);
  return dir;
}

interface Env {
  HOME: string;
  GCE_METADATA_HOST: string;
  PATH: string;
  [name: string]: string;
}
function env(over: Partial<Env> = {}): Env {
  return { HOME: home(), GCE_METADATA_HOST: deadMetadata(), PATH: gcloudPath(), ...over };
}

const client = (options: Record<string, unknown> = {}) => vertexClient(server.baseUrl, options);
const located = (extra: Record<string, unknown> = {}) =>
  client({ base_url: null, location: 'us-central1', ...extra });
function run(c: ClientDef, e: Env) {
  return callOptions(callProgram([c], [], '{{ input }}'), c.name, { env: e });
}

/** The user token endpoint, the metadata server and the model endpoint on one server. */
function google(opts: { model?: Handler; noProject?: boolean } = {}): Handler {
  let userTokens = 0;
  let metaTokens = 0;
  const expires_in = 3599;
  const model = opts.model ?? json(JSON.parse(fixture('gemini-max-tokens.nonstream.json')));
  return (req, res) => {
    if (req.url === '/user-token')
      return json({ access_token: `ya29.user-${++userTokens}`, expires_in, token_type: 'Bearer' })(
        req,
        res,
      );
    if (req.url.startsWith('/computeMetadata/')) {
      if (req.headers['metadata-flavor'] !== 'Google') return json({}, 403)(req, res);
      if (req.url === '/computeMetadata/v1/project/project-id') {
        if (opts.noProject) return json({}, 404)(req, res);
        res.writeHead(200, { 'content-type': 'application/text' });
        return void res.end('meta-proj');
      }
      return json({ access_token: `ya29.meta-${++metaTokens}`, expires_in, token_type: 'Bearer' })(
        req,
        res,
      );
    }
    return model(req, res);
  };
}
const requestsTo = (prefix: string) => server.requests.filter((r) => r.url.startsWith(prefix));
const modelRequests = () => requestsTo('/v1/');

describe('vertex-ai application default credentials', () => {
  it('uses the gcloud ADC file first: refresh token exchanged as JSON, project from quota_project_id', async () => {
    server.respond(google());
    const e = env({
      HOME: home(user()),
      GCE_METADATA_HOST: metadataHost(),
      PATH: gcloudPath('ya29.from-gcloud'),
    });
    const req = await buildRequest(run(located(), e));
    expect(req.url).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/adc-proj/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(req.headers.authorization).toBe('Bearer ya29.user-1');
    const [grant] = requestsTo('/user-token') as [RecordedRequest];
    expect(grant.method).toBe('POST');
    expect(grant.headers['content-type']).toBe('application/json');
    expect(grant.body).toEqual({
      client_id: user().client_id,
      client_secret: CLIENT_SECRET,
      grant_type: 'refresh_token',
      refresh_token: REFRESH_TOKEN,
    });
    expect(requestsTo('/computeMetadata/')).toHaveLength(0);
    // The token found while resolving is the one used: no second exchange.
    await callLlm(run(client(), e));
    expect(requestsTo('/user-token')).toHaveLength(1);
    expect(modelRequests()[0]?.headers.authorization).toBe('Bearer ya29.user-1');
    expect(JSON.stringify(req.toJSON())).not.toContain('ya29.user-1');
  });

  it('falls back to the metadata server, then to the gcloud CLI, each giving the project', async () => {
    server.respond(google());
    const meta = await buildRequest(
      run(located(), env({ GCE_METADATA_HOST: metadataHost(), PATH: gcloudPath('ya29.cli') })),
    );
    expect(meta.url).toContain('/projects/meta-proj/');
    expect(meta.headers.authorization).toBe('Bearer ya29.meta-1');
    expect(requestsTo('/computeMetadata/').map((r) => [r.method, r.url])).toEqual([
      ['GET', '/computeMetadata/v1/instance/service-accounts/default/token'],
      ['GET', '/computeMetadata/v1/project/project-id'],
    ]);
    const cli = await buildRequest(run(located(), env({ PATH: gcloudPath('ya29.cli') })));
    expect(cli.url).toContain('/projects/gcloud-proj/');
    expect(cli.headers.authorization).toBe('Bearer ya29.cli');
    // A metadata server that cannot name its project is passed over, as gcp_auth does.
    server.respond(google({ noProject: true }));
    const noProject = await buildRequest(
      run(client(), env({ GCE_METADATA_HOST: metadataHost(), PATH: gcloudPath('ya29.cli2') })),
    );
    expect(noProject.headers.authorization).toBe('Bearer ya29.cli2');
    // A project_id option wins over the one the credentials give.
    const pinned = await buildRequest(
      run(located({ project_id: 'mine' }), env({ PATH: gcloudPath('ya29.cli') })),
    );
    expect(pinned.url).toContain('/projects/mine/');
  });

  it('names every strategy it tried when none works, and refuses like BAML', async () => {
    const e = env({ HOME: home(user({ type: 'impersonated_service_account' })) });
    const err = await buildRequest(run(client(), e)).catch((x) => x);
    expect(err).toBeInstanceOf(BamlError);
    expect(err.message).toMatch(
      /^Failed to auth - system_default strategy did not resolve successfully\. Errors encountered: \[Failed to auth using GcloudApplicationDefaultCredentials strategy: .*"impersonated_service_account".*, Failed to auth using MetadataServiceAccount strategy: .*, Failed to auth using GCloudAuthorizedUser strategy: running `gcloud` command failed\]$/s,
    );
    const onCall = await callLlm(run(client(), e)).catch((x) => x);
    expect(onCall).toBeInstanceOf(BamlClientHttpError);
    expect(onCall.status_code).toBe(2);
    expect(server.requests).toHaveLength(0);
    const noHome = await buildRequest(
      run(client(), { GCE_METADATA_HOST: deadMetadata(), PATH: gcloudPath() } as unknown as Env),
    ).catch((x) => x);
    expect(noHome.message).toContain(
      'Failed to auth using GcloudApplicationDefaultCredentials strategy: home directory not found',
    );
  });

  it('prefers credentials the client names, including authorized_user ones', async () => {
    server.respond(google());
    const e = env({
      HOME: home(user({ refresh_token: 'adc-file-token' })),
      GCE_METADATA_HOST: metadataHost(),
    });
    await callLlm(run(client({ credentials: user({ refresh_token: 'named-token' }) }), e));
    expect(requestsTo('/user-token').map((r) => r.body.refresh_token)).toEqual(['named-token']);
    await callLlm(
      run(client(), {
        ...e,
        GOOGLE_APPLICATION_CREDENTIALS: JSON.stringify(user({ refresh_token: 'env-token' })),
      }),
    );
    expect(requestsTo('/user-token').map((r) => r.body.refresh_token)).toEqual([
      'named-token',
      'env-token',
    ]);
    expect(requestsTo('/computeMetadata/')).toHaveLength(0);
  });

  it('reuses a token until shortly before it expires, then refreshes it (ADC file, metadata)', async () => {
    server.respond(google());
    const start = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      for (const e of [env({ HOME: home(user()) }), env({ GCE_METADATA_HOST: metadataHost() })]) {
        clock.mockReturnValue(start);
        await callLlm(run(client(), e));
        clock.mockReturnValue(start + 50 * 60_000); // 50 minutes on: still fresh
        await callLlm(run(client(), e));
        clock.mockReturnValue(start + 3599_000 - 30_000); // 30 s before it expires
        await callLlm(run(client(), e));
      }
    } finally {
      clock.mockRestore();
    }
    expect(modelRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer ya29.user-1',
      'Bearer ya29.user-1',
      'Bearer ya29.user-2',
      'Bearer ya29.meta-1',
      'Bearer ya29.meta-1',
      'Bearer ya29.meta-2',
    ]);
    expect(requestsTo('/user-token')).toHaveLength(2);
  });

  it('keeps refresh tokens, client secrets and access tokens out of errors', async () => {
    // A token endpoint that echoes what it got, as text, with an error status.
    server.respond((req, res) => {
      if (req.url === '/user-token') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end(`could not refresh ${JSON.stringify(req.body)}`);
      }
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`metadata trouble for ${REFRESH_TOKEN}`);
    });
    const e = env({ HOME: home(user()), GCE_METADATA_HOST: metadataHost() });
    const errors = [
      await buildRequest(run(client(), e)).catch((x) => x),
      await callLlm(run(client(), e)).catch((x) => x),
      await callLlm(run(client({ credentials: user() }), e)).catch((x) => x),
    ];
    for (const err of errors) {
      const shown = `${err.message} ${String(err)} ${JSON.stringify(err)}`;
      expect(shown).toContain('Failed to get an access token');
      expect(shown).not.toContain(REFRESH_TOKEN);
      expect(shown).not.toContain(CLIENT_SECRET);
    }
    // An OAuth refusal says what went wrong, still without the secrets.
    server.respond(
      json(
        { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
        400,
      ),
    );
    const refused = await buildRequest(run(client({ credentials: user() }), e)).catch((x) => x);
    expect(refused.message).toContain('400 invalid_grant: Token has been expired or revoked.');
    expect(refused.message).not.toContain(REFRESH_TOKEN);
  });

  it('takes the project from a service account and asks for one with an API key', async () => {
    const noProject = await buildRequest(
      run(located({ query_params: { key: 'vk' } }), env()),
    ).catch((x) => x);
    expect(noProject).toBeInstanceOf(BamlError);
    expect(noProject.message).toBe(
      "options.project_id is required when using API key auth with Vertex 'location' URLs;",
    );
    const { quota_project_id: _, ...noQuota } = user();
    const userNoProject = await buildRequest(run(located({ credentials: noQuota }), env())).catch(
      (x) => x,
    );
    expect(userNoProject.message).toBe('no project ID in user credentials');
  });

  it('finds the ADC file where gcloud keeps it on each platform', () => {
    expect(adcFilePath({ HOME: '/home/ada' })).toBe(
      '/home/ada/.config/gcloud/application_default_credentials.json',
    );
    expect(adcFilePath({ HOME: '/home/ada', CLOUDSDK_CONFIG: '/etc/gcloud/' })).toBe(
      '/etc/gcloud/application_default_credentials.json',
    );
    const platform = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      expect(adcFilePath({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' })).toBe(
        'C:\\Users\\ada\\AppData\\Roaming\\gcloud\\application_default_credentials.json',
      );
      expect(() => adcFilePath({ HOME: '/home/ada' })).toThrow(
        'APPDATA environment variable not found',
      );
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
